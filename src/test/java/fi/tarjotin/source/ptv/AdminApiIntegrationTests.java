package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.support.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The admin API over real HTTP: coordinators only, and what they see of runs and rejects. */
class AdminApiIntegrationTests extends PtvImportTestSupport {

    private static final List<String> ADMIN_READS = List.of("/admin/import-runs", "/admin/import-runs/1",
            "/admin/import-runs/1/rejected-records", "/admin/rejected-records", "/admin/rejected-records/1",
            "/actuator/metrics");

    @Autowired
    TestRestTemplate http;

    @Autowired
    fi.tarjotin.source.JdbcRejectedRecordRepository rejectedRecords;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void everyAdminEndpointAnswers401WithoutDataToAnonymousAndWrongPasswords() {
        for (TestRestTemplate caller : List.of(http, http.withBasicAuth("coordinator", "wrong"))) {
            for (String path : ADMIN_READS) {
                ResponseEntity<String> response = caller.getForEntity(path, String.class);
                assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
                assertThat(response.getHeaders().getContentType()).as(path).hasToString("application/problem+json");
                assertThat(tree(response.getBody()).properties()).as(path).extracting(java.util.Map.Entry::getKey)
                        .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
            }
            ResponseEntity<String> start = caller.postForEntity("/admin/imports/ptv?kind=full", null, String.class);
            assertThat(start.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(count("SELECT count(*) FROM import_run")).isZero();
    }

    @Test
    void healthIsPublic() {
        // Camel reports a polling route DOWN until its first poll, a moment after a fresh start.
        ResponseEntity<String> health = await().atMost(Duration.ofSeconds(10))
                .until(() -> http.getForEntity("/actuator/health", String.class),
                        answer -> answer.getStatusCode() == HttpStatus.OK);

        assertThat(health.getBody()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void coordinatorStartsAnImportAndReadsItsRunAndRejects() {
        PTV.stubFor(get(urlPathMatching("/api/v12/.*/search")).willReturn(okJson(Fixtures.read("ptv/v12/empty-page.json"))));
        PTV.stubFor(get(urlPathMatching("/api/v12/service/search"))
                .willReturn(okJson(Fixtures.read("ptv/v12/service-search-page-2.json").replace("\"totalPages\": 2", "\"totalPages\": 1"))));
        TestRestTemplate coordinator = http.withBasicAuth("coordinator", "test-password");

        ResponseEntity<JsonNode> started = coordinator.postForEntity("/admin/imports/ptv?kind=full", null, JsonNode.class);

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long runId = started.getBody().get("id").asLong();
        assertThat(started.getHeaders().getLocation()).hasToString("/admin/import-runs/" + runId);
        assertThat(started.getBody().get("triggeredBy").asText()).isEqualTo("admin:coordinator");
        ImportRun ended = awaitEnd(runId);
        JsonNode run = coordinator.getForObject("/admin/import-runs/" + runId, JsonNode.class);
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(List.of(run.get("fetched").asInt(), run.get("created").asInt(), run.get("rejected").asInt()))
                .containsExactly(3, 1, 2);
        assertThat(ended.counts().rejected()).isEqualTo(2);
        JsonNode rejects = coordinator.getForObject("/admin/import-runs/" + runId + "/rejected-records", JsonNode.class);
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).get("reason").asText()).isEqualTo("no name in Finnish, Swedish or English");
        assertThat(rejects.get(0).get("payload").asText()).contains("\"contentId\":\"7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e\"");
        assertThat(rejects.get(1).get("reason").asText()).isEqualTo("item has no contentId");

        // Paged with the total, and a megabyte-sized rejected page is only started in the list.
        rejectedRecords.insert(runId, "ptv", null, null, "page could not be read", "http://ptv.test/page/9",
                "x".repeat(1_000_000));
        ResponseEntity<JsonNode> first = coordinator.getForEntity("/admin/import-runs/" + runId
                + "/rejected-records?limit=2", JsonNode.class);
        ResponseEntity<JsonNode> second = coordinator.getForEntity("/admin/import-runs/" + runId
                + "/rejected-records?limit=2&offset=2", JsonNode.class);
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("3");
        assertThat(first.getHeaders().getFirst("Link")).endsWith("/admin/import-runs/" + runId
                + "/rejected-records?limit=2&offset=2>; rel=\"next\"");
        assertThat(first.getBody()).hasSize(2);
        long bigId = first.getBody().get(0).get("id").asLong();
        assertThat(first.getBody().get(0).get("payload").asText()).isEqualTo("x".repeat(2_000) + "… (1000000 characters; "
                + "all of it at /admin/rejected-records/" + bigId + ")");
        assertThat(second.getBody()).hasSize(1);
        assertThat(second.getHeaders().get("Link")).containsExactly("<http://localhost:" + port + "/admin/import-runs/"
                + runId + "/rejected-records?limit=2&offset=0>; rel=\"prev\"");
        assertThat(coordinator.getForObject("/admin/rejected-records/" + bigId, JsonNode.class).get("payload").asText())
                .hasSize(1_000_000);
        assertThat(coordinator.getForEntity("/admin/import-runs?limit=1", JsonNode.class).getHeaders()
                .getFirst("X-Total-Count")).isEqualTo("1");
    }

    @Test
    void badRequestsGetProblemsNamingTheParameter() {
        TestRestTemplate coordinator = http.withBasicAuth("coordinator", "test-password");

        ResponseEntity<JsonNode> badKind = coordinator.postForEntity("/admin/imports/ptv?kind=sometimes", null, JsonNode.class);
        ResponseEntity<JsonNode> unknownSource = coordinator.postForEntity("/admin/imports/nowhere", null, JsonNode.class);
        ResponseEntity<JsonNode> unknownRun = coordinator.getForEntity("/admin/import-runs/999999", JsonNode.class);
        ResponseEntity<JsonNode> badLimit = coordinator.getForEntity("/admin/import-runs?limit=0", JsonNode.class);

        assertThat(badKind.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badKind.getBody().get("detail").asText())
                .isEqualTo("parameter 'kind': unknown import kind 'sometimes' (expected full, incremental or remap)");
        assertThat(unknownSource.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownRun.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(badLimit.getBody().get("detail").asText()).isEqualTo("parameter 'limit' must be between 1 and 500");
    }

    @Test
    void secondStartWhileRunningIsAConflict() {
        jdbc.update("""
                INSERT INTO import_run (source, kind, status, triggered_by, started_at, heartbeat_at)
                VALUES ('ptv', 'full', 'running', 'schedule', now(), now())""");
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("coordinator", "test-password");

        ResponseEntity<JsonNode> response = http.exchange("/admin/imports/ptv?kind=incremental", HttpMethod.POST,
                new HttpEntity<>(headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getBody().get("detail").asText()).isEqualTo("an import of ptv is already running");
    }
}
