package fi.tarjotin.source.toimeksi;

import static fi.tarjotin.support.CatalogueRecords.assertCounts;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.ImportRuns;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;

/** Imports from a WireMock Toimeksi WordPress site through the real routes, mapping files and database. */
class ToimeksiImportIntegrationTests extends ToimeksiImportTestSupport {

    // 3 organisations listed + 1 filled in, 3 activities, the one place of activity 5101 and its link.
    private static final int RECORDS = 9;
    private static final int PAGES = 5;
    private static final String FILTERS = "tm_sote-alue=26&tm_municipality=1640,1702&tax_relation=OR";

    @Autowired
    Scheduler scheduler;

    @Test
    void fullImportStoresAndMapsEveryRecordExactly() {
        stubSite();

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.sourceVersion()).isEqualTo("wp/v2");
        assertCounts(run, RECORDS, RECORDS, 0, 0, 0, 0, 0);
        assertPages(run, PAGES);
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(RECORDS);
        assertMappedDocumentsMatchGoldens("toimeksi");
    }

    @Test
    void storedRecordCarriesItsTermsByName() {
        stubSite();

        importToEnd(ImportKind.FULL);

        assertThat(tree(jdbc.queryForObject("SELECT payload::text FROM source_record WHERE kind = 'service' "
                + "AND source_id = '5103'", String.class)).get("_terms")).isEqualTo(tree("""
                {"tm_sote-alue": [{"id": 26, "name": "Pohjois-Savo", "slug": "pohjois-savo"},
                                  {"id": 2575, "name": "Valtakunnallinen", "slug": "valtakunnallinen"}],
                 "tm_municipality": [],
                 "tm_keyword": [{"id": 3819, "name": "yksinäisyys", "slug": "yksinaisyys"},
                                {"id": 2909, "name": "tukihenkilötoiminta", "slug": "tukihenkilotoiminta"},
                                {"id": 9120, "name": "Kahvila & olohuone", "slug": "kahvila-olohuone"}]}"""));
    }

    @Test
    void filtersAreTheSitesTermIdsAndEachTermIsLookedUpOncePerRun() {
        stubSite();

        importToEnd(ImportKind.FULL);

        assertThat(requests(urlPathMatching(REST + "tm_(organization|activity)"))).containsExactly(
                REST + "tm_organization?per_page=2&page=1&orderby=modified&order=asc&" + FILTERS,
                REST + "tm_organization?per_page=2&page=2&orderby=modified&order=asc&" + FILTERS,
                REST + "tm_activity?per_page=2&page=1&orderby=modified&order=asc&" + FILTERS,
                REST + "tm_activity?per_page=2&page=2&orderby=modified&order=asc&" + FILTERS,
                REST + "tm_organization?per_page=2&page=1&orderby=modified&order=asc&include=4100");
        assertThat(requests(urlPathMatching(REST + "tm_(sote-alue|municipality|village|keyword)"))).as(
                "names of the filters, then per page only the ids no earlier page had (9999 the site lacks: once)")
                .containsExactly(
                        REST + "tm_sote-alue?search=Pohjois-Savo&per_page=100",
                        REST + "tm_municipality?search=Kuopio&per_page=100",
                        REST + "tm_municipality?search=Siilinjärvi&per_page=100",
                        REST + "tm_keyword?include=8800&per_page=100",
                        REST + "tm_keyword?include=1095&per_page=100",
                        REST + "tm_village?include=4410&per_page=100",
                        REST + "tm_keyword?include=3309,5002,7777,9999&per_page=100",
                        REST + "tm_sote-alue?include=2575&per_page=100",
                        REST + "tm_keyword?include=2909,3819,9120&per_page=100");
    }

    @Test
    void invalidItemsAreRejectedWithTheirReasonsAndTheRunGoesOn() {
        stubSite();
        stubListing("tm_activity", fixture("activities-invalid.json"));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, 8, 4, 0, 0, 4, 0, 0);
        assertThat(rejects(run.id())).containsExactly(
                "service -: item has no numeric id",
                "service -: item is not a JSON object",
                "service 5202: unknown municipality 'Kuopion seutu' (not a name in mappings/taxonomy/municipalities.csv)",
                "service 5203: no name in Finnish, Swedish or English");
        assertThat(mappedDocuments("service")).isEqualTo(tree("""
                [{"sourceId": "5201", "document": {
                    "name": {"fi": "Muistikahvila"},
                    "webPages": [{"url": "https://www.pohjoissavolaiset.fi/toiminta/muistikahvila/",
                                  "name": {"fi": "Sivu järjestötietopalvelussa"}}],
                    "provenance": {"source": "toimeksi", "kind": "service", "sourceId": "5201",
                                   "sourceUrl": "http://toimeksi.test/wp-json/wp/v2/tm_activity/5201",
                                   "sourceModifiedAt": "2024-07-01T10:00:00Z"},
                    "inferredNeeds": [{"need": "muistisairaudet", "score": 0.8, "evidence": [
                        {"field": "name", "language": "fi", "words": "muistikahvila", "signal": "muistikahvila*",
                         "rule": "signal-phrase", "weight": 0.8}]}]}}]"""));
    }

    @Test
    void identicalFullRerunCreatesAndUpdatesNothing() {
        stubSite();
        importToEnd(ImportKind.FULL);

        ImportRun rerun = importToEnd(ImportKind.FULL);

        assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(rerun, RECORDS, 0, 0, RECORDS, 0, 0, 0);
    }

    @Test
    void incrementalRunAsksForChangesSinceTheLastSuccessMinusTheOverlap() {
        stubSite();
        ImportRun full = importToEnd(ImportKind.FULL);
        SITE.resetRequests();
        ObjectNode changed = (ObjectNode) fixture("activities-page-1.json").get(0);
        ((ObjectNode) changed.get("title")).put("rendered", "Omaishoitajien vertaisryhmä &#8211; Kuopio ja Siilinjärvi");
        changed.put("modified_gmt", "2024-08-01T09:00:00");
        SITE.stubFor(changes("tm_organization", 1).willReturn(listingPage(json.createArrayNode(), 0, 0)));
        SITE.stubFor(changes("tm_activity", 1).willReturn(listingPage(json.createArrayNode().add(changed), 1, 1)));

        ImportRun run = importToEnd(ImportKind.INCREMENTAL);

        Instant since = full.startedAt().minus(Duration.ofMinutes(10));
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.changesSince()).isEqualTo(since);
        assertCounts(run, 3, 0, 1, 2, 0, 0, 0);
        assertPages(run, 2);
        SITE.verify(2, getRequestedFor(urlPathMatching(REST + "tm_(organization|activity)"))
                .withQueryParam("modified_after", equalTo(since.truncatedTo(ChronoUnit.SECONDS).toString()))
                .withQueryParam("tm_sote-alue", equalTo("26")));
        SITE.verify(0, getRequestedFor(urlPathEqualTo(REST + "tm_organization")).withQueryParam("include", matching(".*")));
        assertThat(jdbc.queryForObject("""
                SELECT document->'name'->>'fi' FROM mapped_record m JOIN source_record s ON s.id = m.source_record_id
                 WHERE s.kind = 'service' AND s.source_id = '5101'""", String.class))
                .isEqualTo("Omaishoitajien vertaisryhmä – Kuopio ja Siilinjärvi");
    }

    @Test
    void fullRunRetiresExactlyWhatVanished() {
        stubSite();
        importToEnd(ImportKind.FULL);
        ArrayNode withoutFirst = json.createArrayNode().add(fixture("activities-page-1.json").get(1))
                .add(fixture("activities-page-2.json").get(0));
        stubListing("tm_activity", withoutFirst);

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, RECORDS - 3, 0, 0, RECORDS - 3, 0, 0, 3);
        assertThat(jdbc.queryForList("""
                SELECT s.kind, s.source_id, e.status FROM source_record s
                  JOIN entity_member m ON m.source_record_id = s.id JOIN entity e ON e.id = m.entity_id
                 WHERE s.retired_at IS NOT NULL ORDER BY s.kind""")).containsExactly(
                Map.of("kind", "location", "source_id", "5101/1", "status", "inactive"),
                Map.of("kind", "service", "source_id", "5101", "status", "inactive"),
                Map.of("kind", "service_at_location", "source_id", "5101/1", "status", "inactive"));
        assertThat(count("SELECT count(*) FROM mapped_record")).as("retired records are kept").isEqualTo(RECORDS);
    }

    @Test
    void htmlInsteadOfJsonOnTheFirstPageFailsTheRunWithTheReason() {
        stubSite();
        SITE.stubFor(listing("tm_organization", 1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8").withBody(Fixtures.read("toimeksi/maintenance.html"))));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("IOException: first page of " + SITE.baseUrl() + REST
                + "tm_organization?per_page=2&page=1&orderby=modified&order=asc&" + FILTERS
                + " cannot be read: answered text/html instead of JSON");
        assertThat(count("SELECT count(*) FROM source_record")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text/html; charset=UTF-8 | toimeksi/maintenance.html | answered text/html instead of JSON
            application/json         | toimeksi/maintenance.html | malformed JSON: Unexpected character ('<' (code 60))
            application/json         | toimeksi/rest-login-required.json | answered a JSON object where WordPress sends an array""")
    void unreadableLaterPageLeavesTheRunPartialRetiringNothing(String contentType, String body, String reason) {
        stubSite();
        importToEnd(ImportKind.FULL);
        SITE.stubFor(listing("tm_activity", 2).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", contentType).withBody(Fixtures.read(body))));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.error()).isEqualTo("1 page(s) could not be read, so this run retired nothing");
        // Page 2 held activity 5103, the only one naming organisation 4100, so that is not filled in either.
        assertCounts(run, RECORDS - 2, 0, 0, RECORDS - 2, 0, 0, 0);
        assertPages(run, PAGES - 1);
        List<Map<String, Object>> rejected = jdbc.queryForList(
                "SELECT kind, source_id, reason, location, payload FROM rejected_record WHERE run_id = ?", run.id());
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("kind")).isNull();
        assertThat(rejected.get(0).get("source_id")).isNull();
        assertThat((String) rejected.get(0).get("reason")).startsWith("unreadable page: " + reason);
        assertThat(rejected.get(0).get("location"))
                .isEqualTo(SITE.baseUrl() + REST + "tm_activity?per_page=2&page=2&orderby=modified&order=asc&" + FILTERS);
        assertThat(rejected.get(0).get("payload")).isEqualTo(Fixtures.read(body));
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(RECORDS);
    }

    @Test
    void listingThatShiftedWhileReadLeavesTheRunPartial() {
        stubSite();
        importToEnd(ImportKind.FULL);
        // 5101 was modified after page 1 was read: it moved to the end, and 5103 slipped onto page 1.
        stubListing("tm_activity", fixture("activities-page-1.json"),
                json.createArrayNode().add(fixture("activities-page-1.json").get(0)));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertCounts(run, 8, 0, 0, 7, 0, 1, 0);
        assertPages(run, PAGES);
        assertThat(rejects(run.id())).containsExactly("- -: unreadable page: the listing changed while it was read: "
                + "X-WP-Total was 3, but 2 distinct items arrived, so a record may have been skipped");
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
    }

    @Test
    void listingThatShrankWhileReadLeavesTheRunPartial() {
        stubSite();
        importToEnd(ImportKind.FULL);
        SITE.resetRequests();
        SITE.stubFor(listing("tm_activity", 2).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Fixtures.read("toimeksi/invalid-page-number.json"))));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(rejects(run.id())).containsExactly(
                "- -: unreadable page: the listing shrank while it was read (page 2 no longer exists)");
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
        SITE.verify(1, getRequestedFor(urlPathEqualTo(REST + "tm_activity")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void serverErrorInTheMiddleOfPagingFailsTheRunAndRetiresNothing() {
        stubSite();
        importToEnd(ImportKind.FULL);
        SITE.resetRequests();
        SITE.stubFor(listing("tm_activity", 2).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/html").withBody("<p>Internal Server Error</p>")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("SourceHttpException: GET " + SITE.baseUrl() + REST
                + "tm_activity?per_page=2&page=2&orderby=modified&order=asc&" + FILTERS
                + " answered 500: <p>Internal Server Error</p>");
        assertThat(run.counts().retired()).isZero();
        assertThat(count("SELECT count(*) FROM source_record WHERE retired_at IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(RECORDS);
        SITE.verify(3, getRequestedFor(urlPathEqualTo(REST + "tm_activity")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void moreThanMaxPagesFailsTheRunBeforeReadingOn() {
        stubSite();
        SITE.stubFor(listing("tm_organization", 1).willReturn(listingPage(fixture("organizations-page-1.json"), 12, 6)));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("IOException: " + SITE.baseUrl() + REST
                + "tm_organization?per_page=2&page=1&orderby=modified&order=asc&" + FILTERS
                + " reports X-WP-TotalPages 6, more than tarjotin.sources.toimeksi.max-pages (5); refused, retiring nothing");
        assertThat(count("SELECT count(*) FROM source_record")).isZero();
        SITE.verify(0, getRequestedFor(urlPathEqualTo(REST + "tm_organization")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void listingWithoutItsPageCountFailsTheRun() {
        stubSite();
        SITE.stubFor(listing("tm_organization", 1).willReturn(aResponse()
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(fixture("organizations-page-1.json").toString())));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).endsWith(" answered without a valid X-WP-TotalPages header (none), so the listing's "
                + "size is unknown");
    }

    @Test
    void regionTheSiteDoesNotHaveFailsTheRunNamingIt() {
        stubSite();
        ArrayNode regions = fixture("terms/tm_sote-alue.json");
        regions.remove(0);
        stubTerms("tm_sote-alue", regions.toString());

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("IOException: the site has no tm_sote-alue term named 'Pohjois-Savo' "
                + "(tarjotin.sources.toimeksi.regions); its names are listed at " + SITE.baseUrl() + REST
                + "tm_sote-alue?per_page=100");
        SITE.verify(0, getRequestedFor(urlPathEqualTo(REST + "tm_organization")));
    }

    @Test
    void quartzFiringRunsTheScheduledRoute() throws Exception {
        stubSite();

        scheduler.triggerJob(JobKey.jobKey("full", "toimeksi"));

        ImportRun run = ImportRuns.awaitEnd(runs, awaitFirstRunId());
        assertThat(run.triggeredBy()).isEqualTo("schedule");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, RECORDS, RECORDS, 0, 0, 0, 0, 0);
    }

    private long awaitFirstRunId() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM import_run") == 0) {
            assertThat(Instant.now()).as("a run started in time").isBefore(deadline);
            ImportRuns.pause(Duration.ofMillis(20));
        }
        return jdbc.queryForObject("SELECT min(id) FROM import_run", Long.class);
    }

    /** The path and query of every request matching the pattern, decoded, in the order they were made. */
    private List<String> requests(UrlPathPattern path) {
        return SITE.findAll(getRequestedFor(path)).stream().map(LoggedRequest::getUrl)
                .map(url -> URLDecoder.decode(url, StandardCharsets.UTF_8)).toList();
    }
}
