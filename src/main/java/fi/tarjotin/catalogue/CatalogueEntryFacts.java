package fi.tarjotin.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.Taxonomies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * What the read model needs from one entity document: the source's references, and the values the
 * three clicks, search and sorting work on. Counties are
 * expanded into their municipalities here, so a service offered in a wellbeing services county matches
 * a filter on any of its municipalities.
 */
@Component
public class CatalogueEntryFacts {

    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    /** Characters of a name the sort key keeps (the read model's check constraint allows no more). */
    static final int SORT_KEY_LENGTH = 200;
    private static final Set<String> SEARCHED = Set.of("service", "organization");

    private final Taxonomies taxonomies;
    private final ObjectMapper json;

    CatalogueEntryFacts(Taxonomies taxonomies, ObjectMapper json) {
        this.taxonomies = taxonomies;
        this.json = json;
    }

    /**
     * The facts as one JSON object the publisher's SQL reads: {@code source}, {@code organizationRef},
     * {@code serviceRef}, {@code locationRef}, {@code sortName}, {@code categories}, {@code needs},
     * {@code municipalities}, {@code coverage}, {@code languages}, where the entry's address is
     * ({@code latitude}, {@code longitude}, {@code postalCode}, {@code addressMunicipality}, when it has one),
     * and {@code texts} by search weight (A names, B keywords, C summaries, D descriptions) and language.
     */
    public ObjectNode facts(String entityType, JsonNode document) {
        ObjectNode facts = json.createObjectNode();
        facts.put("source", document.path("provenance").path("source").asText("unknown"));
        putRef(facts, "organizationRef", document.path("organization"));
        putRef(facts, "serviceRef", document.path("service"));
        putRef(facts, "locationRef", document.path("location"));
        facts.put("sortName", sortName(document.path("name")));
        facts.set("categories", json.valueToTree(strings(document.path("categories"))));
        facts.set("needs", json.valueToTree(needs(document)));
        facts.set("languages", json.valueToTree(strings(document.path("languages"))));
        coverage(document, facts);
        address(document, facts);
        ObjectNode texts = facts.putObject("texts");
        if (!SEARCHED.contains(entityType)) {
            // Locations and links are found through their services: no search vector to build and index.
            for (String weight : List.of("A", "B", "C", "D")) {
                texts.putObject(weight);
            }
            return facts;
        }
        ObjectNode names = texts.putObject("A");
        ObjectNode keywords = texts.putObject("B");
        ObjectNode summaries = texts.putObject("C");
        ObjectNode descriptions = texts.putObject("D");
        for (String language : LANGUAGES) {
            names.put(language, join(document.path("name").path(language), document.path("alternateName").path(language)));
            keywords.put(language, String.join(" ", strings(document.path("keywords").path(language))));
            summaries.put(language, join(document.path("summary").path(language)));
            descriptions.put(language, join(document.path("descriptionText").path(language),
                    document.path("userInstructions").path(language)));
        }
        return facts;
    }

    private void coverage(JsonNode document, ObjectNode facts) {
        JsonNode area = document.path("area");
        String scope = area.path("scope").asText("limited");
        TreeSet<String> municipalities = new TreeSet<>();
        if ("limited".equals(scope) || !scope.startsWith("whole-country")) {
            scope = "limited";
            municipalities.addAll(strings(area.path("municipalities")));
            for (String county : strings(area.path("wellbeingServicesCounties"))) {
                municipalities.addAll(taxonomies.municipalitiesOfCounty(county));
            }
            for (JsonNode address : document.path("addresses")) {
                if (address.hasNonNull("municipality")) {
                    municipalities.add(address.get("municipality").asText());
                }
            }
        }
        facts.put("coverage", scope);
        facts.set("municipalities", json.valueToTree(municipalities));
    }

    /**
     * The place of the address with coordinates (the one the API gives as the location's latitude and
     * longitude), else of the first address: services at locations near a postcode or a point use it.
     */
    private static void address(JsonNode document, ObjectNode facts) {
        JsonNode chosen = null;
        for (JsonNode address : document.path("addresses")) {
            if (address.has("coordinates")) {
                chosen = address;
                break;
            }
            if (chosen == null) {
                chosen = address;
            }
        }
        if (chosen == null) {
            return;
        }
        if (chosen.has("coordinates")) {
            facts.put("latitude", chosen.path("coordinates").path("latitude").asDouble());
            facts.put("longitude", chosen.path("coordinates").path("longitude").asDouble());
        }
        if (chosen.hasNonNull("postalCode")) {
            facts.put("postalCode", chosen.get("postalCode").asText());
        }
        if (chosen.hasNonNull("municipality")) {
            facts.put("addressMunicipality", chosen.get("municipality").asText());
        }
    }

    private static void putRef(ObjectNode facts, String field, JsonNode reference) {
        if (reference.isTextual() && !reference.asText().isBlank()) {
            facts.put(field, reference.asText());
        }
    }

    /**
     * Lower-cased Finnish name (Swedish, English when there is none), the order lists are sorted in. Only its
     * first {@value #SORT_KEY_LENGTH} characters: the key is in a B-tree index, whose rows have a size limit,
     * and no two names are told apart that late.
     */
    private static String sortName(JsonNode name) {
        for (String language : LANGUAGES) {
            if (name.hasNonNull(language)) {
                String lowerCase = name.get(language).asText().toLowerCase(Locale.ROOT);
                return lowerCase.codePointCount(0, lowerCase.length()) <= SORT_KEY_LENGTH ? lowerCase
                        : lowerCase.substring(0, lowerCase.offsetByCodePoints(0, SORT_KEY_LENGTH));
            }
        }
        return "";
    }

    /** The needs a service is found by: those its sources gave, then those inferred from its words. */
    private static List<String> needs(JsonNode document) {
        java.util.Set<String> needs = new java.util.LinkedHashSet<>(strings(document.path("needs")));
        document.path("inferredNeeds").forEach(inferred -> needs.add(inferred.path("need").asText()));
        return List.copyOf(needs);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String join(JsonNode... texts) {
        StringBuilder joined = new StringBuilder();
        for (JsonNode text : texts) {
            if (text.isTextual()) {
                joined.append(joined.isEmpty() ? "" : " ").append(text.asText());
            }
        }
        return joined.toString();
    }
}
