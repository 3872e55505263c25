package fi.tarjotin.source.toimeksi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.ImportRuns;
import fi.tarjotin.support.ImportTestSupport;
import fi.tarjotin.support.StandIns;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * A running Tarjotin on a fresh embedded PostgreSQL, with a WireMock server standing in for a Toimeksi
 * WordPress site at the base URL production reads from configuration. The filters (application-test.yaml) name a region
 * and two municipalities, and pages hold two items, so the small fixture set spans several pages. Each test
 * starts from an empty catalogue.
 *
 * <p>The fixtures (src/test/resources/toimeksi/, described in its README) have the shape of the WordPress
 * REST API; the ACF fields of organisations and activities are the assumed ones the mapping files name.
 */
abstract class ToimeksiImportTestSupport extends ImportTestSupport {

    static final WireMockServer SITE = StandIns.TOIMEKSI;
    static final String REST = "/wp-json/wp/v2/";
    static final List<String> TAXONOMIES = List.of("tm_sote-alue", "tm_municipality", "tm_village", "tm_keyword");



    @BeforeEach
    void emptyCatalogueAndStubs() {
        SITE.resetAll();
        CatalogueRecords.emptyCatalogue(jdbc);
    }

    /** The whole fixture site: terms, two pages of organisations and of activities, the one filled in. */
    void stubSite() {
        TAXONOMIES.forEach(taxonomy -> stubTerms(taxonomy, Fixtures.read("toimeksi/terms/" + taxonomy + ".json")));
        stubListing("tm_organization", fixture("organizations-page-1.json"), fixture("organizations-page-2.json"));
        stubListing("tm_activity", fixture("activities-page-1.json"), fixture("activities-page-2.json"));
        SITE.stubFor(get(urlPathEqualTo(REST + "tm_organization")).withQueryParam("include", equalTo("4100"))
                .willReturn(listingPage(fixture("organizations-fill-in.json"), 1, 1)));
    }

    /** A taxonomy endpoint answering include and search lookups from the site's whole term list. */
    static void stubTerms(String taxonomy, String allTerms) {
        SITE.stubFor(get(urlPathEqualTo(REST + taxonomy)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(allTerms)
                .withTransformers(WordPressTermsStandIn.NAME)));
    }

    /** The pages of a filtered listing as WordPress serves them, with X-WP-Total and X-WP-TotalPages. */
    static void stubListing(String postType, ArrayNode... pages) {
        int total = 0;
        for (ArrayNode page : pages) {
            total += page.size();
        }
        for (int page = 1; page <= pages.length; page++) {
            SITE.stubFor(listing(postType, page).willReturn(listingPage(pages[page - 1], total, pages.length)));
        }
    }

    /** A listing request of a full run (no modified_after) for one page. */
    static MappingBuilder listing(String postType, int page) {
        return get(urlPathEqualTo(REST + postType)).withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("include", absent()).withQueryParam("modified_after", absent());
    }

    /** An incremental listing request (with modified_after) for one page. */
    static MappingBuilder changes(String postType, int page) {
        return get(urlPathEqualTo(REST + postType)).withQueryParam("page", equalTo(Integer.toString(page)))
                .withQueryParam("modified_after", matching(".+"));
    }

    static ResponseDefinitionBuilder listingPage(JsonNode items, int total, int totalPages) {
        return aResponse().withHeader("Content-Type", "application/json; charset=UTF-8")
                .withHeader("X-WP-Total", Integer.toString(total))
                .withHeader("X-WP-TotalPages", Integer.toString(totalPages)).withBody(items.toString());
    }

    ArrayNode fixture(String name) {
        return (ArrayNode) tree(Fixtures.read("toimeksi/" + name));
    }

    /** Starts a run as a coordinator would and waits for its end. */
    ImportRun importToEnd(ImportKind kind) {
        return ImportRuns.awaitEnd(runs, launcher.launch("toimeksi", kind, "test").id());
    }

    /** Every mapped document of a kind, with its source id, ordered by source id. */
    @Override
    protected ArrayNode mappedDocuments(String kind) {
        return CatalogueRecords.mappedDocuments(jdbc, json, "toimeksi", kind, SITE.baseUrl(), "http://toimeksi.test");
    }

    /** Every rejected record of a run as "kind source-id: reason", in order. */
    List<String> rejects(long runId) {
        return CatalogueRecords.rejects(jdbc, runId);
    }

    long count(String sql, Object... arguments) {
        return CatalogueRecords.count(jdbc, sql, arguments);
    }

    static void assertPages(ImportRun run, int pages) {
        assertThat(List.of(run.pagesDone(), run.pagesTotal())).as("pages done and planned of %s", run)
                .containsExactly(pages, pages);
    }

    JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
