package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static fi.tarjotin.support.CatalogueRecords.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.StandIns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A coordinator edits a mapping or crosswalk and re-maps the stored records without asking PTV again. */
class MappingRemapIntegrationTests extends PtvImportTestSupport {

    private static final Path MAPPINGS = StandIns.MAPPINGS;
    private static final String EXERCISE_COUNSELLING = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";
    private static final String HEALTHY_LIFESTYLES = "elintavat-ja-terveyden-edistaminen";
    private static final String MOBILITY = "liikkumisen-tuki";

    @Autowired
    TestRestTemplate http;


    @Test
    void editedCrosswalkRemapsStoredRecordsWithoutFetching() throws IOException {
        stubTwoServices();
        importToEnd(ImportKind.FULL);
        Path crosswalk = MAPPINGS.resolve("ptv/service-class-categories.csv");
        String original = Files.readString(crosswalk);
        Files.writeString(crosswalk, "P5.17,liikunta\n", StandardOpenOption.APPEND);
        PTV.resetRequests();
        try {
            ImportRun remap = importToEnd(ImportKind.REMAP);

            assertThat(remap.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertCounts(remap, 2, 0, 2, 0, 0, 0, 0);
            assertThat(jdbc.queryForObject("SELECT document->>'categories' FROM entity e JOIN entity_member m ON "
                    + "m.entity_id = e.id JOIN source_record s ON s.id = m.source_record_id WHERE s.source_id = ?",
                    String.class, EXERCISE_COUNSELLING)).isEqualTo("[\"ohjaus-ja-neuvonta\", \"liikunta\"]");
            PTV.verify(0, anyRequestedFor(anyUrl()));
            assertCounts(importToEnd(ImportKind.REMAP), 0, 0, 0, 0, 0, 0, 0);
        } finally {
            restore(crosswalk, original);
        }
    }

    @Test
    void brokenMappingEditFailsTheRemapAndKeepsTheMappingsInUse() throws IOException {
        stubTwoServices();
        importToEnd(ImportKind.FULL);
        Path mapping = MAPPINGS.resolve("ptv/v12/service.jsonata");
        String original = Files.readString(mapping);
        Files.writeString(mapping, "{ \"name\": ");
        try {
            ImportRun remap = importToEnd(ImportKind.REMAP);

            assertThat(remap.status()).isEqualTo(RunStatus.FAILED);
            assertThat(remap.error()).contains("ptv/v12/service.jsonata: does not compile");
            assertThat(importToEnd(ImportKind.FULL).status()).as("the old mappings still work")
                    .isEqualTo(RunStatus.SUCCEEDED);
        } finally {
            restore(mapping, original);
        }
    }

    @Test
    void incrementalRunAfterARemapAsksForChangesSinceTheLastImportNotTheRemap() {
        stubTwoServices();
        ImportRun full = importToEnd(ImportKind.FULL);
        importToEnd(ImportKind.REMAP);

        ImportRun incremental = importToEnd(ImportKind.INCREMENTAL);

        assertThat(incremental.changesSince()).isEqualTo(full.startedAt().minus(Duration.ofMinutes(10)));
    }

    /** The shipped file back, and a remap that loads it, so the tests after this one map as shipped. */
    private void restore(Path file, String original) throws IOException {
        Files.writeString(file, original);
        assertThat(importToEnd(ImportKind.REMAP).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void coordinatorsDecisionsOnInferredNeedsReachTheApiAndSurviveReimportsAndRemaps() throws IOException {
        stubTwoServices();
        importToEnd(ImportKind.FULL);
        TestRestTemplate coordinator = http.withBasicAuth("coordinator", "test-password");
        ResponseEntity<JsonNode> open = coordinator.getForEntity("/admin/inferred-needs?source=ptv", JsonNode.class);
        assertThat(open.getStatusCode()).as(open.toString()).isEqualTo(HttpStatus.OK);
        assertThat(open.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
        assertThat(needsOf(open.getBody())).containsExactly(HEALTHY_LIFESTYLES, MOBILITY);
        JsonNode mobility = open.getBody().get(1);
        assertThat(mobility.get("sourceId").asText()).isEqualTo(EXERCISE_COUNSELLING);
        assertThat(mobility.get("name").asText()).isEqualTo("Liikunta- ja hyvinvointineuvonta");
        assertThat(mobility.get("score").asDouble()).isEqualTo(0.97);
        assertThat(mobility.get("evidence").get(0).get("words").asText()).isEqualTo("liikunta");
        assertThat(mobility.get("decision").isNull()).isTrue();
        String service = "/services/" + mobility.get("entityId").asText();

        ResponseEntity<JsonNode> rejected = decide(coordinator, MOBILITY, "reject", "neuvontaa, ei liikuntaryhmä");
        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rejected.getBody().get("decision").get("decision").asText()).isEqualTo("reject");
        assertThat(rejected.getBody().get("decision").get("coordinator").asText()).isEqualTo("coordinator");
        assertThat(rejected.getBody().get("decision").get("note").asText()).isEqualTo("neuvontaa, ei liikuntaryhmä");
        assertThat(decide(coordinator, HEALTHY_LIFESTYLES, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertDecidedNeedsServed(service);
        assertThat(needsOf(coordinator.getForObject("/admin/inferred-needs?status=rejected", JsonNode.class)))
                .containsExactly(MOBILITY);
        assertThat(needsOf(coordinator.getForObject("/admin/inferred-needs?status=confirmed", JsonNode.class)))
                .containsExactly(HEALTHY_LIFESTYLES);
        assertThat(coordinator.getForObject("/admin/inferred-needs", JsonNode.class)).isEmpty();

        // The source changes the service's words: it is mapped and its needs inferred again.
        PTV.stubFor(get(urlPathEqualTo("/api/v12/service/search")).willReturn(okJson(
                Fixtures.read("ptv/v12/service-search-page-1.json").replace("\"totalPages\": 2", "\"totalPages\": 1")
                        .replace("Maksutonta henkilökohtaista", "Maksutonta yksilöllistä"))));
        assertCounts(importToEnd(ImportKind.FULL), 2, 0, 1, 1, 0, 0, 0);
        assertDecidedNeedsServed(service);

        Path crosswalk = MAPPINGS.resolve("ptv/service-class-categories.csv");
        String original = Files.readString(crosswalk);
        Files.writeString(crosswalk, "P5.17,liikunta\n", StandardOpenOption.APPEND);
        try {
            assertCounts(importToEnd(ImportKind.REMAP), 2, 0, 2, 0, 0, 0, 0);
            assertDecidedNeedsServed(service);
        } finally {
            Files.writeString(crosswalk, original);
        }

        assertThat(coordinator.postForEntity("/admin/inferred-needs/decisions/undo", Map.of("source", "ptv",
                "sourceId", EXERCISE_COUNSELLING, "need", MOBILITY), Void.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode inferred = http.getForObject(service, JsonNode.class).get("tarjotin").get("inferred_needs");
        assertThat(needsOf(inferred)).containsExactly(HEALTHY_LIFESTYLES, MOBILITY);
        assertThat(inferred.get(1).has("confirmed")).isFalse();
        assertThat(coordinator.postForEntity("/admin/inferred-needs/decisions/undo", Map.of("source", "ptv",
                "sourceId", EXERCISE_COUNSELLING, "need", MOBILITY), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(coordinator, "muistisairaudet", "reject", null).getStatusCode())
                .as("a need not inferred on the record").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(decide(coordinator, MOBILITY, "maybe", null).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.postForEntity("/admin/inferred-needs/decisions", Map.of(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** The rejected need is gone from the service and its filter, the confirmed one is served as confirmed. */
    private void assertDecidedNeedsServed(String service) {
        JsonNode inferred = http.getForObject(service, JsonNode.class).get("tarjotin").get("inferred_needs");
        assertThat(needsOf(inferred)).containsExactly(HEALTHY_LIFESTYLES);
        assertThat(inferred.get(0).get("confirmed").asBoolean()).isTrue();
        assertThat(inferred.get(0).get("evidence")).isNotEmpty();
        assertThat(http.getForObject("/services?need=" + MOBILITY, JsonNode.class).get("total_items").asInt()).isZero();
        assertThat(http.getForObject("/services?need=" + HEALTHY_LIFESTYLES, JsonNode.class).get("total_items").asInt())
                .isEqualTo(1);
    }

    private ResponseEntity<JsonNode> decide(TestRestTemplate coordinator, String need, String decision, String note) {
        Map<String, String> body = new java.util.HashMap<>(Map.of("source", "ptv", "sourceId", EXERCISE_COUNSELLING,
                "need", need, "decision", decision));
        if (note != null) {
            body.put("note", note);
        }
        return coordinator.postForEntity("/admin/inferred-needs/decisions", body, JsonNode.class);
    }

    private static List<String> needsOf(JsonNode items) {
        List<String> needs = new ArrayList<>();
        items.forEach(item -> needs.add(item.get("need").asText()));
        return needs;
    }

    private void stubTwoServices() {
        PTV.stubFor(get(urlPathMatching("/api/v12/.*/search")).willReturn(okJson(Fixtures.read("ptv/v12/empty-page.json"))));
        PTV.stubFor(get(urlPathEqualTo("/api/v12/service/search")).willReturn(okJson(
                Fixtures.read("ptv/v12/service-search-page-1.json").replace("\"totalPages\": 2", "\"totalPages\": 1"))));
    }

}
