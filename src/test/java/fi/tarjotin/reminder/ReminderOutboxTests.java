package fi.tarjotin.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.support.EdgeAndOutageContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded default: no SMTP server configured, so a period writes each reminder as an .eml file into
 * the outbox folder, where a coordinator can open exactly what would be sent.
 */
@EdgeAndOutageContext
class ReminderOutboxTests extends ReminderTestSupport {

    private static final Path OUTBOX = Path.of(EdgeAndOutageContext.OUTBOX);


    @BeforeEach
    void emptyOutbox() throws IOException {
        FileSystemUtils.deleteRecursively(OUTBOX);
    }

    @Test
    void theScheduleStartsAPeriodOnceOnItsFirstLookInAPeriodMonth() {
        clock.set(Instant.parse("2027-02-28T21:59:00Z"));
        assertThat(periods.startDuePeriod("schedule")).as("still February in Helsinki").isEmpty();

        clock.set(Instant.parse("2027-02-28T22:00:00Z"));
        assertThat(periods.startDuePeriod("schedule")).map(ReminderPeriods.Period::label).contains("2027-03");
        clock.set(Instant.parse("2027-03-02T07:00:00Z"));
        assertThat(periods.startDuePeriod("schedule")).isEmpty();
        assertThat(jdbc.queryForList("SELECT label || ' ' || started_by FROM reminder_period", String.class))
                .containsExactly("2027-03 schedule");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reminder", Long.class)).isEqualTo(3);
    }

    @Test
    void withoutSmtpEachReminderIsAnEmlFileInTheOutboxDeclaringUtf8() throws IOException {
        startPeriod();

        List<Path> files;
        try (Stream<Path> listing = Files.list(OUTBOX)) {
            files = listing.sorted().toList();
        }
        List<String> messageIds = jdbc.queryForList("SELECT message_id FROM reminder ORDER BY message_id", String.class);
        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactlyElementsOf(
                messageIds.stream().map(id -> id.replaceAll("[<>]", "") + ".eml").toList());
        String swedish = null;
        for (Path file : files) {
            String mail = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(mail).contains("Content-Type: text/plain; charset=UTF-8", "MIME-Version: 1.0",
                    "Auto-Submitted: auto-generated", "List-Unsubscribe: <https://tarjotin.example.fi/reminders/opt-out?token=");
            assertThat(mail).containsPattern("Message-ID: <reminder-1-first-[0-9a-f]{16}@tarjotin\\.example\\.fi>");
            if (mail.contains("To: " + FOLKHALSAN)) {
                swedish = mail;
            }
        }
        assertThat(swedish).contains("Subject: =?UTF-8?Q?Kontrollera_dina_uppgifter_?=", "=?UTF-8?Q?i_v=C3=A4lf=C3=A4rdsbrickan_(2027-03)?=");
        assertThat(jdbc.queryForList("SELECT DISTINCT state FROM reminder", String.class)).containsExactly("sent");
        assertThat(getJson("/admin/reminders/periods/1/report").path("sent").asInt()).isEqualTo(3);
    }

    @Test
    void aWriteThatFailsLeavesNoPartFileBehindAndIsRetried() throws IOException {
        // A directory (not empty) where the finished file must go: the write succeeds, the move cannot.
        String blocked = "reminder-1-first-" + fi.tarjotin.system.Hashes.sha256(MUISTIKAS).substring(0, 16)
                + "@tarjotin.example.fi.eml";
        Files.createDirectories(OUTBOX.resolve(blocked));
        Files.writeString(OUTBOX.resolve(blocked).resolve("keep"), "in the way");

        startPeriod();

        try (Stream<Path> listing = Files.list(OUTBOX)) {
            assertThat(listing.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".part")))
                    .isEmpty();
        }
        assertThat(jdbc.queryForList("SELECT email || ' ' || state FROM reminder ORDER BY email", String.class))
                .containsExactly(MUISTIKAS + " pending", FOLKHALSAN + " sent", OMAISHOITAJAT + " sent");
    }
}
