package fi.tarjotin.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.spreadsheet.ColumnMapping;
import fi.tarjotin.source.spreadsheet.SpreadsheetImports;
import fi.tarjotin.source.spreadsheet.SpreadsheetReport;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.IntegrationTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model is a function of entity state: whatever was stored is published, whatever was lost on the
 * way; one entity that cannot be published holds up no other; over-long values are refused where they are
 * mapped.
 */
class ReadModelReconciliationTests extends IntegrationTestSupport {

    private static final String HEADER = "Tunnus;Nimi;Esittely;Y-tunnus;Toimintakunnat;Käyntiosoite;Postinumero;"
            + "Postitoimipaikka;Sähköposti;Kotisivu;Tarpeet ja diagnoosit;Toimintamuodot;Avainsanat;"
            + "Ylläpitäjien sähköpostit;Jäseniä;Työntekijöitä;Vapaaehtoisia;Vapaaehtoistunteja vuodessa;"
            + "Vapaaehtoistoiminta ammatillisesti tuettua;Sektori;Koulutustausta;Puhelin 1;Puhelin 1 käyttötarkoitus;"
            + "Puhelin 2;Puhelin 2 käyttötarkoitus";

    @Autowired
    SpreadsheetImports spreadsheets;

    @Autowired
    CataloguePublisher publisher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    TestRestTemplate http;

    @Autowired
    TransactionTemplate transaction;

    @BeforeEach
    void emptyCatalogue() {
        CatalogueRecords.emptyCatalogue(jdbc);
    }

    @Test
    void anOverLongNameIsRejectedWithItsReasonAndTheOtherRowsArePublished() throws IOException {
        SpreadsheetReport report = upload(row("KR-1", "Kuopion yhdistys ry", "Kuopio"),
                row("KR-2", "Pitkä nimi ".repeat(273), "Kuopio"), row("KR-3", "Iisalmen yhdistys ry", "Iisalmi"));

        assertThat(report.status()).isEqualTo("succeeded");
        // The row's organisation and its service, each with the name.
        assertThat(report.rejected()).extracting(SpreadsheetReport.Rejection::reason).containsExactly(
                "name.fi is 3002 characters long; at most 500 are accepted",
                "name.fi is 3002 characters long; at most 500 are accepted");
        assertThat(names("/organizations")).containsExactly("Iisalmen yhdistys ry", "Kuopion yhdistys ry");
        assertThat(publisher.failures()).isEmpty();
    }

    @Test
    void anEntityTheReadModelCannotTakeIsRecordedAndEveryOtherChangeIsPublished() throws IOException {
        upload(row("KR-1", "Kuopion yhdistys ry", "Kuopio"), row("KR-2", "Iisalmen yhdistys ry", "Iisalmi"),
                row("KR-3", "Varkauden yhdistys ry", "Varkaus"));
        UUID broken = organisation("Kuopion yhdistys ry");
        // A description PostgreSQL cannot index (over 1 MB of words), stored as a source bug or an older mapping would.
        jdbc.update("UPDATE entity SET document = jsonb_set(document, '{descriptionText}', jsonb_build_object('fi', ?))"
                + " WHERE id = ?", distinctWords(200_000), broken);
        // The same drain carries another entity's change: Varkaus is retired.
        jdbc.update("UPDATE entity SET status = 'inactive', last_modified = now() WHERE id = ?",
                organisation("Varkauden yhdistys ry"));

        publisher.publishPending();

        assertThat(publisher.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.entityId()).isEqualTo(broken);
            assertThat(failure.reason()).contains("too long for tsvector");
        });
        // Kuopio keeps its last published version; Varkaus is no longer served as active.
        assertThat(names("/organizations")).containsExactly("Iisalmen yhdistys ry", "Kuopion yhdistys ry");
        JsonNode failures = http.withBasicAuth("coordinator", "test-password")
                .getForObject("/admin/catalogue/publish-failures", JsonNode.class);
        assertThat(failures.get(0).path("entityId").asText()).isEqualTo(broken.toString());

        // Not retried until it changes; its next change is published and clears the failure.
        assertThat(publisher.publishPending()).isZero();
        jdbc.update("UPDATE entity SET document = document - 'descriptionText' WHERE id = ?", broken);
        publisher.publishPending();
        assertThat(publisher.failures()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT c.entity_version = e.version FROM catalogue_entry c"
                + " JOIN entity e ON e.id = c.entity_id WHERE e.id = ?", Boolean.class, broken)).isTrue();
    }

    @Test
    void whateverTheReadModelLostIsPublishedAgainByTheStartUpReconcile() throws IOException {
        upload(row("KR-1", "Kuopion yhdistys ry", "Kuopio"), row("KR-2", "Iisalmen yhdistys ry", "Iisalmi"),
                row("KR-3", "Varkauden yhdistys ry", "Varkaus"));
        List<String> published = names("/organizations");
        UUID kuopio = organisation("Kuopion yhdistys ry");
        UUID iisalmi = organisation("Iisalmen yhdistys ry");
        // What a crash between storing and publishing looks like to a database from before the queue existed:
        // one entry missing, one older than its entity, nothing queued.
        transaction.executeWithoutResult(status -> {
            jdbc.update("DELETE FROM catalogue_entry WHERE entity_id = ?", kuopio);
            jdbc.update("UPDATE entity SET document = jsonb_set(document, '{name,fi}', '\"Ärjän yhdistys ry\"')"
                    + " WHERE id = ?", iisalmi);
            jdbc.update("DELETE FROM catalogue_pending");
        });
        // Documents are read from the entities, but what lists are filtered and sorted by comes from the entries:
        // Kuopio is missing, and Ärjä is still sorted by its old name.
        assertThat(names("/organizations")).containsExactly("Ärjän yhdistys ry", "Varkauden yhdistys ry");

        assertThat(publisher.reconcile()).isEqualTo(2);

        assertThat(names("/organizations")).containsExactly("Kuopion yhdistys ry", "Varkauden yhdistys ry",
                "Ärjän yhdistys ry");
        assertThat(published).hasSize(3);
        assertThat(publisher.reconcile()).isZero();
    }

    /** A row of the shipped column mapping with an id, a name and a municipality, the other cells empty. */
    private static String row(String id, String name, String municipality) {
        return id + ";" + name + ";;;" + municipality + ";".repeat(20);
    }

    private SpreadsheetReport upload(String... rows) throws IOException {
        String csv = HEADER + "\n" + String.join("\n", rows) + "\n";
        ColumnMapping mapping = spreadsheets.mapping("jarjestot").orElseThrow();
        return spreadsheets.importUpload(mapping, "jarjestot.csv", csv.getBytes(StandardCharsets.UTF_8), "test");
    }

    private UUID organisation(String name) {
        return jdbc.queryForObject("SELECT id FROM entity WHERE entity_type = 'organization' AND document->'name'->>'fi' = ?",
                UUID.class, name);
    }

    private List<String> names(String list) {
        JsonNode answer = http.getForObject(list + "?per_page=100", JsonNode.class);
        List<String> names = new java.util.ArrayList<>();
        answer.path("contents").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static String distinctWords(int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            words.append("sana").append(Integer.toString(i, 26)).append(' ');
        }
        return words.toString();
    }
}
