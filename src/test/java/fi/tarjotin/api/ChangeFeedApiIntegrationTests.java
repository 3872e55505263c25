package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.GoldenFiles;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Records by id with everything nested (golden), ids that survive re-imports, and the change feed a
 * mirror follows: a record the source drops comes back from {@code modified_after} as inactive, and
 * returns as active when the source has it again. The tests run in order on one catalogue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeFeedApiIntegrationTests extends CatalogueApiTestSupport {

    private static final String S13_GRIEF_GROUP = "fbb000c9-3790-4e38-83f3-4c32d2fa0ec7";

    @Test
    @Order(1)
    void recordsByIdHaveEverythingNested() {
        JsonNode service = getJson("/services/" + id("service", S1_CARERS_PEER_GROUP));
        JsonNode organization = getJson("/organizations/" + id("organization", O1_CARERS_ASSOCIATION));
        String firstLink = service.path("service_at_locations").path(0).path("id").asText();
        JsonNode link = getJson("/service_at_locations/" + firstLink + "?language=en");

        assertThat(service.path("service_at_locations")).hasSize(2);
        assertThat(organization.path("services")).hasSize(3);
        GoldenFiles.assertMatches("api/service-s1.json", goldenForm(service));
        GoldenFiles.assertMatches("api/organization-o1.json", goldenForm(organization));
        GoldenFiles.assertMatches("api/service-at-location-s1-first-en.json", goldenForm(link));
        GoldenFiles.assertMatches("api/services-sv-page-1.json", goldenForm(getJson("/services?language=sv&per_page=4")));
    }

    @Test
    @Order(2)
    void aRecordTheSourceDropsIsRetiredAndTheFeedSaysSo() {
        Instant beforeRun = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        JsonNode unchangedBefore = getJson("/services/" + id("service", S1_CARERS_PEER_GROUP));

        ImportRun run = reimportWithout(S13_GRIEF_GROUP);

        assertThat(run.counts().retired()).isEqualTo(1);
        assertThat(getJson("/services").path("total_items").asInt()).isEqualTo(15);
        assertThat(getJson("/services/facets").path("total_items").asInt()).isEqualTo(15);
        JsonNode feed = getJson("/services?modified_after=" + beforeRun);
        assertThat(names(feed)).containsExactly("Surun jakaminen – vertaisryhmä omaisensa menettäneille");
        assertThat(feed.path("contents").path(0).path("status").asText()).isEqualTo("inactive");
        assertThat(feed.path("contents").path(0).path("tarjotin").path("status").asText()).isEqualTo("inactive");
        JsonNode retired = getJson("/services/" + id("service", S13_GRIEF_GROUP));
        assertThat(retired.path("status").asText()).isEqualTo("inactive");
        assertThat(fetch("/services?format=ndjson&modified_after=" + beforeRun).body().split("\n")).hasSize(1);
        // Ids and documents of what did not change stay as they were.
        assertThat(getJson("/services/" + id("service", S1_CARERS_PEER_GROUP))).isEqualTo(unchangedBefore);
    }

    @Test
    @Order(3)
    void aRecordThatComesBackIsActiveAgainWithItsOldId() {
        Instant beforeRun = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        stubPtv("service-search.json");

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        JsonNode feed = getJson("/services?modified_after=" + beforeRun);
        assertThat(names(feed)).containsExactly("Surun jakaminen – vertaisryhmä omaisensa menettäneille");
        assertThat(feed.path("contents").path(0).path("id").asText()).isEqualTo(id("service", S13_GRIEF_GROUP));
        assertThat(feed.path("contents").path(0).path("status").asText()).isEqualTo("active");
        assertThat(getJson("/services").path("total_items").asInt()).isEqualTo(16);
    }

    @Test
    @Order(4)
    void theWholeCatalogueStreamsAsNdjsonInListOrder() {
        String[] lines = fetch("/services?format=ndjson").body().split("\n");
        JsonNode page = getJson("/services?per_page=100");

        assertThat(lines).hasSize(16);
        for (int i = 0; i < lines.length; i++) {
            assertThat(readTree(lines[i]).path("id")).isEqualTo(page.path("contents").path(i).path("id"));
        }
    }

    private ImportRun reimportWithout(String serviceId) {
        ObjectNode search = (ObjectNode) readTree(Fixtures.read(FIXTURES + "service-search.json"));
        ArrayNode items = (ArrayNode) search.get("items");
        for (Iterator<JsonNode> iterator = items.iterator(); iterator.hasNext(); ) {
            if (serviceId.equals(iterator.next().path("contentId").asText())) {
                iterator.remove();
            }
        }
        search.put("totalItems", items.size());
        stubPtvWithServices(search.toString());
        ImportRun run = importToEnd(ImportKind.FULL);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        return run;
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
