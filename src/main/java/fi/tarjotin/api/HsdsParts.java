package fi.tarjotin.api;

import static fi.tarjotin.api.HsdsDocuments.EXTENSION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.Taxonomies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The small HSDS objects several records share — phones, schedules, addresses, languages — and the
 * rules for texts, links and child ids that every HSDS object follows (see {@link HsdsDocuments}).
 */
@Component
class HsdsParts {

    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    private static final Map<String, String> WEEKDAYS = Map.of("monday", "MO", "tuesday", "TU", "wednesday", "WE",
            "thursday", "TH", "friday", "FR", "saturday", "SA", "sunday", "SU");

    private final ObjectMapper json;
    private final Taxonomies taxonomies;

    HsdsParts(ObjectMapper json, Taxonomies taxonomies) {
        this.json = json;
        this.taxonomies = taxonomies;
    }

    ArrayNode phones(UUID parent, JsonNode phones, String language) {
        ArrayNode hsds = json.createArrayNode();
        int index = 0;
        for (JsonNode phone : phones) {
            ObjectNode item = hsds.addObject();
            item.put("id", childId(parent, "phone", index++).toString());
            item.put("number", phone.path("number").asText());
            item.put("type", switch (phone.path("kind").asText("voice")) {
                case "sms" -> "text";
                case "fax" -> "fax";
                default -> "voice";
            });
            putText(item, "description", phone.path("description"), language);
            if (phone.has("description") || phone.has("chargeDescription") || phone.has("chargeType")
                    || phone.has("languages")) {
                ObjectNode extension = item.putObject(EXTENSION);
                copy(extension, "description", phone.path("description"));
                copy(extension, "charge_description", phone.path("chargeDescription"));
                putString(extension, "charge_type", phone.path("chargeType"));
                copy(extension, "languages", phone.path("languages"));
            }
        }
        return hsds;
    }

    ArrayNode schedules(UUID parent, JsonNode openingHours, String language) {
        ArrayNode hsds = json.createArrayNode();
        int index = 0;
        for (JsonNode period : openingHours) {
            ObjectNode item = hsds.addObject();
            item.put("id", childId(parent, "schedule", index++).toString());
            String weekday = WEEKDAYS.get(period.path("day").asText(""));
            if (weekday != null) {
                item.put("freq", "WEEKLY");
                item.put("byday", weekday);
            }
            putString(item, "valid_from", period.path("validFrom"));
            putString(item, "valid_to", period.path("validTo"));
            putString(item, "opens_at", period.path("opens"));
            putString(item, "closes_at", period.path("closes"));
            putText(item, "description", period.path("description"), language);
            ObjectNode extension = item.putObject(EXTENSION);
            putString(extension, "kind", period.path("kind"));
            putString(extension, "status", period.path("status"));
            putString(extension, "holiday", period.path("holiday"));
            copy(extension, "description", period.path("description"));
            copy(extension, "heading", period.path("heading"));
            putString(extension, "repetition", period.path("repetition"));
            copy(extension, "years", period.path("years"));
        }
        return hsds;
    }

    ArrayNode addresses(UUID parent, JsonNode addresses, String language) {
        ArrayNode hsds = json.createArrayNode();
        int index = 0;
        for (JsonNode address : addresses) {
            String street = join(text(address.path("street"), language), address.path("streetNumber").asText(""));
            String municipality = address.path("municipality").asText("");
            Map<String, String> municipalityRow = taxonomies.municipalities().get(municipality);
            String city = text(address.path("postOffice"), language);
            if (city.isEmpty() && municipalityRow != null) {
                city = municipalityRow.getOrDefault("sv".equals(language) ? "name_sv" : "name_fi", "");
            }
            String county = municipalityRow == null ? null : municipalityRow.get("wellbeing_services_county");
            Map<String, String> countyRow = county == null ? null : taxonomies.wellbeingServicesCounties().get(county);
            ObjectNode item = hsds.addObject();
            item.put("id", childId(parent, "address", index++).toString());
            item.put("location_id", parent.toString());
            item.put("address_1", street);
            item.put("city", city);
            item.put("state_province", countyRow == null ? "" : countyRow.get("sv".equals(language) ? "name_sv" : "name_fi"));
            item.put("postal_code", address.path("postalCode").asText(""));
            item.put("country", address.path("country").asText("FI"));
            putText(item, "attention", address.path("recipient"), language);
            // A printable form's delivery address is where mail goes: HSDS's postal type.
            item.put("address_type", "visiting".equals(address.path("kind").asText("visiting")) ? "physical" : "postal");
            ObjectNode extension = item.putObject(EXTENSION);
            putString(extension, "kind", address.path("kind"));
            putString(extension, "municipality", address.path("municipality"));
            copy(extension, "recipient", address.path("recipient"));
            putString(extension, "coordinates_source", address.path("coordinatesSource"));
            putString(extension, "accessibility_register_id", address.path("accessibilityRegisterId"));
            putString(extension, "street_source", address.path("streetSource"));
            copy(extension, "street", address.path("street"));
            copy(extension, "post_office", address.path("postOffice"));
            copy(extension, "additional_information", address.path("additionalInformation"));
        }
        return hsds;
    }

    ArrayNode languages(UUID parent, JsonNode codes, String language) {
        ArrayNode hsds = json.createArrayNode();
        int index = 0;
        for (JsonNode code : codes) {
            hsds.addObject().put("id", childId(parent, "language", index++).toString())
                    .put("name", Locale.forLanguageTag(code.asText()).getDisplayLanguage(Locale.forLanguageTag(language)))
                    .put("code", code.asText());
        }
        return hsds;
    }

    /** The text in the language asked for, else in Finnish, Swedish or English; "" when there is none. */
    static String text(JsonNode localized, String language) {
        if (localized.hasNonNull(language)) {
            return localized.get(language).asText();
        }
        for (String fallback : LANGUAGES) {
            if (localized.hasNonNull(fallback)) {
                return localized.get(fallback).asText();
            }
        }
        return "";
    }

    static void putText(ObjectNode hsds, String field, JsonNode localized, String language) {
        String text = text(localized, language);
        if (!text.isEmpty()) {
            hsds.put(field, text);
        }
    }

    static void putString(ObjectNode hsds, String field, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            hsds.put(field, value.asText());
        }
    }

    static void copy(ObjectNode target, String field, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull()) {
            target.set(field, value.deepCopy());
        }
    }

    /** Only absolute http(s) URLs: HSDS declares the field a URI, and a tray links to it. */
    static void putUrl(ObjectNode hsds, String field, JsonNode value) {
        if (!value.isTextual()) {
            return;
        }
        try {
            URI uri = new URI(value.asText().strip());
            if (uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                hsds.put(field, uri.toString());
            }
        } catch (java.net.URISyntaxException e) {
            // Left out: a malformed address is worse than none in a link.
        }
    }

    static void putEmail(ObjectNode hsds, String field, JsonNode value) {
        if (value.isTextual() && value.asText().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            hsds.put(field, value.asText());
        }
    }

    static String join(String street, String number) {
        return number.isBlank() ? street : (street + " " + number).strip();
    }

    static UUID childId(UUID parent, String kind, int index) {
        return UUID.nameUUIDFromBytes((parent + "/" + kind + "/" + index).getBytes(StandardCharsets.UTF_8));
    }

}
