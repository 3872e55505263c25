package fi.tarjotin.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.spreadsheet.SpreadsheetImports;
import fi.tarjotin.source.spreadsheet.SpreadsheetReport;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.IntegrationTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the reminder tests share: the clock set to 1 March 2027, 10:00 in Helsinki, the coordinator's list
 * {@code src/test/resources/reminder/maintainers.csv} taken in through the real spreadsheet import, the
 * Swedish override of its test configuration (application-test.yaml), and the admin API.
 */
abstract class ReminderTestSupport extends IntegrationTestSupport {

    static final Instant PERIOD_START = Instant.parse("2027-03-01T08:00:00Z");
    static final Instant LAST_IMPORT = Instant.parse("2027-02-01T06:00:00Z");
    static final String FOLKHALSAN = "ordforande@folkhalsan.example.com";
    static final String OMAISHOITAJAT = "toiminnanjohtaja@omaishoitajat.example.com";
    static final String MUISTIKAS = "info@muistikas.example.com";
    static final String OPTED_OUT = "poissa@kerho.example.com";
    private static final Pattern TOKEN = Pattern.compile("token=(\\d+\\.[A-Za-z0-9_-]+\\.\\d+\\.[A-Za-z0-9_-]+)");

    @Autowired
    SpreadsheetImports spreadsheets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    TestRestTemplate http;


    @Autowired
    ReminderPeriods periods;



    @AfterEach
    void systemClockAgain() {
        clock.followSystemClock();
    }

    @BeforeEach
    void freshCatalogueAndReminders() throws IOException {
        clock.set(PERIOD_START);
        jdbc.execute("TRUNCATE reminder_answer, reminder_token, reminder_record, reminder, reminder_period,"
                + " maintainer, maintainer_override RESTART IDENTITY CASCADE");
        CatalogueRecords.emptyCatalogue(jdbc);
        SpreadsheetReport report = spreadsheets.importUpload(spreadsheets.mapping("jarjestot").orElseThrow(),
                "maintainers.csv", Files.readAllBytes(Path.of("src/test/resources/reminder/maintainers.csv")), "test");
        assertThat(List.of(report.status(), report.rows(), report.rowsRejected())).containsExactly("succeeded", 6, 0);
        // As if imported a month before the period, whenever the test runs: dates in the API stay the same.
        jdbc.update("UPDATE entity SET last_modified = ?", Timestamp.from(LAST_IMPORT));
        jdbc.update("UPDATE catalogue_entry SET last_modified = ?", Timestamp.from(LAST_IMPORT));
        assertThat(admin().postForEntity("/admin/reminders/maintainers/" + OPTED_OUT + "/opt-out", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    TestRestTemplate admin() {
        return http.withBasicAuth("coordinator", "test-password");
    }

    JsonNode startPeriod() throws IOException {
        ResponseEntity<String> started = admin().postForEntity("/admin/reminders/periods", null, String.class);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(started.getBody());
    }

    JsonNode getJson(String url) throws IOException {
        ResponseEntity<String> response = admin().getForEntity(url, String.class);
        assertThat(response.getStatusCode()).as(url + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    /** The token of one of a mail's links: {@code confirm}, {@code changes} or {@code opt-out}. */
    static String token(String body, String action) {
        Matcher matcher = Pattern.compile("/reminders/" + action + "\\?" + TOKEN.pattern()).matcher(body);
        assertThat(matcher.find()).as("a %s link in %s", action, body).isTrue();
        return matcher.group(1);
    }

    /** Tokens differ at every run; golden files have {@code token=TOKEN}. */
    static String withoutTokens(String text) {
        return TOKEN.matcher(text.replace("\r\n", "\n")).replaceAll("token=TOKEN");
    }

    UUID entityId(String kind, String sourceId) {
        return jdbc.queryForObject("""
                SELECT m.entity_id FROM entity_member m JOIN source_record s ON s.id = m.source_record_id
                 WHERE s.kind = ? AND s.source_id = ?""", UUID.class, kind, sourceId);
    }
}
