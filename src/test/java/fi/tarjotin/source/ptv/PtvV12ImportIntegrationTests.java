package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static fi.tarjotin.support.CatalogueRecords.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import fi.tarjotin.source.ImportAlreadyRunningException;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.ImportRunner;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;

/** Imports from a WireMock PTV v12 through the real routes, mapping files and database. */
class PtvV12ImportIntegrationTests extends PtvImportTestSupport {

    private static final String SERVICE_A = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";
    private static final String SERVICE_B = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9";
    private static final String SERVICE_C = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    private static final String NAMELESS_SERVICE = "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
    private static final String FILL_IN_CHANNEL = "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8";
    private static final String UNPUBLISHED_CHANNEL = "5f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9";
    private static final int RECORDS_IN_SCOPE = 14;
    private static final int STORED_RECORDS = 12;

    @Autowired
    ImportRunner runner;

    @Autowired
    Scheduler scheduler;

    @Test
    void fullImportStoresMapsAndRejectsExactly() {
        stubFullScope();

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.sourceVersion()).isEqualTo("v12");
        assertCounts(run, RECORDS_IN_SCOPE, STORED_RECORDS, 0, 0, 2, 0, 0);
        assertThat(rejects(run.id())).containsExactly(
                "service -: item has no contentId",
                "service " + NAMELESS_SERVICE + ": no name in Finnish, Swedish or English");
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(STORED_RECORDS);
        assertMappedDocumentsMatchGoldens("ptv-v12");
        PTV.verify(getRequestedFor(urlPathEqualTo("/api/v12/service/search"))
                .withQueryParam("pageSize", equalTo("100"))
                .withQueryParam("areaType", equalTo("LimitedArea"))
                .withQueryParam("municipalities", havingExactly("297"))
                .withQueryParam("municipalitiesMatch", equalTo("any"))
                .withQueryParam("serviceClasses", havingExactly("P4.12", "P5.16", "P5.17"))
                .withQueryParam("serviceClassesMatch", equalTo("any")));
    }

    @Test
    void identicalRerunCreatesAndUpdatesNothing() {
        stubFullScope();
        importToEnd(ImportKind.FULL);
        Timestamp modifiedBefore = jdbc.queryForObject("SELECT max(last_modified) FROM entity", Timestamp.class);

        ImportRun rerun = importToEnd(ImportKind.FULL);

        assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(rerun, RECORDS_IN_SCOPE, 0, 0, STORED_RECORDS, 2, 0, 0);
        assertThat(jdbc.queryForObject("SELECT max(last_modified) FROM entity", Timestamp.class))
                .isEqualTo(modifiedBefore);
    }

    @Test
    void fullRunRetiresWhatVanishedAndKeepsIt() {
        stubFullScope();
        importToEnd(ImportKind.FULL);
        ObjectNode firstPageOnly = (ObjectNode) tree(Fixtures.read("ptv/v12/service-search-page-1.json"));
        firstPageOnly.put("totalPages", 1);
        stub(page("/api/v12/service/search", 1).willReturn(okJson(firstPageOnly.toString())));
        ObjectNode connections = (ObjectNode) tree(Fixtures.read("ptv/v12/connection-search.json"));
        ((ArrayNode) connections.get("items")).remove(2);
        stub(page("/api/v12/connection/search", 1).willReturn(okJson(connections.toString())));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.counts().retired()).isEqualTo(3);
        assertThat(jdbc.queryForList("""
                SELECT s.kind, s.source_id, e.status FROM source_record s
                  JOIN entity_member m ON m.source_record_id = s.id JOIN entity e ON e.id = m.entity_id
                 WHERE s.retired_at IS NOT NULL ORDER BY s.kind""")).containsExactly(
                Map.of("kind", "location", "source_id", FILL_IN_CHANNEL, "status", "inactive"),
                Map.of("kind", "service", "source_id", SERVICE_C, "status", "inactive"),
                Map.of("kind", "service_at_location", "source_id", SERVICE_C + "/" + FILL_IN_CHANNEL,
                        "status", "inactive"));
        assertThat(count("SELECT count(*) FROM mapped_record")).as("retired records are kept").isEqualTo(STORED_RECORDS);
    }

    @Test
    void aFullRunThatListsNothingRetiresNothing() {
        stubFullScope();
        importToEnd(ImportKind.FULL);
        PTV.resetAll();
        stub(get(urlPathMatching("/api/v12/.*/search")).willReturn(okJson(Fixtures.read("ptv/v12/empty-page.json"))));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.error()).isEqualTo("the source listed nothing, though the catalogue holds " + STORED_RECORDS
                + " of its records, so this run retired nothing");
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
    }

    @Test
    void serverErrorInTheMiddleOfPagingFailsTheRunAndRetiresNothing() {
        stubFullScope();
        importToEnd(ImportKind.FULL);
        PTV.resetRequests();
        stub(page("/api/v12/service/search", 2).willReturn(aResponse().withStatus(500)
                .withBody("{\"title\":\"Internal Server Error\"}")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains("/api/v12/service/search").contains("answered 500");
        assertThat(run.counts().retired()).isZero();
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(STORED_RECORDS);
        PTV.verify(3, getRequestedFor(urlPathEqualTo("/api/v12/service/search")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void rateLimitedRequestIsRetriedAfterTheWaitTheServerAsks() {
        stubFullScope();
        stub(page("/api/v12/organization/search", 1).inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("waited"));
        stub(page("/api/v12/organization/search", 1).inScenario("rate limit").whenScenarioStateIs("waited")
                .willReturn(okJson(Fixtures.read("ptv/v12/organization-search.json"))));
        Instant start = Instant.now();

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, RECORDS_IN_SCOPE, STORED_RECORDS, 0, 0, 2, 0, 0);
        PTV.verify(2, getRequestedFor(urlPathEqualTo("/api/v12/organization/search")));
        assertThat(Duration.between(start, Instant.now())).as("waited for Retry-After").isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void malformedPageIsKeptAsRejectAndTheRunRetiresNothing() {
        stubFullScope();
        importToEnd(ImportKind.FULL);
        stub(page("/api/v12/service/search", 2).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"page\": 2, \"items\": [{\"contentId\": ")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.error()).isEqualTo("1 page(s) could not be read, so this run retired nothing");
        assertThat(run.counts().retired()).isZero();
        List<Map<String, Object>> rejected = jdbc.queryForList(
                "SELECT kind, reason, payload FROM rejected_record WHERE run_id = ? ORDER BY id", run.id());
        assertThat(rejected).hasSize(1);
        assertThat((String) rejected.get(0).get("reason")).startsWith("unreadable page: malformed JSON");
        assertThat(rejected.get(0).get("payload")).isEqualTo("{\"page\": 2, \"items\": [{\"contentId\": ");
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
    }

    @Test
    void incrementalRunReadsChangesSinceLastSuccessAndRetiresArchived() {
        stubFullScope();
        ImportRun full = importToEnd(ImportKind.FULL);
        stubIncrementalChanges();

        ImportRun run = importToEnd(ImportKind.INCREMENTAL);

        Instant expectedSince = full.startedAt().minus(Duration.ofMinutes(10));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.changesSince()).isEqualTo(expectedSince);
        assertCounts(run, 3, 0, 2, 0, 0, 1, 1);
        PTV.verify(getRequestedFor(urlPathEqualTo("/api/v12/service/search"))
                .withQueryParam("publishedAtOrAfter", equalTo(expectedSince.toString())));
        assertThat(jdbc.queryForObject("SELECT document->'summary'->>'fi' FROM mapped_record m JOIN source_record s "
                + "ON s.id = m.source_record_id WHERE s.source_id = ?", String.class, SERVICE_A))
                .isEqualTo("Maksutonta neuvontaa liikkumiseen, ravitsemukseen ja uneen.");
        assertThat(jdbc.queryForObject("SELECT e.status FROM entity e JOIN entity_member m ON m.entity_id = e.id "
                + "JOIN source_record s ON s.id = m.source_record_id WHERE s.source_id = ?", String.class, SERVICE_B))
                .isEqualTo("inactive");
    }

    @Test
    void shutdownDuringARunAbandonsItAndTheNextRunCompletesWithoutDuplicates() {
        stubFullScope();
        stub(page("/api/v12/service/search", 2).willReturn(okJson(Fixtures.read("ptv/v12/service-search-page-2.json"))
                .withFixedDelay(3000)));
        long runId = launcher.launch("ptv", ImportKind.FULL, "test").id();
        awaitStoredRecords(4);

        runner.stopRunningImports();
        ImportRun interrupted = awaitEnd(runId);

        assertThat(interrupted.status()).isEqualTo(RunStatus.ABANDONED);
        assertThat(interrupted.error()).isEqualTo("stopped: the service shut down during the run");
        assertThat(count("SELECT count(*) FROM source_record")).isEqualTo(4);
        stubFullScope();
        ImportRun next = importToEnd(ImportKind.FULL);
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(next, RECORDS_IN_SCOPE, STORED_RECORDS - 4, 0, 4, 2, 0, 0);
        assertThat(count("SELECT count(*) FROM source_record")).isEqualTo(STORED_RECORDS);
        assertThat(count("SELECT count(*) FROM entity")).isEqualTo(STORED_RECORDS);
    }

    @Test
    void runLeftRunningByACrashIsAbandonedWhenTheNextRunStarts() {
        stubFullScope();
        jdbc.update("""
                INSERT INTO import_run (source, kind, status, triggered_by, started_at, heartbeat_at)
                VALUES ('ptv', 'full', 'running', 'schedule', now() - interval '2 hours', now() - interval '1 hour')""");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(jdbc.queryForObject("SELECT status FROM import_run WHERE id <> ?", String.class, run.id()))
                .isEqualTo("abandoned");
    }

    @Test
    void secondRunOfTheSameSourceIsRefusedWhileOneIsRunning() {
        jdbc.update("""
                INSERT INTO import_run (source, kind, status, triggered_by, started_at, heartbeat_at)
                VALUES ('ptv', 'full', 'running', 'schedule', now(), now())""");

        assertThatThrownBy(() -> launcher.launch("ptv", ImportKind.INCREMENTAL, "test"))
                .isInstanceOf(ImportAlreadyRunningException.class)
                .hasMessage("an import of ptv is already running");
        assertThat(launcher.startRun("ptv", "incremental", "schedule")).isNull();
    }

    @Test
    void quartzFiringRunsTheScheduledRoute() throws Exception {
        stubFullScope();

        scheduler.triggerJob(JobKey.jobKey("full", "ptv"));

        ImportRun run = awaitEnd(awaitFirstRunId());
        assertThat(run.triggeredBy()).isEqualTo("schedule");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    private void stubFullScope() {
        stubPage("/api/v12/organization/search", 1, "ptv/v12/organization-search.json");
        stubPage("/api/v12/service/search", 1, "ptv/v12/service-search-page-1.json");
        stubPage("/api/v12/service/search", 2, "ptv/v12/service-search-page-2.json");
        stubPage("/api/v12/service-channel/search", 1, "ptv/v12/service-channel-search.json");
        stubPage("/api/v12/connection/search", 1, "ptv/v12/connection-search.json");
        stub(get(urlPathEqualTo("/api/v12/service-channel/" + FILL_IN_CHANNEL))
                .willReturn(okJson(Fixtures.read("ptv/v12/service-channel-fill-in.json"))));
        stub(get(urlPathEqualTo("/api/v12/service-channel/" + UNPUBLISHED_CHANNEL))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Not Found\",\"status\":404,\"reason\":\"NotPublished\"}")));
    }

    private void stubIncrementalChanges() {
        stubChanges("/api/v12/organization/search", "ptv/v12/empty-page.json");
        stubChanges("/api/v12/service/search", "ptv/v12/incremental-service-search.json");
        stubChanges("/api/v12/service-channel/search", "ptv/v12/empty-page.json");
        stubChanges("/api/v12/connection/search", "ptv/v12/incremental-connection-search.json");
        stub(get(urlPathEqualTo("/api/v12/service/archived")).withQueryParam("archivedAtOrAfter", matching(".+"))
                .willReturn(okJson(Fixtures.read("ptv/v12/archived-services.json"))));
        for (String type : List.of("organization", "service-channel")) {
            stub(get(urlPathEqualTo("/api/v12/" + type + "/archived")).withQueryParam("archivedAtOrAfter", matching(".+"))
                    .willReturn(okJson(Fixtures.read("ptv/v12/empty-page.json"))));
        }
    }

    private void stubPage(String path, int page, String fixture) {
        stub(page(path, page).withQueryParam("publishedAtOrAfter", absent()).willReturn(okJson(Fixtures.read(fixture))));
    }

    private void stubChanges(String path, String fixture) {
        stub(page(path, 1).withQueryParam("publishedAtOrAfter", matching(".+")).willReturn(okJson(Fixtures.read(fixture))));
    }

    private static MappingBuilder page(String path, int page) {
        return get(urlPathEqualTo(path)).withHeader("x-api-key", equalTo("test-key"))
                .withQueryParam("page", equalTo(Integer.toString(page)));
    }

    private static void stub(MappingBuilder mapping) {
        PTV.stubFor(mapping);
    }

    /** Waits until the organisations and the first service page are stored (the second page is slow). */
    private void awaitStoredRecords(long records) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM source_record") < records) {
            assertThat(Instant.now()).as("records stored in time").isBefore(deadline);
            sleep(Duration.ofMillis(20));
        }
    }

    private long awaitFirstRunId() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM import_run") == 0) {
            assertThat(Instant.now()).as("a run started in time").isBefore(deadline);
            sleep(Duration.ofMillis(20));
        }
        return jdbc.queryForObject("SELECT min(id) FROM import_run", Long.class);
    }
}
