package fi.tarjotin.source.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fi.tarjotin.source.RunCounts;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.GoldenFiles;
import fi.tarjotin.support.ImportRuns;
import fi.tarjotin.support.IntegrationTestSupport;
import fi.tarjotin.support.StandIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Coordinators' spreadsheets through the shipped column mapping {@code mappings/spreadsheet/jarjestot.yaml},
 * against a real PostgreSQL: uploads, the inbox folder, every encoding and delimiter Excel writes, rejected
 * rows with their numbers, files refused whole, retirement, and what reaches the public API.
 */
class SpreadsheetImportIntegrationTests extends IntegrationTestSupport {

    private static final Path FIXTURES = Path.of("src/test/resources/spreadsheet");
    // A complete row gives 4 records (organisation, service, location, service at location); one without address 2.
    private static final int COMPLETE_FILE_RECORDS = 4 + 4 + 3 + 3;

    private static final Path INBOX = StandIns.INBOX;

    @Autowired
    SpreadsheetImports spreadsheets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    TestRestTemplate http;


    @BeforeEach
    void emptyCatalogueAndInbox() throws IOException {
        CatalogueRecords.emptyCatalogue(jdbc);
        FileSystemUtils.deleteRecursively(folder());
        Files.createDirectories(folder());
    }

    @Test
    void completeFileMapsEveryRowIntoOrganisationServiceAndLocation() throws IOException {
        SpreadsheetReport report = upload("complete.csv");

        assertThat(report.status()).isEqualTo("succeeded");
        assertThat(report.rows()).isEqualTo(4);
        assertThat(report.rowsRejected()).isZero();
        assertThat(report.records()).isEqualTo(new RunCounts(COMPLETE_FILE_RECORDS, COMPLETE_FILE_RECORDS, 0, 0, 0, 0, 0));
        assertThat(report.archivedAs()).matches("jarjestot/done/\\d{8}T\\d{6}-run1-complete\\.csv");
        for (String kind : List.of("organization", "service", "location", "service_at_location")) {
            GoldenFiles.assertMatches("spreadsheet/" + kind + ".json", mappedDocuments(kind));
        }
        GoldenFiles.assertTextMatches("spreadsheet/complete.report.txt",
                Files.readString(folder().resolve(report.archivedAs().substring("jarjestot/".length()) + ".report.txt")));
    }

    @Test
    void theSameListInEveryEncodingAndDelimiterExcelWritesChangesNothing() throws IOException {
        upload("complete.csv");

        for (String[] variant : new String[][] {{"complete-windows-1252.csv", "Windows-1252", "';'"},
                {"complete-comma.csv", "UTF-8", "','"}, {"complete-utf16.txt", "UTF-16LE with BOM", "tab"}}) {
            SpreadsheetReport report = upload(variant[0]);

            assertThat(List.of(report.status(), report.encoding(), report.delimiter())).as(variant[0])
                    .containsExactly("succeeded", variant[1], variant[2]);
            assertThat(report.records()).as(variant[0])
                    .isEqualTo(new RunCounts(COMPLETE_FILE_RECORDS, 0, 0, COMPLETE_FILE_RECORDS, 0, 0, 0));
        }
    }

    @Test
    void anOrganisationMissingFromTheNextFileIsRetiredWithItsServiceAndLocation() throws IOException {
        upload("complete.csv");

        SpreadsheetReport report = upload("without-ps-002.csv");

        assertThat(report.records()).isEqualTo(new RunCounts(10, 0, 0, 10, 0, 0, 4));
        assertThat(jdbc.queryForList("""
                SELECT kind || ' ' || source_id FROM source_record WHERE retired_at IS NOT NULL ORDER BY kind""",
                String.class)).containsExactly("location PS-002", "organization PS-002", "service PS-002",
                "service_at_location PS-002");
        assertThat(serviceNames("/services?municipality=297")).containsExactly("Kuopion Seudun Omaishoitajat ry",
                "Suomen Muistiasiantuntijat ry");
    }

    @Test
    void aRowWithFewerCellsThanTheHeaderIsRejectedWithItsNumber() throws IOException {
        SpreadsheetReport report = upload("short-rows.csv");

        assertThat(report.status()).isEqualTo("succeeded");
        assertThat(List.of(report.rows(), report.rowsRejected())).containsExactly(4, 2);
        assertThat(report.rejected()).extracting(SpreadsheetReport.Rejection::reason).containsExactly(
                "row 3: the row has 5 cells but the header 25 (a missing delimiter, or the rest of a line broken by "
                        + "an unquoted line break?)",
                "row 4: the row has 1 cells but the header 25 (a missing delimiter, or the rest of a line broken by "
                        + "an unquoted line break?); the name (column 'Nimi') is empty");
        assertThat(jdbc.queryForList("SELECT DISTINCT source_id FROM source_record ORDER BY source_id", String.class))
                .containsExactly("PS-201", "PS-302");
    }

    @Test
    void rowsWithProblemsAreRejectedWithTheirNumbersAndReasonsAndTheGoodRowsGoIn() throws IOException {
        SpreadsheetReport report = upload("invalid.csv");

        assertThat(report.status()).isEqualTo("succeeded");
        assertThat(List.of(report.rows(), report.rowsRejected())).containsExactly(7, 6);
        assertThat(report.records()).isEqualTo(new RunCounts(8, 2, 0, 0, 6, 0, 0));
        assertThat(report.rejected()).extracting(SpreadsheetReport.Rejection::reason).containsExactly(
                "row 3: column 'Toimintakunnat': unknown municipality 'Kuopioo' (for the whole country write 'koko Suomi')",
                "row 4: column 'Y-tunnus': business id '1234567-2' has a wrong check digit; "
                        + "column 'Postinumero': postal code '7010' is not five digits; "
                        + "column 'Puhelin 1': '12' is not a possible phone number; "
                        + "column 'Sähköposti': 'ei-osoite' is not an e-mail address; "
                        + "column 'Kotisivu': 'ei osoite' is not a web address; "
                        + "column 'Tarpeet ja diagnoosit': unknown need 'flunssa' (use a code or a label of "
                        + "mappings/taxonomy/needs.csv); "
                        + "column 'Toimintamuodot': unknown category 'jooga' (use a code or a label of "
                        + "mappings/taxonomy/activity-categories.csv); "
                        + "column 'Ylläpitäjien sähköpostit': 'rikki@' is not an e-mail address; "
                        + "column 'Jäseniä': 'noin 50' is not a whole number; "
                        + "column 'Vapaaehtoistoiminta ammatillisesti tuettua': 'ehkä' is not yes or no (kyllä/ei)",
                "row 5: the name (column 'Nimi') is empty",
                "row 6: the id (column 'Tunnus') is empty",
                "row 7: the same id as row 2 (each organisation once per file)",
                "row 8: the row has 29 cells but the header 25 (a stray delimiter or an unquoted line break?)");
        assertThat(report.rejected().get(0).location()).isEqualTo("spreadsheet:jarjestot/invalid.csv#row=3");
        assertThat(jdbc.queryForList("SELECT DISTINCT source_id FROM source_record", String.class))
                .containsExactly("PS-201");
    }

    @Test
    void aRowRejectedLaterKeepsItsLastGoodVersion() throws IOException {
        upload("complete.csv");
        String broken = Files.readString(FIXTURES.resolve("complete.csv"), StandardCharsets.UTF_8)
                .replace("PS-002;Mielenterveysyhdistys Mieli-Savo ry;", "PS-002;;");

        SpreadsheetReport report = spreadsheets.importUpload(mapping(), "broken-row.csv",
                broken.getBytes(StandardCharsets.UTF_8), "test");

        assertThat(report.rejected()).extracting(SpreadsheetReport.Rejection::reason)
                .containsExactly("row 3: the name (column 'Nimi') is empty");
        assertThat(report.records().retired()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM source_record WHERE retired_at IS NULL", Integer.class))
                .isEqualTo(COMPLETE_FILE_RECORDS);
    }

    @Test
    void aFileThatCannotBeReadFailsItsRunWithTheReasonAndRetiresNothing() throws IOException {
        upload("complete.csv");

        assertRefused("broken-quoting.csv", "SpreadsheetFileException: the file's quoting is broken: a cell in "
                + "spreadsheet row 2 or after opens a \" that never closes");
        assertRefused("double-encoded.csv", "SpreadsheetFileException: the text was garbled before it was saved "
                + "(\"Ã¤\" where a letter like ä or ö was meant): it was read in the wrong encoding once; "
                + "open the original and save it again as \"CSV UTF-8\"");
        assertRefused("missing-columns.csv", "SpreadsheetFileException: the file has no column 'Sektori', "
                + "'Koulutustausta', which mappings/spreadsheet/jarjestot.yaml names; the file's columns are "
                + String.join(", ", Stream.of(Files.readString(FIXTURES.resolve("missing-columns.csv")).lines()
                        .findFirst().orElseThrow().split(";")).map(name -> "'" + name + "'").toList()));
        assertRefused("minimal-header-only.csv", "SpreadsheetFileException: no row of the file could be taken in "
                + "(0 rejected), so nothing was changed or retired",
                Files.readString(FIXTURES.resolve("minimal.csv")).lines().findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8));
        assertRefused("workbook.csv", "SpreadsheetFileException: the file is an Excel workbook (.xlsx), not CSV: "
                + "save it from Excel as \"CSV UTF-8\" or \"CSV (semicolon)\"", new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2});

        assertThat(jdbc.queryForObject("SELECT count(*) FROM source_record WHERE retired_at IS NULL", Integer.class))
                .isEqualTo(COMPLETE_FILE_RECORDS);
        try (Stream<Path> failed = Files.list(folder().resolve("failed"))) {
            assertThat(failed.filter(file -> file.toString().endsWith(".report.txt"))).hasSize(5);
        }
    }

    @Test
    void aMinimalRowNeedsOnlyItsIdAndNameAndBlankRowsAreNotRows() throws IOException {
        SpreadsheetReport report = upload("minimal.csv");

        assertThat(List.of(report.rows(), report.rowsRejected())).containsExactly(1, 0);
        assertThat(report.records()).isEqualTo(new RunCounts(2, 2, 0, 0, 0, 0, 0));
        assertThat(mappedDocuments("organization").get(0).path("document")).isEqualTo(json.readTree("""
                {"name": {"fi": "Pieni yhdistys ry"}, "provenance": {"source": "spreadsheet-jarjestot",
                 "kind": "organization", "sourceId": "PS-100", "sourceUrl": "spreadsheet:jarjestot/minimal.csv#row=2"}}"""));
    }

    @Test
    void aFileDroppedIntoTheInboxIsTakenInOnceAndMovedWithItsReport() throws IOException {
        Files.copy(FIXTURES.resolve("complete.csv"), folder().resolve("complete.csv"));

        Path done = folder().resolve("done");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!(Files.isDirectory(done) && count(done, ".report.txt") == 1) && Instant.now().isBefore(deadline)) {
            ImportRuns.pause(Duration.ofMillis(100));
        }

        assertThat(count(done, ".report.txt")).isEqualTo(1);
        assertThat(count(done, ".csv")).isEqualTo(1);
        assertThat(folder().resolve("complete.csv")).doesNotExist();
        ImportRuns.pause(Duration.ofMillis(600));
        assertThat(jdbc.queryForList("SELECT triggered_by || ' ' || status FROM import_run", String.class))
                .containsExactly("inbox succeeded");
    }

    @Test
    void coordinatorsUploadThroughTheAdminApiAndGetTheReport() throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        byte[] file = Files.readAllBytes(FIXTURES.resolve("complete.csv"));

        assertThat(http.postForEntity("/admin/spreadsheets/jarjestot", new HttpEntity<>(file, headers), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        TestRestTemplate coordinator = http.withBasicAuth("coordinator", "test-password");
        ResponseEntity<String> taken = coordinator.postForEntity("/admin/spreadsheets/jarjestot?filename=lista.csv",
                new HttpEntity<>(file, headers), String.class);
        ResponseEntity<String> refused = coordinator.postForEntity("/admin/spreadsheets/jarjestot",
                new HttpEntity<>(Files.readAllBytes(FIXTURES.resolve("broken-quoting.csv")), headers), String.class);
        ResponseEntity<String> unknown = coordinator.postForEntity("/admin/spreadsheets/ei-ole",
                new HttpEntity<>(file, headers), String.class);
        ResponseEntity<String> mappings = coordinator.getForEntity("/admin/spreadsheets", String.class);

        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(taken.getBody()).path("triggeredBy").asText()).isEqualTo("admin:coordinator");
        assertThat(json.readTree(taken.getBody()).path("records").path("created").asInt()).isEqualTo(COMPLETE_FILE_RECORDS);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(json.readTree(mappings.getBody())).extracting(mapping -> mapping.path("name").asText())
                .containsExactly("jarjestot");
        assertThat(json.readTree(mappings.getBody()).get(0).path("columns").path("municipalities").asText())
                .isEqualTo("Toimintakunnat");
    }

    @Test
    void theThreeClicksFindSpreadsheetRowsAndThePrivateStatisticsStayPrivate() throws IOException {
        upload("complete.csv");

        assertThat(serviceNames("/services?need=omaishoito&municipality=749"))
                .containsExactly("Kuopion Seudun Omaishoitajat ry");
        assertThat(serviceNames("/services?municipality=091"))
                .containsExactly("Föreningen Stöd för anhöriga rf", "Suomen Muistiasiantuntijat ry");
        assertThat(serviceNames("/services?category=vertaistuki&need=yksinaisyys"))
                .containsExactly("Mielenterveysyhdistys Mieli-Savo ry");
        for (String path : List.of("/organizations", "/services", "/service_at_locations")) {
            String body = http.getForObject(path + "?per_page=100", String.class);
            assertThat(body).as(path).contains("Kuopion Seudun Omaishoitajat ry")
                    .doesNotContain("toiminnanjohtaja@", "1420", "sosionomi", "privateDetails", "maintainer");
        }
    }

    private void assertRefused(String fixture, String error) throws IOException {
        assertRefused(fixture, error, Files.readAllBytes(FIXTURES.resolve(fixture)));
    }

    private void assertRefused(String fileName, String error, byte[] content) throws IOException {
        SpreadsheetReport report = spreadsheets.importUpload(mapping(), fileName, content, "test");

        assertThat(List.of(report.status(), report.error())).as(fileName).containsExactly("failed", error);
        assertThat(report.records().retired()).as(fileName).isZero();
        assertThat(report.archivedAs()).as(fileName).startsWith("jarjestot/failed/");
    }

    private SpreadsheetReport upload(String fixture) throws IOException {
        return spreadsheets.importUpload(mapping(), fixture, Files.readAllBytes(FIXTURES.resolve(fixture)), "test");
    }

    private ColumnMapping mapping() {
        return spreadsheets.mapping("jarjestot").orElseThrow();
    }

    private Path folder() {
        return spreadsheets.inbox().resolve("jarjestot");
    }

    private static long count(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(suffix)).count();
        }
    }

    private List<String> serviceNames(String pathAndQuery) throws IOException {
        List<String> names = new ArrayList<>();
        json.readTree(http.getForObject(pathAndQuery, String.class)).path("contents")
                .forEach(service -> names.add(service.path("name").asText()));
        return names;
    }

    private ArrayNode mappedDocuments(String kind) {
        return CatalogueRecords.mappedDocuments(jdbc, json, "spreadsheet-jarjestot", kind, null, null);
    }
}
