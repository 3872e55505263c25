package fi.tarjotin.source.ptv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.ImportRuns;
import fi.tarjotin.support.ImportTestSupport;
import fi.tarjotin.support.StandIns;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * A running Tarjotin on a fresh embedded PostgreSQL, with a WireMock server standing in for PTV at the
 * base URL production reads from configuration. Each test starts from an empty catalogue.
 */
abstract class PtvImportTestSupport extends ImportTestSupport {

    static final WireMockServer PTV = StandIns.PTV;



    @BeforeEach
    void emptyCatalogueAndStubs() {
        PTV.resetAll();
        CatalogueRecords.emptyCatalogue(jdbc);
    }

    /** Starts a run as a coordinator would and waits for its end. */
    ImportRun importToEnd(ImportKind kind) {
        return awaitEnd(launcher.launch("ptv", kind, "test").id());
    }

    ImportRun awaitEnd(long runId) {
        return ImportRuns.awaitEnd(runs, runId);
    }

    /**
     * Every mapped document of a kind, with its source id, ordered by source id. The stand-in's random
     * port in source URLs is replaced by {@code http://ptv.test}, so golden files stay the same.
     */
    @Override
    protected ArrayNode mappedDocuments(String kind) {
        return CatalogueRecords.mappedDocuments(jdbc, json, "ptv", kind, PTV.baseUrl(), "http://ptv.test");
    }

    /** Every rejected record of a run as "kind source-id: reason", in order. */
    List<String> rejects(long runId) {
        return CatalogueRecords.rejects(jdbc, runId);
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

    static void sleep(Duration duration) {
        ImportRuns.pause(duration);
    }
}
