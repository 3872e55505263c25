package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static fi.tarjotin.support.CatalogueRecords.assertCounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.PtvApiV11Context;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Imports from a WireMock PTV v11 (the open API) into the same model as v12. */
@PtvApiV11Context
class PtvV11ImportIntegrationTests extends PtvImportTestSupport {

    private static final String EXERCISE_COUNSELLING = "0008afc0-182c-4580-ba73-7472287f4d63";
    private static final String CARER_GROUP = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
    private static final String BLANK_NAMED = "0b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e";
    private static final String AREA = "/area/Municipality/code/297";

    @Test
    void fullImportMapsV11IntoTheSameModel() {
        stubFullScope();

        ImportRun run = importToEnd(ImportKind.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.sourceVersion()).isEqualTo("v11");
        // 4 services (one outside the class scope, one without a name), 2 links, 3 channels, 1 organisation
        assertCounts(run, 10, 8, 0, 0, 1, 1, 0);
        assertThat(rejects(run.id())).containsExactly("service " + BLANK_NAMED + ": no name in Finnish, Swedish or English");
        assertMappedDocumentsMatchGoldens("ptv-v11");
        PTV.verify(getRequestedFor(urlPathEqualTo("/api/v11/Service" + AREA))
                .withQueryParam("includeWholeCountry", equalTo("false")).withQueryParam("page", equalTo("1")));
    }

    @Test
    void identicalRerunCreatesAndUpdatesNothing() {
        stubFullScope();
        importToEnd(ImportKind.FULL);

        ImportRun rerun = importToEnd(ImportKind.FULL);

        assertCounts(rerun, 10, 0, 0, 8, 1, 1, 0);
    }

    @Test
    void incrementalRunReadsChangesSinceLastSuccessAndRetiresArchived() {
        stubFullScope();
        ImportRun full = importToEnd(ImportKind.FULL);
        stubChanges();

        ImportRun run = importToEnd(ImportKind.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        String since = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(
                full.startedAt().minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        PTV.verify(getRequestedFor(urlPathEqualTo("/api/v11/Service" + AREA)).withQueryParam("date", equalTo(since)));
        // the changed service and its two unchanged links; the archived carers' group retired
        assertCounts(run, 3, 0, 1, 2, 0, 0, 1);
        assertThat(jdbc.queryForObject("SELECT document->'summary'->>'fi' FROM mapped_record m JOIN source_record s "
                + "ON s.id = m.source_record_id WHERE s.source_id = ?", String.class, EXERCISE_COUNSELLING))
                .isEqualTo("Henkilökohtaista neuvontaa liikkumiseen ja uneen.");
        assertThat(jdbc.queryForObject("SELECT retired_at IS NOT NULL FROM source_record WHERE source_id = ?",
                Boolean.class, CARER_GROUP)).isTrue();
    }

    private void stubFullScope() {
        stubFull("/api/v11/Service" + AREA, "ptv/v11/service-ids.json");
        stub(get(urlPathEqualTo("/api/v11/Service/list")).willReturn(okJson(Fixtures.read("ptv/v11/services.json"))));
        stubFull("/api/v11/ServiceChannel" + AREA, "ptv/v11/channel-ids.json");
        stub(get(urlPathEqualTo("/api/v11/ServiceChannel/list")).willReturn(okJson(Fixtures.read("ptv/v11/channels.json"))));
        stubFull("/api/v11/Organization" + AREA, "ptv/v11/organization-ids.json");
        stub(get(urlPathEqualTo("/api/v11/Organization/list"))
                .willReturn(okJson(Fixtures.read("ptv/v11/organizations.json"))));
    }

    private void stubChanges() {
        stub(changes("/api/v11/Service" + AREA).willReturn(okJson(Fixtures.read("ptv/v11/incremental-service-ids.json"))));
        stub(get(urlPathEqualTo("/api/v11/Service/list"))
                .willReturn(okJson(Fixtures.read("ptv/v11/incremental-services.json"))));
        for (String type : List.of("ServiceChannel", "Organization")) {
            stub(changes("/api/v11/" + type + AREA).willReturn(okJson(Fixtures.read("ptv/v11/empty-id-page.json"))));
        }
        for (String type : List.of("Service", "ServiceChannel", "Organization")) {
            stub(changes("/api/v11/" + type).withQueryParam("status", matching("Archived|Withdrawn"))
                    .willReturn(okJson(Fixtures.read("ptv/v11/empty-id-page.json"))));
        }
        stub(changes("/api/v11/Service").withQueryParam("status", equalTo("Archived"))
                .willReturn(okJson(Fixtures.read("ptv/v11/archived-service-ids.json"))));
    }

    private void stubFull(String path, String fixture) {
        stub(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1")).withQueryParam("date", absent())
                .willReturn(okJson(Fixtures.read(fixture))));
    }

    private static MappingBuilder changes(String path) {
        return get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1")).withQueryParam("date", matching(".+"));
    }

    private static void stub(MappingBuilder mapping) {
        PTV.stubFor(mapping);
    }
}
