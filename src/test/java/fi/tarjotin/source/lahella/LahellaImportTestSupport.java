package fi.tarjotin.source.lahella;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
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
 * A running Tarjotin on a fresh embedded PostgreSQL, with a WireMock server standing in for lähellä.fi at
 * the base URL production reads from configuration, credentials set, pages of three activities and the
 * default region (state/FI/Pohjois-Savo). Each test starts from an empty catalogue.
 */
abstract class LahellaImportTestSupport extends ImportTestSupport {

    static final WireMockServer LAHELLA = StandIns.LAHELLA;
    // As application-test.yaml configures the source.
    static final String COOKIE = "AUTH_TOKEN=test-session";
    static final String BEARER_TOKEN = "test-token";
    static final int PAGE_SIZE = 3;
    static final int MAX_PAGES = 6;
    static final String REGION = "state/FI/Pohjois-Savo";



    @BeforeEach
    void emptyCatalogueAndStubs() {
        LAHELLA.resetAll();
        CatalogueRecords.emptyCatalogue(jdbc);
    }

    /** Starts a run as a coordinator would and waits for its end. */
    ImportRun importToEnd(ImportKind kind) {
        return ImportRuns.awaitEnd(runs, launcher.launch("lahella", kind, "test").id());
    }

    /** Any page of the listing, as the fetcher asks for it, with the credentials. */
    static MappingBuilder listing() {
        return get(urlPathEqualTo("/v1/activities")).withHeader("Cookie", equalTo(COOKIE))
                .withHeader("Authorization", equalTo("Bearer " + BEARER_TOKEN))
                .withQueryParam("limit", equalTo(Integer.toString(PAGE_SIZE)))
                .withQueryParam("total", equalTo("true"))
                .withQueryParam("links[groups]", equalTo("true"))
                .withQueryParam("region[0]", equalTo(REGION));
    }

    /** The listing page at this skip. */
    static MappingBuilder page(int skip) {
        return listing().withQueryParam("skip", equalTo(Integer.toString(skip)));
    }

    /** Serves a fixture file as the page at this skip. */
    static void stubPage(int skip, String fixture) {
        stubPageBody(skip, Fixtures.read(fixture));
    }

    static void stubPageBody(int skip, String body) {
        LAHELLA.stubFor(page(skip).willReturn(okJson(body)));
    }

    /** The complete fixture set: eight activities on three pages. */
    static void stubCompleteListing() {
        stubPage(0, "lahella/activities-page-1.json");
        stubPage(3, "lahella/activities-page-2.json");
        stubPage(6, "lahella/activities-page-3.json");
    }

    /**
     * Every mapped document of a kind, with its source id, ordered by source id. The stand-in's random
     * port in source URLs is replaced by {@code http://lahella.test}, so golden files stay the same.
     */
    @Override
    protected ArrayNode mappedDocuments(String kind) {
        return CatalogueRecords.mappedDocuments(jdbc, json, "lahella", kind, LAHELLA.baseUrl(), "http://lahella.test");
    }

    /** The mapped document of one record. */
    JsonNode mappedDocument(String kind, String sourceId) {
        for (JsonNode entry : mappedDocuments(kind)) {
            if (entry.path("sourceId").asText().equals(sourceId)) {
                return entry.path("document");
            }
        }
        throw new AssertionError("no mapped " + kind + " " + sourceId);
    }

    /** Every rejected record of a run as "kind source-id: reason", in order. */
    List<String> rejects(long runId) {
        return CatalogueRecords.rejects(jdbc, runId);
    }

    /** The records a run retired, as "kind source-id", in kind and id order. */
    List<String> retiredRecords() {
        return jdbc.queryForList("""
                SELECT s.kind || ' ' || s.source_id FROM source_record s
                 WHERE s.retired_at IS NOT NULL ORDER BY s.kind, s.source_id""", String.class);
    }

    long count(String sql, Object... arguments) {
        return CatalogueRecords.count(jdbc, sql, arguments);
    }

    JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
