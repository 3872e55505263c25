package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import fi.tarjotin.support.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is the contract: every path it lists is called, and every response — every item
 * of every list, every record by id, in each language, errors too — must validate against the schema
 * the document gives for that path, status and media type. Those schemas are the HSDS 3.0 JSON schemas
 * (draft 2020-12, formats asserted: ids must be UUIDs, dates dates, URLs URIs).
 */
class OpenApiContractTests extends CatalogueApiTestSupport {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private final Set<String> calledPaths = new TreeSet<>();
    private int validatedResponses;

    @Test
    void everyListAndEveryRecordValidatesInEveryLanguage() {
        for (String language : List.of("fi", "sv", "en")) {
            validate("/", "/", 200);
            for (String list : List.of("/services", "/organizations", "/service_at_locations", "/taxonomies",
                    "/taxonomy_terms")) {
                JsonNode page = validate(list, list + "?per_page=100&language=" + language, 200);
                for (int number = 2; number <= page.path("total_pages").asInt(); number++) {
                    validate(list, list + "?per_page=100&language=" + language + "&page=" + number, 200);
                }
                allIds(list).forEach(id -> validate(list + "/{id}", list + "/" + id + "?language=" + language, 200));
            }
            validate("/services/facets", "/services/facets?language=" + language, 200);
        }
        assertThat(validatedResponses).isGreaterThan(3 * (16 + 6 + 13 + 3 + 330));
    }

    @Test
    void filteredListsChangeFeedsAndNdjsonStreamsValidate() {
        validate("/services", "/services?need=yksinaisyys&category=vertaistuki&municipality=297", 200);
        validate("/services", "/services?search=omaishoitaja&service_language=fi", 200);
        validate("/services", "/services?modified_after=2000-01-01", 200);
        validate("/services/facets", "/services/facets?municipality=478&search=kamratstöd", 200);
        validate("/organizations", "/organizations?category=vertaistuki&municipality=749", 200);
        validate("/service_at_locations", "/service_at_locations?need=ikaantyminen", 200);
        for (String list : List.of("/services", "/organizations", "/service_at_locations")) {
            validateLines(list, list + "?format=ndjson");
        }
    }

    @Test
    void errorsValidateAsProblems() {
        validate("/services", "/services?per_page=1000", 400);
        validate("/services/facets", "/services/facets?need=no-such-need", 400);
        validate("/services/{id}", "/services/not-a-uuid", 400);
        validate("/services/{id}", "/services/00000000-0000-0000-0000-000000000000", 404);
        validate("/organizations/{id}", "/organizations/00000000-0000-0000-0000-000000000000", 404);
        validate("/service_at_locations/{id}", "/service_at_locations/00000000-0000-0000-0000-000000000000", 404);
        validate("/taxonomies/{id}", "/taxonomies/00000000-0000-0000-0000-000000000000", 404);
        validate("/taxonomy_terms/{id}", "/taxonomy_terms/00000000-0000-0000-0000-000000000000", 404);
        validate("/taxonomy_terms", "/taxonomy_terms?taxonomy_id=x", 400);
        validate("/organizations", "/organizations?modified_after=yesterday", 400);
        validate("/service_at_locations", "/service_at_locations?organization_id=1234", 400);
        validate("/taxonomies", "/taxonomies?page=0", 400);
    }

    /**
     * Every parameter the HSDS 3.0 API reference documents, on every path, with a real value (the list in
     * {@code api/hsds-reference/parameters.json}): answered 200, valid against this contract, with the
     * number of items the fixture catalogue gives; NDJSON answers one valid line per item. The contract
     * documents each of them too.
     */
    @Test
    void everyParameterOfTheHsdsReferenceIsAnsweredAndDocumented() {
        JsonNode reference = parse(Fixtures.read("api/hsds-reference/parameters.json"));
        Map<String, String> values = referenceValues();
        List<String> replayed = new ArrayList<>();
        reference.path("paths").fields().forEachRemaining(path -> {
            String template = path.getKey();
            String url = fill(path.getValue().path("path").asText(), values);
            validate(template, url, 200);
            for (JsonNode parameter : path.getValue().path("parameters")) {
                String name = parameter.path("name").asText();
                StringBuilder query = new StringBuilder(name + "=" + encode(fill(parameter.path("value").asText(), values)));
                parameter.path("with").fields().forEachRemaining(other -> query.append('&').append(other.getKey())
                        .append('=').append(encode(other.getValue().asText())));
                String call = url + "?" + query;
                if ("ndjson".equals(parameter.path("value").asText())) {
                    int lines = validateLines(template, call);
                    if (parameter.has("expect")) {
                        assertThat(lines).as("lines of %s", call).isEqualTo(parameter.path("expect").asInt());
                    }
                } else {
                    JsonNode body = validate(template, call, 200);
                    if (parameter.has("expect")) {
                        assertThat(body.path("total_items").asInt()).as("total_items of %s", call)
                                .isEqualTo(parameter.path("expect").asInt());
                    }
                }
                assertThat(documentedParameters(template)).as("parameters the contract documents for %s", template)
                        .contains(name);
                replayed.add(template + " " + name);
            }
        });
        assertThat(replayed).hasSize(44);
    }

    /** The fixture catalogue's ids the reference parameters' values name (see the list's "about"). */
    private Map<String, String> referenceValues() {
        Map<String, String> values = new HashMap<>();
        values.put("service", id("service", S1_CARERS_PEER_GROUP));
        values.put("organization", id("organization", O1_CARERS_ASSOCIATION));
        values.put("service_at_location", getJson("/service_at_locations?per_page=1").path("contents").path(0)
                .path("id").asText());
        values.put("taxonomy", TaxonomyTerms.Vocabulary.NEED.id().toString());
        values.put("taxonomy_term", TaxonomyTerms.termId(TaxonomyTerms.Vocabulary.NEED, "yksinaisyys").toString());
        values.put("county", TaxonomyTerms.termId(TaxonomyTerms.Vocabulary.MUNICIPALITY, "county-13").toString());
        return values;
    }

    private static String fill(String text, Map<String, String> values) {
        String filled = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        assertThat(filled).as("placeholders of %s", text).doesNotContain("{");
        return filled;
    }

    /** The names of the query parameters the contract gives for a path's GET. */
    private Set<String> documentedParameters(String pathTemplate) {
        JsonNode openApi = openApi();
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : openApi.path("paths").path(pathTemplate).path("get").path("parameters")) {
            JsonNode resolved = parameter.has("$ref") ? openApi.at(parameter.get("$ref").asText().substring(1)) : parameter;
            names.add(resolved.path("name").asText());
        }
        return names;
    }

    @AfterAll
    void everyDocumentedPathWasCalled() {
        Set<String> documented = new TreeSet<>();
        openApi().path("paths").fieldNames().forEachRemaining(documented::add);
        assertThat(calledPaths).isEqualTo(documented);
    }

    private List<String> allIds(String list) {
        List<String> ids = new ArrayList<>();
        JsonNode page = getJson(list + "?per_page=100");
        for (int number = 1; ; number++) {
            page.path("contents").forEach(item -> ids.add(item.path("id").asText()));
            if (number >= page.path("total_pages").asInt()) {
                return ids;
            }
            page = getJson(list + "?per_page=100&page=" + (number + 1));
        }
    }

    /** Calls the URL, checks the status and validates the body against the document's schema for it. */
    private JsonNode validate(String pathTemplate, String url, int status) {
        HttpResponse<String> response = fetch(url);
        assertThat(response.statusCode()).as("status of %s: %s", url, response.body()).isEqualTo(status);
        String mediaType = status == 200 ? "application/json" : "application/problem+json";
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(mediaType));
        JsonNode body = parse(response.body());
        assertValid(schema(pathTemplate, status, mediaType), body, url);
        return body;
    }

    private int validateLines(String pathTemplate, String url) {
        HttpResponse<String> response = fetch(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CatalogueApiController.NDJSON + ";charset=UTF-8");
        JsonSchema schema = schema(pathTemplate, 200, CatalogueApiController.NDJSON);
        String[] lines = response.body().isEmpty() ? new String[0] : response.body().split("\n");
        assertThat(lines.length).isEqualTo(getJson(url.replace("format=ndjson", "format=json")).path("total_items").asInt());
        for (String line : lines) {
            assertValid(schema, parse(line), url);
        }
        return lines.length;
    }

    private void assertValid(JsonSchema schema, JsonNode body, String url) {
        Set<ValidationMessage> errors = schema.validate(body);
        assertThat(errors).as("schema errors of %s in %s", url, body.toString().substring(0,
                Math.min(400, body.toString().length()))).isEmpty();
        validatedResponses++;
    }

    /**
     * The schema the OpenAPI document gives for a response, as a JSON Schema whose relative references
     * resolve to the HSDS schema files the application serves (and, for #/components, to the document).
     */
    private JsonSchema schema(String pathTemplate, int status, String mediaType) {
        calledPaths.add(pathTemplate);
        JsonNode openApi = openApi();
        JsonNode response = openApi.path("paths").path(pathTemplate).path("get").path("responses")
                .path(Integer.toString(status));
        if (response.has("$ref")) {
            response = openApi.at(response.get("$ref").asText().substring(1));
        }
        JsonNode schema = response.path("content").path(mediaType).path("schema");
        assertThat(schema.isObject()).as("the document's schema for %s %d %s", pathTemplate, status, mediaType)
                .isTrue();
        ObjectNode root = schema.deepCopy();
        root.set("components", openApi.path("components"));
        return SCHEMAS.getSchema(SchemaLocation.of("classpath:static/openapi.json"), root, ASSERT_FORMATS);
    }

    private JsonNode openApi() {
        return getJson("/openapi.json");
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
