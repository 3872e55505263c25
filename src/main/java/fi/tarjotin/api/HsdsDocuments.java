package fi.tarjotin.api;

import static fi.tarjotin.api.HsdsParts.childId;
import static fi.tarjotin.api.HsdsParts.putEmail;
import static fi.tarjotin.api.HsdsParts.putText;
import static fi.tarjotin.api.HsdsParts.putUrl;
import static fi.tarjotin.api.HsdsParts.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.api.TaxonomyTerms.Term;
import fi.tarjotin.api.TaxonomyTerms.Vocabulary;
import fi.tarjotin.catalogue.CatalogueEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns published entries into HSDS 3.0 objects. HSDS text fields carry one language (the request's,
 * falling back to Finnish, Swedish, English); the Tarjotin profile adds a {@code tarjotin} object with
 * every language, the tray's codes, the area and the provenance (see docs/hsds-profile.md). Ids of child
 * objects (phones, schedules, addresses) are name-based on their parent's id and position, so they are
 * as stable as the parent's.
 */
@Component
public class HsdsDocuments {

    /** The field every profile addition lives under. */
    public static final String EXTENSION = "tarjotin";
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    private static final Set<String> REFERENCES = Set.of("organization", "service", "location");
    // Where a document's values came from: published as tarjotin.provenance and tarjotin.field_provenance.
    private static final Set<String> PROVENANCE_MEMBERS = Set.of("provenance", "sources", "fieldSources");
    private static final Map<String, String> WHOLE_COUNTRY = Map.of("fi", "Koko Suomi", "sv", "Hela Finland",
            "en", "The whole of Finland");
    private static final Map<String, String> WHOLE_COUNTRY_EXCEPT_ALAND = Map.of("fi", "Koko Suomi paitsi Ahvenanmaa",
            "sv", "Hela Finland utom Åland", "en", "The whole of Finland except Åland");

    private final ObjectMapper json;
    private final TaxonomyTerms terms;
    private final HsdsParts parts;
    private final Freshness freshness;

    HsdsDocuments(ObjectMapper json, TaxonomyTerms terms, HsdsParts parts, Freshness freshness) {
        this.json = json;
        this.terms = terms;
        this.parts = parts;
        this.freshness = freshness;
    }

    // ---- services -------------------------------------------------------------------------------------

    /** A service as list endpoints give it: its own fields and its organisation, no child arrays. */
    public ObjectNode serviceListItem(CatalogueEntry service, CatalogueEntry organization, String language) {
        JsonNode document = read(service);
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", service.entityId().toString());
        if (service.organizationId() != null) {
            hsds.put("organization_id", service.organizationId().toString());
        }
        hsds.put("name", text(document.path("name"), language));
        putText(hsds, "alternate_name", document.path("alternateName"), language);
        hsds.put("description", description(document, language));
        putUrl(hsds, "url", document.path("webPages").path(0).path("url"));
        putEmail(hsds, "email", document.path("emails").path(0).path("address"));
        hsds.put("status", service.active() ? "active" : "inactive");
        putText(hsds, "application_process", document.path("userInstructions"), language);
        putText(hsds, "eligibility_description", document.path("conditions"), language);
        putText(hsds, "fees_description", document.path("chargeDescription"), language);
        putDates(hsds, service);
        if (organization != null) {
            hsds.set("organization", organizationListItem(organization, language));
        }
        hsds.set(EXTENSION, extension(service, document, List.of("name", "alternateName", "summary", "categories",
                "needs", "inferredNeeds", "area", "languages", "chargeType", "chargeDescription", "keywords")));
        return hsds;
    }

    /**
     * A service as HSDS {@code minimal} lists give it: the fields that identify it and say whether it
     * changed, nothing nested and no profile member (a client syncing ids asks for the rest by id).
     */
    public ObjectNode serviceMinimal(CatalogueEntry service, String language) {
        JsonNode document = read(service);
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", service.entityId().toString());
        if (service.organizationId() != null) {
            hsds.put("organization_id", service.organizationId().toString());
        }
        hsds.put("name", text(document.path("name"), language));
        hsds.put("status", service.active() ? "active" : "inactive");
        putDates(hsds, service);
        return hsds;
    }

    /** A service with everything HSDS nests in it: phones, areas, languages, attributes, its locations. */
    public ObjectNode service(CatalogueEntry service, CatalogueEntry organization,
            List<CatalogueEntry> servicesAtLocations, Map<UUID, CatalogueEntry> locations, String language) {
        JsonNode document = read(service);
        ObjectNode hsds = serviceListItem(service, organization, language);
        hsds.set("phones", parts.phones(service.entityId(), document.path("phones"), language));
        hsds.set("service_areas", serviceAreas(service.entityId(), document.path("area"), language));
        hsds.set("languages", parts.languages(service.entityId(), document.path("languages"), language));
        hsds.set("attributes", attributes(service.entityId(), document, language));
        ArrayNode funding = hsds.putArray("funding");
        if (document.hasNonNull("fundingType")) {
            funding.addObject().put("id", childId(service.entityId(), "funding", 0).toString())
                    .put("service_id", service.entityId().toString())
                    .put("source", document.get("fundingType").asText());
        }
        ArrayNode links = hsds.putArray("service_at_locations");
        for (CatalogueEntry link : servicesAtLocations) {
            CatalogueEntry location = locations.get(link.locationId());
            if (location != null && location.active()) {
                links.add(serviceAtLocation(link, null, location, language));
            }
        }
        hsds.set(EXTENSION, extension(service, document, null));
        return hsds;
    }

    // ---- organisations --------------------------------------------------------------------------------

    public ObjectNode organizationListItem(CatalogueEntry organization, String language) {
        JsonNode document = read(organization);
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", organization.entityId().toString());
        hsds.put("name", text(document.path("name"), language));
        putText(hsds, "alternate_name", document.path("alternateName"), language);
        hsds.put("description", description(document, language));
        putEmail(hsds, "email", document.path("emails").path(0).path("address"));
        putUrl(hsds, "website", document.path("webPages").path(0).path("url"));
        hsds.set(EXTENSION, extension(organization, document, List.of("name", "alternateName", "summary",
                "organizationType", "area")));
        return hsds;
    }

    public ObjectNode organization(CatalogueEntry organization, List<CatalogueEntry> services, String language) {
        JsonNode document = read(organization);
        ObjectNode hsds = organizationListItem(organization, language);
        hsds.set("phones", parts.phones(organization.entityId(), document.path("phones"), language));
        ArrayNode identifiers = hsds.putArray("organization_identifiers");
        if (document.hasNonNull("businessId")) {
            identifiers.addObject().put("id", childId(organization.entityId(), "organization_identifier", 0).toString())
                    .put("identifier_type", "Y-tunnus (Finnish business id)")
                    .put("identifier", document.get("businessId").asText());
        }
        if (document.hasNonNull("oid")) {
            identifiers.addObject().put("id", childId(organization.entityId(), "organization_identifier", 1).toString())
                    .put("identifier_scheme", "OID")
                    .put("identifier_type", "OID (public sector object identifier)")
                    .put("identifier", document.get("oid").asText());
        }
        ArrayNode list = hsds.putArray("services");
        services.forEach(service -> list.add(serviceListItem(service, null, language)));
        hsds.set(EXTENSION, extension(organization, document, null));
        return hsds;
    }

    // ---- services at locations ------------------------------------------------------------------------

    /** A link of a service to a location, with the location nested (and the service, when given). */
    public ObjectNode serviceAtLocation(CatalogueEntry link, CatalogueEntry service, CatalogueEntry location,
            String language) {
        JsonNode document = read(link);
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", link.entityId().toString());
        if (link.serviceId() != null) {
            hsds.put("service_id", link.serviceId().toString());
        }
        if (link.locationId() != null) {
            hsds.put("location_id", link.locationId().toString());
        }
        putText(hsds, "description", document.path("description").isMissingNode()
                ? document.path("descriptionText") : document.path("description"), language);
        hsds.set("phones", parts.phones(link.entityId(), document.path("phones"), language));
        hsds.set("schedules", parts.schedules(link.entityId(), document.path("openingHours"), language));
        if (location != null) {
            hsds.set("location", location(location, language));
        }
        if (service != null) {
            hsds.set("service", serviceListItem(service, null, language));
        }
        hsds.set(EXTENSION, extension(link, document, null));
        return hsds;
    }

    public ObjectNode location(CatalogueEntry location, String language) {
        JsonNode document = read(location);
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", location.entityId().toString());
        if (location.organizationId() != null) {
            hsds.put("organization_id", location.organizationId().toString());
        }
        boolean physical = "service-location".equals(document.path("channelType").asText("service-location"));
        hsds.put("location_type", physical ? "physical" : "virtual");
        if (!physical) {
            putUrl(hsds, "url", document.path("webPages").path(0).path("url"));
        }
        putText(hsds, "name", document.path("name"), language);
        putText(hsds, "alternate_name", document.path("alternateName"), language);
        String description = description(document, language);
        if (!description.isEmpty()) {
            hsds.put("description", description);
        }
        for (JsonNode address : document.path("addresses")) {
            if (address.has("coordinates")) {
                hsds.put("latitude", address.path("coordinates").path("latitude").asDouble());
                hsds.put("longitude", address.path("coordinates").path("longitude").asDouble());
                break;
            }
        }
        hsds.set("addresses", parts.addresses(location.entityId(), document.path("addresses"), language));
        hsds.set("phones", parts.phones(location.entityId(), document.path("phones"), language));
        hsds.set("schedules", parts.schedules(location.entityId(), document.path("openingHours"), language));
        hsds.set("languages", parts.languages(location.entityId(), document.path("languages"), language));
        ArrayNode accessibility = hsds.putArray("accessibility");
        if (document.has("accessibility")) {
            accessibility.addObject().put("id", childId(location.entityId(), "accessibility", 0).toString())
                    .put("location_id", location.entityId().toString())
                    .put("description", text(document.path("accessibility"), language));
        }
        hsds.set(EXTENSION, extension(location, document, null));
        return hsds;
    }

    // ---- taxonomies -----------------------------------------------------------------------------------

    public ObjectNode taxonomy(Vocabulary vocabulary, String language) {
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", vocabulary.id().toString());
        hsds.put("name", vocabulary.name(language));
        hsds.put("description", vocabulary.description());
        ObjectNode extension = hsds.putObject(EXTENSION);
        extension.put("filter_parameter", vocabulary.filterName());
        ObjectNode names = extension.putObject("name");
        LANGUAGES.forEach(code -> names.put(code, vocabulary.name(code)));
        return hsds;
    }

    public ObjectNode taxonomyTerm(Term term, String language) {
        ObjectNode hsds = json.createObjectNode();
        hsds.put("id", term.id().toString());
        hsds.put("code", term.code());
        hsds.put("name", term.name(language));
        hsds.put("description", term.description());
        if (term.parentCode() != null) {
            terms.find(term.vocabulary(), term.parentCode())
                    .ifPresent(parent -> hsds.put("parent_id", parent.id().toString()));
        }
        hsds.put("taxonomy", term.vocabulary().name(language));
        hsds.put("taxonomy_id", term.vocabulary().id().toString());
        hsds.put("language", language);
        ObjectNode extension = hsds.putObject(EXTENSION);
        extension.set("name", json.valueToTree(term.names()));
        if (term.county()) {
            extension.put("kind", "wellbeing-services-county");
        }
        return hsds;
    }

    // ---- parts ----------------------------------------------------------------------------------------

    private ArrayNode serviceAreas(UUID service, JsonNode area, String language) {
        ArrayNode hsds = json.createArrayNode();
        String scope = area.path("scope").asText("limited");
        if (scope.startsWith("whole-country")) {
            Map<String, String> names = "whole-country".equals(scope) ? WHOLE_COUNTRY : WHOLE_COUNTRY_EXCEPT_ALAND;
            ObjectNode item = hsds.addObject();
            item.put("id", childId(service, "service_area", 0).toString());
            item.put("service_id", service.toString());
            item.put("name", names.getOrDefault(language, names.get("fi")));
            item.putObject(EXTENSION).put("scope", scope);
            return hsds;
        }
        int index = 0;
        for (JsonNode county : area.path("wellbeingServicesCounties")) {
            addArea(hsds, service, index++, terms.find(Vocabulary.MUNICIPALITY, "county-" + county.asText()), language,
                    "wellbeing_services_county", county.asText());
        }
        for (JsonNode municipality : area.path("municipalities")) {
            addArea(hsds, service, index++, terms.find(Vocabulary.MUNICIPALITY, municipality.asText()), language,
                    "municipality", municipality.asText());
        }
        return hsds;
    }

    private void addArea(ArrayNode areas, UUID service, int index, Optional<Term> term, String language,
            String kind, String code) {
        ObjectNode item = areas.addObject();
        item.put("id", childId(service, "service_area", index).toString());
        item.put("service_id", service.toString());
        item.put("name", term.map(found -> found.name(language)).orElse(code));
        item.putObject(EXTENSION).put(kind, code);
    }

    /** Activity categories and needs as HSDS attributes linking the service to taxonomy terms. */
    private ArrayNode attributes(UUID service, JsonNode document, String language) {
        ArrayNode hsds = json.createArrayNode();
        addAttributes(hsds, service, Vocabulary.CATEGORY, document.path("categories"), language);
        addAttributes(hsds, service, Vocabulary.NEED, document.path("needs"), language);
        // Inferred needs link the same terms; tarjotin.inferred_needs says which they are and why.
        ArrayNode inferred = json.createArrayNode();
        document.path("inferredNeeds").forEach(need -> inferred.add(need.path("need")));
        addAttributes(hsds, service, Vocabulary.NEED, inferred, language);
        return hsds;
    }

    private void addAttributes(ArrayNode attributes, UUID service, Vocabulary vocabulary, JsonNode codes,
            String language) {
        for (JsonNode code : codes) {
            terms.find(vocabulary, code.asText()).ifPresent(term -> attributes.addObject()
                    .put("id", UUID.nameUUIDFromBytes((service + "/attribute/" + term.id())
                            .getBytes(StandardCharsets.UTF_8)).toString())
                    .put("link_id", service.toString())
                    .put("link_type", vocabulary.filterName())
                    .put("link_entity", "service")
                    .put("taxonomy_term_id", term.id().toString())
                    .put("value", term.code())
                    .set("taxonomy_term", taxonomyTerm(term, language)));
        }
    }

    /**
     * The profile's additions: the entity's status, every language of its texts, its codes and area, and
     * provenance. With {@code fields} null, the whole public document (snake_case) is included.
     */
    private ObjectNode extension(CatalogueEntry entry, JsonNode document, List<String> fields) {
        ObjectNode extension = json.createObjectNode();
        extension.put("status", entry.status());
        freshness.put(extension, entry);
        putSourceModifiedAt(extension, document);
        Iterator<Map.Entry<String, JsonNode>> properties = document.fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            if (REFERENCES.contains(name) || PROVENANCE_MEMBERS.contains(name)
                    || (fields != null && !fields.contains(name))) {
                continue;
            }
            extension.set(snakeCase(name), snakeCaseKeys(property.getValue()));
        }
        if (entry.successorId() != null) {
            extension.put("successor_id", entry.successorId().toString());
        }
        ArrayNode provenance = extension.putArray("provenance");
        if (document.has("sources")) {
            document.get("sources").forEach(source -> provenance.add(snakeCaseKeys(source)));
        } else if (document.has("provenance")) {
            provenance.add(snakeCaseKeys(document.get("provenance")));
        }
        extension.set("field_provenance", fieldProvenance(document, fields));
        return extension;
    }

    /**
     * Per published field, the positions in {@code provenance} of the source records its value came from: the
     * survivorship rules' choice for a merged entity, the one record for any other.
     */
    private ObjectNode fieldProvenance(JsonNode document, List<String> fields) {
        ObjectNode byField = json.createObjectNode();
        JsonNode chosen = document.path("fieldSources");
        Iterator<String> names = document.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (PROVENANCE_MEMBERS.contains(name) || (fields != null && !fields.contains(name))) {
                continue;
            }
            if (chosen.has(name)) {
                byField.set(snakeCase(name), chosen.get(name).deepCopy());
            } else {
                byField.putArray(snakeCase(name)).add(0);
            }
        }
        return byField;
    }

    // ---- small helpers --------------------------------------------------------------------------------

    /**
     * When the sources last changed the record (the latest of its source records' own modification
     * times). HSDS {@code last_modified} stays what HSDS means: when this catalogue's record changed.
     */
    private static void putSourceModifiedAt(ObjectNode extension, JsonNode document) {
        List<JsonNode> sources = new ArrayList<>();
        document.path("sources").forEach(sources::add);
        if (sources.isEmpty() && document.has("provenance")) {
            sources.add(document.get("provenance"));
        }
        Instant latest = null;
        for (JsonNode source : sources) {
            if (source.hasNonNull("sourceModifiedAt")) {
                Instant modified = Instant.parse(source.get("sourceModifiedAt").asText());
                latest = latest == null || modified.isAfter(latest) ? modified : latest;
            }
        }
        if (latest != null) {
            extension.put("source_modified_at", latest.toString());
        }
    }

    private static void putDates(ObjectNode hsds, CatalogueEntry entry) {
        if (entry.assuredDate() != null) {
            hsds.put("assured_date", entry.assuredDate().toString());
        }
        hsds.put("last_modified", entry.lastModified().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** Plain-text description: the long text, or the summary when there is none. */
    private static String description(JsonNode document, String language) {
        String description = text(document.path("descriptionText"), language);
        return description.isEmpty() ? text(document.path("summary"), language) : description;
    }

    private JsonNode snakeCaseKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(snakeCase(field.getKey()), snakeCaseKeys(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(item -> copy.add(snakeCaseKeys(item)));
            return copy;
        }
        return node;
    }

    /** camelCase to snake_case; language keys (fi, sv, en) and codes are already lower case. */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (char character : name.toCharArray()) {
            if (Character.isUpperCase(character)) {
                snake.append('_').append(Character.toLowerCase(character));
            } else {
                snake.append(character);
            }
        }
        return snake.toString();
    }

    private static JsonNode read(CatalogueEntry entry) {
        return entry.document();
    }
}
