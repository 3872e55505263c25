package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static fi.tarjotin.support.CatalogueRecords.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.StandIns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A coordinator edits a mapping or crosswalk and re-maps the stored records without asking PTV again. */
class MappingRemapIntegrationTests extends PtvImportTestSupport {

    private static final Path MAPPINGS = StandIns.MAPPINGS;
    private static final String EXERCISE_COUNSELLING = "c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8";


    @Test
    void editedCrosswalkRemapsStoredRecordsWithoutFetching() throws IOException {
        stubTwoServices();
        importToEnd(ImportKind.FULL);
        Path crosswalk = MAPPINGS.resolve("ptv/service-class-categories.csv");
        String original = Files.readString(crosswalk);
        Files.writeString(crosswalk, "P5.17,liikunta\n", StandardOpenOption.APPEND);
        PTV.resetRequests();
        try {
            ImportRun remap = importToEnd(ImportKind.REMAP);

            assertThat(remap.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertCounts(remap, 2, 0, 2, 0, 0, 0, 0);
            assertThat(jdbc.queryForObject("SELECT document->>'categories' FROM entity e JOIN entity_member m ON "
                    + "m.entity_id = e.id JOIN source_record s ON s.id = m.source_record_id WHERE s.source_id = ?",
                    String.class, EXERCISE_COUNSELLING)).isEqualTo("[\"ohjaus-ja-neuvonta\", \"liikunta\"]");
            PTV.verify(0, anyRequestedFor(anyUrl()));
            assertCounts(importToEnd(ImportKind.REMAP), 0, 0, 0, 0, 0, 0, 0);
        } finally {
            restore(crosswalk, original);
        }
    }

    @Test
    void brokenMappingEditFailsTheRemapAndKeepsTheMappingsInUse() throws IOException {
        stubTwoServices();
        importToEnd(ImportKind.FULL);
        Path mapping = MAPPINGS.resolve("ptv/v12/service.jsonata");
        String original = Files.readString(mapping);
        Files.writeString(mapping, "{ \"name\": ");
        try {
            ImportRun remap = importToEnd(ImportKind.REMAP);

            assertThat(remap.status()).isEqualTo(RunStatus.FAILED);
            assertThat(remap.error()).contains("ptv/v12/service.jsonata: does not compile");
            assertThat(importToEnd(ImportKind.FULL).status()).as("the old mappings still work")
                    .isEqualTo(RunStatus.SUCCEEDED);
        } finally {
            restore(mapping, original);
        }
    }

    @Test
    void incrementalRunAfterARemapAsksForChangesSinceTheLastImportNotTheRemap() {
        stubTwoServices();
        ImportRun full = importToEnd(ImportKind.FULL);
        importToEnd(ImportKind.REMAP);

        ImportRun incremental = importToEnd(ImportKind.INCREMENTAL);

        assertThat(incremental.changesSince()).isEqualTo(full.startedAt().minus(Duration.ofMinutes(10)));
    }

    /** The shipped file back, and a remap that loads it, so the tests after this one map as shipped. */
    private void restore(Path file, String original) throws IOException {
        Files.writeString(file, original);
        assertThat(importToEnd(ImportKind.REMAP).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    private void stubTwoServices() {
        PTV.stubFor(get(urlPathMatching("/api/v12/.*/search")).willReturn(okJson(Fixtures.read("ptv/v12/empty-page.json"))));
        PTV.stubFor(get(urlPathEqualTo("/api/v12/service/search")).willReturn(okJson(
                Fixtures.read("ptv/v12/service-search-page-1.json").replace("\"totalPages\": 2", "\"totalPages\": 1"))));
    }

}
