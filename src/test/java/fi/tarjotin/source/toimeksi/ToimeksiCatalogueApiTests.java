package fi.tarjotin.source.toimeksi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.entity.JdbcEntityRepository;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.GoldenFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a Toimeksi import gives the public read API: the three clicks find its activities. */
class ToimeksiCatalogueApiTests extends ToimeksiImportTestSupport {

    private static final String PEER_GROUP = "Omaishoitajien vertaisryhmä – Kuopio";
    private static final String CHAIR_EXERCISE = "Tuolijumppa ikäihmisille";
    private static final String ONLINE_FRIENDS = "Yksinäisyyden ehkäisy verkossa";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void importTheFixtureSite() {
        stubSite();
        ImportRun run = importToEnd(ImportKind.FULL);
        assertThat(run.status()).as("fixture import %s", run).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void municipalityFindsItsOwnActivitiesAndTheWholeCountrys() {
        assertThat(names(getJson("/services?municipality=297"))).containsExactly(PEER_GROUP, ONLINE_FRIENDS);
        assertThat(names(getJson("/services?municipality=749"))).containsExactly(CHAIR_EXERCISE, ONLINE_FRIENDS);
    }

    @Test
    void needsAndCategoriesFromKeywordsNarrowTheResults() {
        assertThat(names(getJson("/services?need=omaishoito&category=vertaistuki&municipality=297")))
                .containsExactly(PEER_GROUP);
        assertThat(names(getJson("/services?need=ikaantyminen&category=liikunta"))).containsExactly(CHAIR_EXERCISE);
        assertThat(names(getJson("/services?need=yksinaisyys"))).containsExactly(ONLINE_FRIENDS);
    }

    @Test
    void serviceComesWithItsOrganisationAndPlace() {
        String id = JdbcEntityRepository.entityIdFor("toimeksi", RecordKind.SERVICE, "5101").toString();

        GoldenFiles.assertMatches("toimeksi/api-service-5101.json", goldenForm(getJson("/services/" + id)));
    }

    private JsonNode getJson(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as("status of GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
            return tree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The response as its golden file keeps it: the stand-in's port and the import's times replaced. */
    private JsonNode goldenForm(JsonNode response) {
        return tree(response.toString().replace(SITE.baseUrl(), "http://toimeksi.test")
                .replaceAll("\"last_modified\":\"[^\"]+\"", "\"last_modified\":\"(import time)\""));
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("contents").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}
