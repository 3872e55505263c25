package fi.tarjotin.api;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.ImportRuns;
import fi.tarjotin.support.IntegrationTestSupport;
import fi.tarjotin.support.StandIns;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A running Tarjotin whose catalogue is the read-API fixture set ({@code src/test/resources/api/ptv-v12},
 * described in its README), imported once per test class through a WireMock stand-in for PTV v12 — the
 * same path production data takes. Requests go over real HTTP to the server's random port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CatalogueApiTestSupport extends IntegrationTestSupport {

    static final WireMockServer PTV = StandIns.PTV;
    static final String FIXTURES = "api/ptv-v12/";

    // Fixture GUIDs (PTV ids) of the records the tests name; see the fixture README.
    static final String S1_CARERS_PEER_GROUP = "edf0a863-fcdc-4cda-852c-31dfcb552f31";
    static final String S2_MEMORY_CLUB = "729e9050-7d59-4e9f-b79b-95d5bf208c68";
    static final String S3_CARER_SUPPORT = "eaa412e7-e7d5-43e5-8369-cafacc1b7a68";
    static final String O1_CARERS_ASSOCIATION = "b1ccedbf-affd-40bc-89c2-d60ad9893328";


    @LocalServerPort
    int port;

    @Autowired
    ImportLauncher launcher;

    @Autowired
    JdbcImportRunRepository runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();


    @BeforeAll
    void importFixtureCatalogue() {
        CatalogueRecords.emptyCatalogue(jdbc);
        stubPtv("service-search.json");
        ImportRun run = importToEnd(ImportKind.FULL);
        assertThat(run.status()).as("fixture import %s", run).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.counts().rejected()).as("rejects of the fixture import").isZero();
    }

    /** Serves the fixture set, with the given file as the service search result. */
    static void stubPtv(String serviceSearchFile) {
        stubPtvWithServices(Fixtures.read(FIXTURES + serviceSearchFile));
    }

    /** Serves the fixture set, with the given body as the service search result. */
    static void stubPtvWithServices(String serviceSearchBody) {
        PTV.resetAll();
        stub("/api/v12/organization/search", Fixtures.read(FIXTURES + "organization-search.json"));
        stub("/api/v12/service/search", serviceSearchBody);
        stub("/api/v12/service-channel/search", Fixtures.read(FIXTURES + "service-channel-search.json"));
        stub("/api/v12/connection/search", Fixtures.read(FIXTURES + "connection-search.json"));
    }

    private static void stub(String path, String body) {
        PTV.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(body)));
    }

    ImportRun importToEnd(ImportKind kind) {
        return ImportRuns.awaitEnd(runs, launcher.launch("ptv", kind, "test").id());
    }

    /** The entity id a PTV record of the fixture has (name-based, so the same in every run). */
    static String id(String kind, String ptvId) {
        return fi.tarjotin.entity.JdbcEntityRepository.entityIdFor("ptv",
                fi.tarjotin.model.RecordKind.parse(kind), ptvId).toString();
    }

    HttpResponse<String> fetch(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs a path that must answer 200 with JSON, and parses it. */
    JsonNode getJson(String pathAndQuery) {
        HttpResponse<String> response = fetch(pathAndQuery);
        assertThat(response.statusCode()).as("status of GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A response as a golden file keeps it: the stand-in's random port becomes {@code http://ptv.test} and
     * {@code last_modified} (the time of the test's import) a fixed marker.
     */
    JsonNode goldenForm(JsonNode response) {
        String text = response.toString().replace(PTV.baseUrl(), "http://ptv.test")
                .replaceAll("\"last_modified\":\"[^\"]+\"", "\"last_modified\":\"(import time)\"");
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code name} of every item of a list response, in order. */
    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("contents").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
