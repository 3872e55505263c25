package fi.tarjotin.source.lahella;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static fi.tarjotin.support.CatalogueRecords.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.ImportRuns;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Imports from a WireMock lähellä.fi through the real routes, mapping files and database. */
class LahellaImportIntegrationTests extends LahellaImportTestSupport {

    // The complete fixture set: 8 activities, of which 3 are skipped (a draft, an expired one, one in
    // Tampere); the other 5 give 5 services, 6 channels (6 locations, 6 services at locations) and 3
    // organisers, met first on pages 1, 1 and 3.
    private static final int FETCHED = 23;
    private static final int STORED = 20;
    private static final int SKIPPED = 3;

    @Autowired
    Scheduler scheduler;

    @LocalServerPort
    int port;

    @Test
    void fullImportStoresMapsAndSkipsExactly() {
        stubCompleteListing();

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.sourceVersion()).isEqualTo("v1");
        assertThat(rejects(run.id())).isEmpty();
        assertCounts(run, FETCHED, STORED, 0, 0, 0, SKIPPED, 0);
        assertThat(List.of(run.pagesDone(), run.pagesTotal())).containsExactly(3, 3);
        assertThat(jdbc.queryForList("SELECT source_id FROM source_record WHERE kind = 'service' ORDER BY source_id",
                String.class)).as("the draft 1003, the expired 1005 and 1006 in Tampere are skipped")
                .containsExactly("1001", "1002", "1004", "1007", "1008");
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(STORED);
        assertMappedDocumentsMatchGoldens("lahella");
    }

    @Test
    void everyRequestCarriesTheCredentialsAndTheRegionFilter() {
        stubCompleteListing();

        importToEnd(ImportKind.FULL);

        LAHELLA.verify(3, getRequestedFor(urlPathEqualTo("/v1/activities")));
        LAHELLA.verify(3, getRequestedFor(urlPathEqualTo("/v1/activities"))
                .withHeader("Cookie", equalTo(COOKIE))
                .withHeader("Authorization", equalTo("Bearer " + BEARER_TOKEN))
                .withQueryParam("region[0]", equalTo(REGION)));
    }

    @Test
    void minimalActivityMaps() {
        stubPage(0, "lahella/minimal-page.json");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, 1, 1, 0, 0, 0, 0, 0);
        assertThat(mappedDocument("service", "2001")).isEqualTo(tree("""
                {"name": {"fi": "Keskusteluapua puhelimessa"},
                 "serviceType": "service",
                 "area": {"scope": "whole-country"},
                 "categories": ["vertaistuki"],
                 "serviceClasses": ["type:support"],
                 "provenance": {"source": "lahella", "kind": "service", "sourceId": "2001",
                                "sourceUrl": "http://lahella.test/v1/activities/2001"}}"""));
    }

    @Test
    void invalidItemsAreRejectedWithTheirReasonsAndTheRunGoesOn() {
        stubPage(0, "lahella/invalid-page.json");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, 9, 3, 0, 0, 6, 0, 0);
        // The fetcher's rejects come as it reads the page, the mapping's as the page is stored.
        assertThat(rejects(run.id())).containsExactly(
                "service -: activity has no _key",
                "service -: activity is not a JSON object",
                "location ch-3001-a: channel ch-3001-a of activity 3002 is already a channel of activity 3001",
                "location -: channel 2 of activity 3002 has no id",
                "service 3002: unknown lähellä.fi region 'state/FI/Itä-Uusimaa' (neither city/FI/<municipality> nor "
                        + "a region in mappings/lahella/state-counties.csv or region-municipalities.csv)",
                "location ch-3001-a: unknown municipality 'Lähellälä' (not a name in mappings/taxonomy/municipalities.csv)");
        assertThat(jdbc.queryForList("SELECT kind || ' ' || source_id FROM source_record ORDER BY kind, source_id",
                String.class)).containsExactly("organization 7103010551", "service 3001",
                "service_at_location 3001/ch-3001-a");
    }

    @Test
    void identicalRerunCreatesAndUpdatesNothing() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);

        ImportRun rerun = importToEnd(ImportKind.FULL);

        assertThat(rerun.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(rerun, FETCHED, 0, 0, STORED, 0, SKIPPED, 0);
    }

    @Test
    void fullRunRetiresExactlyTheRecordsOfAVanishedActivity() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        stubPageBody(6, pageWithout("lahella/activities-page-3.json", "1007"));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, FETCHED - 4, 0, 0, STORED - 4, 0, SKIPPED, 4);
        assertThat(retiredRecords()).as("the activity, its channel and its organiser, who has no other activity")
                .containsExactly("location ch-1007-a", "organization 7103010733", "service 1007",
                        "service_at_location 1007/ch-1007-a");
        assertThat(count("SELECT count(*) FROM entity WHERE status = 'active'")).isEqualTo(STORED - 4);
    }

    @Test
    void activityNoLongerPublishedIsSkippedAndRetiredWhileItsOrganiserStays() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        ObjectNode page = (ObjectNode) tree(Fixtures.read("lahella/activities-page-1.json"));
        ((ObjectNode) page.get("items").get(0)).put("status", "draft");
        stubPageBody(0, page.toString());

        ImportRun run = importToEnd(ImportKind.FULL);

        // Its five records are no longer fetched; the activity itself is fetched and skipped.
        assertCounts(run, FETCHED - 5 + 1, 0, 0, STORED - 5, 0, SKIPPED + 1, 5);
        assertThat(retiredRecords()).containsExactly("location ch-1001-a", "location ch-1001-b", "service 1001",
                "service_at_location 1001/ch-1001-a", "service_at_location 1001/ch-1001-b");
    }

    @Test
    void incrementalRunReadsEverythingButRetiresNothing() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        stubPageBody(6, pageWithout("lahella/activities-page-3.json", "1007"));

        ImportRun run = importToEnd(ImportKind.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertCounts(run, FETCHED - 4, 0, 0, STORED - 4, 0, SKIPPED, 0);
        assertThat(retiredRecords()).isEmpty();
    }

    @Test
    void serverErrorInTheMiddleOfPagingFailsTheRunAndRetiresNothing() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        LAHELLA.resetRequests();
        LAHELLA.stubFor(page(3).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"database down\"}")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertFailedRetiringNothing(run, "answered 500: {\"error\":\"database down\"}");
        LAHELLA.verify(3, getRequestedFor(urlPathEqualTo("/v1/activities")).withQueryParam("skip", equalTo("3")));
        LAHELLA.verify(0, getRequestedFor(urlPathEqualTo("/v1/activities")).withQueryParam("skip", equalTo("6")));
    }

    @Test
    void listingThatRepeatsItsPageFailsTheRun() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        stubPage(3, "lahella/activities-page-1.json");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertFailedRetiringNothing(run, "IOException: the page " + LAHELLA.baseUrl() + "/v1/activities?limit=3&skip=3"
                + "&total=true&links%5Bgroups%5D=true&region%5B0%5D=state/FI/Pohjois-Savo has only activities "
                + "already read in this run: the listing does not advance with skip");
    }

    @Test
    void pageThatSaysMoreButBringsNothingFailsTheRun() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        LAHELLA.stubFor(page(3).willReturn(okJson("{\"items\": [], \"total\": 8, \"hasMore\": true}")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertFailedRetiringNothing(run, "says the listing has more but has no activities: a listing that never ends");
    }

    @Test
    void listingThatGoesOnPastItsTotalFailsTheRun() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        LAHELLA.resetRequests();
        stubEndlessListing(", \"total\": 6");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertFailedRetiringNothing(run, "IOException: the activity listing still said it has more after 3 pages, "
                + "though its first page said there are 6 activities (2 pages of 3)");
        LAHELLA.verify(3, getRequestedFor(urlPathEqualTo("/v1/activities")));
    }

    @Test
    void listingWithoutATotalStopsAtMaxPages() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        LAHELLA.resetRequests();
        stubEndlessListing("");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertFailedRetiringNothing(run, "IOException: the activity listing still said it has more after "
                + MAX_PAGES + " pages (tarjotin.sources.lahella.max-pages): it looks like a listing that never ends");
        LAHELLA.verify(MAX_PAGES, getRequestedFor(urlPathEqualTo("/v1/activities")));
    }

    @Test
    void malformedLaterPageIsKeptAsRejectAndReadingGoesOnAtTheNextSkip() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);
        String broken = "{\"items\": [{\"_key\": \"1004\", ";
        LAHELLA.stubFor(page(3).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(broken)));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
        assertThat(run.error()).isEqualTo("1 page(s) could not be read, so this run retired nothing");
        assertCounts(run, 18, 0, 0, 17, 0, 1, 0);
        assertThat(run.pagesDone()).isEqualTo(3);
        List<Map<String, Object>> rejected = jdbc.queryForList(
                "SELECT reason, payload FROM rejected_record WHERE run_id = ?", run.id());
        assertThat(rejected).hasSize(1);
        assertThat((String) rejected.get(0).get("reason")).startsWith("unreadable page: malformed JSON");
        assertThat(rejected.get(0).get("payload")).isEqualTo(broken);
        assertThat(retiredRecords()).isEmpty();
    }

    @Test
    void refusedCredentialsFailTheRunSayingSo() {
        LAHELLA.stubFor(page(0).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"token expired\"}")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).startsWith("IOException: lähellä.fi refused the request (401): the credentials "
                + "(tarjotin.sources.lahella.cookie or bearer-token) are missing, wrong or expired; GET ");
        LAHELLA.verify(1, getRequestedFor(urlPathEqualTo("/v1/activities")));
    }

    @Test
    void loginPageInsteadOfTheListingFailsTheRunSayingSo() {
        LAHELLA.stubFor(page(0).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><form action=\"/login\"></form></body></html>")));

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).endsWith("cannot be read: an HTML page instead of JSON (a login page? the "
                + "credentials may be missing or expired)");
    }

    @Test
    void importedActivitiesReachThePublicApiByMunicipalityCategoryAndNeed() {
        stubCompleteListing();
        importToEnd(ImportKind.FULL);

        // Kuopio (297): its own activities, the Pohjois-Savo one (county 13) and the national one.
        assertThat(names("/services?municipality=297")).containsExactly("Avoin olohuone", "Muistikahvila",
                "Omaishoitajien vertaistukiryhmä", "Senioritanssi", "Ystävätoiminnan vapaaehtoiseksi");
        assertThat(names("/services?municipality=749&category=liikunta")).containsExactly("Senioritanssi");
        // The source's own needs, and "Senioritanssi" by an inferred need (seniori- in the name).
        assertThat(names("/services?municipality=297&need=ikaantyminen")).contains("Muistikahvila",
                "Omaishoitajien vertaistukiryhmä", "Senioritanssi").doesNotContain("Avoin olohuone");
    }

    @Test
    void quartzFiringRunsTheScheduledRoute() throws Exception {
        stubCompleteListing();

        scheduler.triggerJob(JobKey.jobKey("full", "lahella"));

        ImportRun run = ImportRuns.awaitEnd(runs, awaitFirstRunId());
        assertThat(run.triggeredBy()).isEqualTo("schedule");
        assertThat(run.kind()).isEqualTo(ImportKind.FULL);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    private void assertFailedRetiringNothing(ImportRun run, String error) {
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).contains(error);
        assertThat(run.counts().retired()).isZero();
        assertThat(retiredRecords()).isEmpty();
        assertThat(count("SELECT count(*) FROM entity WHERE status <> 'active'")).isZero();
    }

    /** Pages of one new activity each, at every skip, that always say there is more. */
    private static void stubEndlessListing(String total) {
        LAHELLA.stubFor(listing().willReturn(okJson("{\"items\": [{\"_key\": \"endless-{{request.query.skip}}\","
                + " \"traits\": {\"type\": \"hobby\", \"translations\": {\"fi\": {\"name\": \"Kerho\"}}}}],"
                + " \"hasMore\": true" + total + "}").withTransformers("response-template")));
    }

    private String pageWithout(String fixture, String activity) {
        ObjectNode page = (ObjectNode) tree(Fixtures.read(fixture));
        ArrayNode items = (ArrayNode) page.get("items");
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).path("_key").asText().equals(activity)) {
                items.remove(i);
            }
        }
        page.put("total", page.get("total").asInt() - 1);
        return page.toString();
    }

    private List<String> names(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            tree(response.body()).path("contents").forEach(item -> names.add(item.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long awaitFirstRunId() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (count("SELECT count(*) FROM import_run") == 0) {
            assertThat(Instant.now()).as("a run started in time").isBefore(deadline);
            ImportRuns.pause(Duration.ofMillis(20));
        }
        return jdbc.queryForObject("SELECT min(id) FROM import_run", Long.class);
    }
}
