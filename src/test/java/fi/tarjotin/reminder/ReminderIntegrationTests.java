package fi.tarjotin.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fi.tarjotin.support.GoldenFiles;
import fi.tarjotin.support.StandIns;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Update reminders end to end against a real SMTP server (GreenMail) and the embedded PostgreSQL: who gets
 * what, exact mails in both languages, the crash between sending and recording, the answer links and what
 * they change in the public API, the follow-up round, retries and permanent failures.
 */
class ReminderIntegrationTests extends ReminderTestSupport {

    private static final int SMTP_PORT = StandIns.SMTP_PORT;
    private static GreenMail smtp;

    @Autowired
    ReminderSender sender;


    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        if (!smtp.isRunning()) {
            startSmtp();
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void previewShowsWhoWouldGetWhatAndSendsNothing() throws IOException {
        GoldenFiles.assertMatches("reminder/preview.json", getJson("/admin/reminders/preview"));

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(count("SELECT count(*) FROM reminder")).isZero();
        assertThat(http.getForEntity("/admin/reminders/preview", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aPeriodSendsEachMaintainerOneMailListingAllTheirRecordsInTheirLanguage() throws Exception {
        JsonNode report = startPeriod();

        List<MimeMessage> all = received(3);
        List<MimeMessage> mails = List.of(to(all, MUISTIKAS).get(0), to(all, FOLKHALSAN).get(0),
                to(all, OMAISHOITAJAT).get(0));
        assertThat(mails).extracting(MimeMessage::getSubject).containsExactly(
                "Tarkista tietosi hyvinvointitarjottimella (2027-03)",
                "Kontrollera dina uppgifter i välfärdsbrickan (2027-03)",
                "Tarkista tietosi hyvinvointitarjottimella (2027-03)");
        GoldenFiles.assertTextMatches("reminder/first-fi-public-email.txt", withoutTokens(body(mails.get(0))));
        GoldenFiles.assertTextMatches("reminder/first-sv-override.txt", withoutTokens(body(mails.get(1))));
        GoldenFiles.assertTextMatches("reminder/first-fi-four-records.txt", withoutTokens(body(mails.get(2))));
        for (MimeMessage mail : mails) {
            assertThat(mail.getContentType()).isEqualTo("text/plain; charset=UTF-8");
            assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
            assertThat(mail.getHeader("List-Unsubscribe")[0])
                    .startsWith("<https://tarjotin.example.fi/reminders/opt-out?token=");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("Hyvinvointitarjotin <tarjotin@tarjotin.example.fi>");
        }
        assertThat(mails.stream().map(ReminderIntegrationTests::messageId).toList())
                .isEqualTo(jdbc.queryForList("SELECT message_id FROM reminder ORDER BY email", String.class))
                .allMatch(id -> id.matches("<reminder-1-first-[0-9a-f]{16}@tarjotin\\.example\\.fi>"));
        GoldenFiles.assertMatches("reminder/report-after-start.json", report);

        ResponseEntity<String> again = admin().postForEntity("/admin/reminders/periods?label=2027-03", null,
                String.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(periods.startDuePeriod("schedule")).isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(3);
    }

    @Test
    void anAttemptInterruptedBetweenSendingAndRecordingIsResentWithTheSameMessageId() throws Exception {
        startPeriod();
        MimeMessage first = to(received(3), MUISTIKAS).get(0);
        // What a crash after the server took the mail but before "sent" was recorded leaves behind.
        jdbc.update("UPDATE reminder SET state = 'sending', next_attempt_at = ? WHERE email = ?",
                Timestamp.from(PERIOD_START.plus(Duration.ofMinutes(5))), MUISTIKAS);

        assertThat(periods.followUp()).as("still within the lease: the first attempt may be going on").isZero();
        clock.advance(Duration.ofMinutes(6));
        assertThat(periods.followUp()).isEqualTo(1);

        List<MimeMessage> mails = to(received(4), MUISTIKAS);
        assertThat(mails).hasSize(2);
        assertThat(messageId(mails.get(1))).isEqualTo(messageId(first));
        assertThat(body(mails.get(1))).isEqualTo(body(first));
        assertThat(mails.get(1).getSubject()).isEqualTo(first.getSubject());
        assertThat(count("SELECT count(*) FROM reminder")).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT state || ' ' || attempts || ' ' || uncertain_resends FROM reminder"
                + " WHERE email = ?", String.class, MUISTIKAS)).containsExactly("sent 2 1");
        assertThat(getJson("/admin/reminders/periods/1/report").path("resentAfterUncertainAttempt").asInt()).isEqualTo(1);
    }

    @Test
    void twoInstancesSendingAtOnceSendEachReminderOnce() throws Exception {
        // Both instances find the same three reminders due: each must be sent by exactly one of them.
        smtp.stop();
        startPeriod();
        startSmtp();
        clock.advance(Duration.ofMinutes(1));

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = List.of(sender::sendDue, sender::sendDue);
            int sent = 0;
            for (Future<Integer> result : instances.invokeAll(both)) {
                sent += result.get();
            }
            assertThat(sent).isEqualTo(3);
        } finally {
            instances.shutdown();
        }
        assertThat(received(3)).extracting(ReminderIntegrationTests::recipient)
                .containsExactlyInAnyOrder(MUISTIKAS, FOLKHALSAN, OMAISHOITAJAT);
    }

    @Test
    void stillCorrectAssuresTheRecordsOnlyOnThePostAndTheLinkWorksOnce() throws Exception {
        startPeriod();
        String token = token(body(to(received(3), OMAISHOITAJAT).get(0)), "confirm");
        UUID service = entityId("service", "RM-001");

        ResponseEntity<String> page = http.getForEntity("/reminders/confirm?token=" + token, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().toString()).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.getHeaders().getCacheControl()).as("a page holding a token is never cached").isEqualTo("no-store");
        assertThat(page.getBody()).contains("<html lang=\"fi\">", "<li>Kuopion Omaishoitajat ry (organisaatio)</li>",
                "<li>Kuopion Omaishoitajien Nuoret (toiminta)</li>", "<form method=\"post\" action=\"confirm\">",
                "Kaikki tiedot ovat oikein").doesNotContain("<script");
        assertThat(count("SELECT count(*) FROM entity WHERE assured_date IS NOT NULL")).as("a GET changes nothing")
                .isZero();
        assertThat(http.getForEntity("/reminders/confirm?token=" + token, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        ResponseEntity<String> confirmed = post("confirm", token, null);
        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmed.getBody()).contains("Kiitos! Tiedot on merkitty tarkistetuiksi tänään.");
        assertThat(jdbc.queryForList("""
                SELECT s.source_id || ' ' || e.entity_type || ' ' || e.assured_date || ' ' || e.assured_by FROM entity e
                  JOIN entity_member m ON m.entity_id = e.id JOIN source_record s ON s.id = m.source_record_id
                 WHERE e.assured_date IS NOT NULL ORDER BY 1""", String.class)).containsExactly(
                "RM-001 organization 2027-03-01 maintainer", "RM-001 service 2027-03-01 maintainer",
                "RM-002 organization 2027-03-01 maintainer", "RM-002 service 2027-03-01 maintainer");

        JsonNode published = json.readTree(http.getForEntity("/services/" + service, String.class).getBody());
        assertThat(published.path("assured_date").asText()).isEqualTo("2027-03-01");
        assertThat(published.path("last_modified").asText()).isEqualTo("2027-03-01T08:00:00Z");
        assertThat(published.path("tarjotin").path("stale").asBoolean()).isFalse();
        assertThat(published.path("tarjotin").path("assured_by").asText()).isEqualTo("maintainer");
        assertThat(published.has("assurer_email")).isFalse();
        JsonNode organisation = json.readTree(http.getForEntity("/organizations/" + entityId("organization", "RM-001"),
                String.class).getBody());
        assertThat(organisation.path("tarjotin").path("assured_date").asText()).isEqualTo("2027-03-01");
        for (String url : List.of("/services/" + service, "/organizations/" + entityId("organization", "RM-001"),
                "/services?modified_after=2027-03-01T00:00:00Z", "/services?format=ndjson",
                "/organizations?format=ndjson")) {
            assertThat(http.getForEntity(url, String.class).getBody()).as(url)
                    .doesNotContain(OMAISHOITAJAT, "toiminnanjohtaja");
        }
        assertThat(json.readTree(http.getForEntity("/services?modified_after=2027-03-01T00:00:00Z", String.class)
                .getBody()).path("total_items").asInt()).isEqualTo(2);

        ResponseEntity<String> reused = post("confirm", token, null);
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(reused.getBody()).contains("Linkkiä on jo käytetty", "Länken har redan använts",
                "Pohjois-Savon tarjotinkoordinaattori, koordinaattori@tarjotin.example.fi");
        assertThat(http.getForEntity("/reminders/confirm?token=" + token, String.class).getStatusCode())
                .isEqualTo(HttpStatus.GONE);
        assertThat(count("SELECT count(*) FROM reminder_answer")).isEqualTo(1);
    }

    @Test
    void tamperedMalformedExpiredAndMisusedLinksAreRefused() throws Exception {
        startPeriod();
        String body = body(to(received(3), OMAISHOITAJAT).get(0));
        String token = token(body, "confirm");
        String[] parts = token.split("\\.");
        String otherReminder = "2." + parts[1] + "." + parts[2] + "." + parts[3];
        String longerExpiry = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86400) + "." + parts[3];
        char flipped = parts[3].charAt(10) == 'A' ? 'B' : 'A';
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2] + "."
                + parts[3].substring(0, 10) + flipped + parts[3].substring(11);

        for (String tampered : List.of(otherReminder, longerExpiry, otherSignature)) {
            assertThat(http.getForEntity("/reminders/confirm?token=" + tampered, String.class).getStatusCode())
                    .as(tampered).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(post("confirm", tampered, null).getStatusCode()).as(tampered).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(post("changes", token, "confirm link used for changes").getStatusCode())
                .as("a link works for its own action only").isEqualTo(HttpStatus.FORBIDDEN);
        for (String malformed : List.of("", "abc", "1.2.3", parts[0] + ".%%%." + parts[2] + "." + parts[3])) {
            assertThat(http.getForEntity("/reminders/confirm?token=" + malformed, String.class).getStatusCode())
                    .as(malformed).isEqualTo(HttpStatus.BAD_REQUEST);
        }
        assertThat(http.getForEntity("/reminders/confirm", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        clock.advance(Duration.ofDays(60).plusSeconds(1));
        ResponseEntity<String> expired = http.getForEntity("/reminders/confirm?token=" + token, String.class);
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(expired.getBody()).contains("Linkki on vanhentunut.", "Länken har gått ut.");
        assertThat(post("confirm", token, null).getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(count("SELECT count(*) FROM reminder_answer")).isZero();
        assertThat(count("SELECT count(*) FROM entity WHERE assured_date IS NOT NULL")).isZero();
    }

    @Test
    void needsChangesReachesTheCoordinatorAndOptOutIsHonoured() throws Exception {
        startPeriod();
        List<MimeMessage> mails = received(3);
        String changes = token(body(to(mails, FOLKHALSAN).get(0)), "changes");
        String optOut = token(body(to(mails, MUISTIKAS).get(0)), "opt-out");

        ResponseEntity<String> page = http.getForEntity("/reminders/changes?token=" + changes, String.class);
        assertThat(page.getBody()).contains("<html lang=\"sv\">", "<textarea id=\"message\" name=\"message\"",
                "Föreningen Folkhälsan i Kuopio rf (organisation)", "Skicka till koordinatorn");
        assertThat(post("changes", changes, "Ny adress: <Skolgatan 1>").getBody())
                .contains("Tack! Koordinatorn har fått ditt meddelande.");
        assertThat(post("opt-out", optOut, null).getBody())
                .contains("Muistutuksia ei enää lähetetä tähän osoitteeseen.");

        JsonNode requests = getJson("/admin/reminders/change-requests");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("email").asText()).isEqualTo(FOLKHALSAN);
        assertThat(requests.get(0).path("message").asText()).isEqualTo("Ny adress: <Skolgatan 1>");
        assertThat(requests.get(0).path("records").findValuesAsText("name"))
                .containsExactly("Föreningen Folkhälsan i Kuopio rf", "Föreningen Folkhälsan i Kuopio rf");
        String handled = "/admin/reminders/change-requests/" + requests.get(0).path("id").asLong() + "/handled";
        assertThat(admin().postForEntity(handled, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(admin().postForEntity(handled, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(getJson("/admin/reminders/change-requests")).isEmpty();
        assertThat(getJson("/admin/reminders/change-requests?all=true").findValuesAsText("handledBy"))
                .containsExactly("coordinator");
        assertThat(jdbc.queryForList("SELECT email FROM maintainer WHERE opted_out_at IS NOT NULL ORDER BY email",
                String.class)).containsExactly(MUISTIKAS, OPTED_OUT);
        JsonNode preview = getJson("/admin/reminders/preview");
        assertThat(preview.path("period").asText()).isEqualTo("2027-09");
        assertThat(preview.path("reminders").findValuesAsText("email")).containsExactly(FOLKHALSAN, OMAISHOITAJAT);
        assertThat(preview.path("skipped").findValuesAsText("email")).containsExactly(MUISTIKAS, OPTED_OUT);
    }

    @Test
    void oneClickUnsubscribeOfRfc8058IsTheSameSingleUseOptOut() throws Exception {
        startPeriod();
        List<MimeMessage> mails = received(3);
        MimeMessage muistikas = to(mails, MUISTIKAS).get(0);
        MimeMessage folkhalsan = to(mails, FOLKHALSAN).get(0);
        assertThat(muistikas.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        // What a mail program does (RFC 8058 section 3.1): POST the body to the List-Unsubscribe address as is.
        String url = unsubscribeAddress(muistikas);
        HttpHeaders form = new HttpHeaders();
        form.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> first = http.postForEntity(url, new HttpEntity<>("List-Unsubscribe=One-Click", form),
                String.class);
        ResponseEntity<String> again = http.postForEntity(url, new HttpEntity<>("List-Unsubscribe=One-Click", form),
                String.class);
        MultiValueMap<String, Object> multipart = new LinkedMultiValueMap<>();
        multipart.add("List-Unsubscribe", "One-Click");
        HttpHeaders multipartHeaders = new HttpHeaders();
        multipartHeaders.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> asMultipart = http.postForEntity(unsubscribeAddress(folkhalsan),
                new HttpEntity<>(multipart, multipartHeaders), String.class);
        ResponseEntity<String> tampered = http.postForEntity(url.substring(0, url.length() - 2) + "AA",
                new HttpEntity<>("List-Unsubscribe=One-Click", form), String.class);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(asMultipart.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tampered.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(jdbc.queryForList("SELECT email FROM maintainer WHERE opted_out_at IS NOT NULL ORDER BY email",
                String.class)).containsExactly(MUISTIKAS, FOLKHALSAN, OPTED_OUT);
        assertThat(count("SELECT count(*) FROM reminder_answer WHERE answer = 'opted-out'")).isEqualTo(2);
    }

    /** The List-Unsubscribe address, on this test's server instead of the public one. */
    private static String unsubscribeAddress(MimeMessage mail) throws Exception {
        String header = mail.getHeader("List-Unsubscribe")[0];
        return header.substring(1, header.length() - 1).replace("https://tarjotin.example.fi", "");
    }

    @Test
    void oneSecondReminderGoesOnlyToThoseWhoHaveNotAnswered() throws Exception {
        startPeriod();
        List<MimeMessage> firsts = received(3);
        post("confirm", token(body(to(firsts, OMAISHOITAJAT).get(0)), "confirm"), null);
        post("changes", token(body(to(firsts, FOLKHALSAN).get(0)), "changes"), "");

        clock.advance(Duration.ofDays(20));
        assertThat(periods.followUp()).as("before the delay").isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(periods.followUp()).isEqualTo(1);
        assertThat(periods.followUp()).as("only one second reminder").isZero();

        List<MimeMessage> mails = to(received(4), MUISTIKAS);
        assertThat(mails).hasSize(2);
        MimeMessage second = mails.get(1);
        assertThat(second.getSubject()).isEqualTo("Muistutus: tarkista tietosi hyvinvointitarjottimella (2027-03)");
        assertThat(messageId(second)).matches("<reminder-1-second-[0-9a-f]{16}@tarjotin\\.example\\.fi>");
        GoldenFiles.assertTextMatches("reminder/second-fi.txt", withoutTokens(body(second)));
        GoldenFiles.assertMatches("reminder/report-after-second-round.json", getJson("/admin/reminders/periods/1/report"));
    }

    @Test
    void aTransientFailureIsRetriedWithBackoffAndThenSent() throws Exception {
        smtp.stop();
        JsonNode report = startPeriod();
        assertThat(report.path("waiting").asInt()).isEqualTo(3);
        assertThat(jdbc.queryForList(
                "SELECT state || ' ' || attempts || ' ' || extract(epoch FROM next_attempt_at)::bigint FROM reminder",
                String.class)).containsOnly("pending 1 " + PERIOD_START.plus(Duration.ofMinutes(1)).getEpochSecond());
        assertThat(jdbc.queryForList("SELECT last_error FROM reminder", String.class))
                .allMatch(error -> error.contains("ConnectException"));

        startSmtp();
        assertThat(periods.followUp()).as("not before the backoff").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(periods.followUp()).isEqualTo(3);
        assertThat(received(3)).hasSize(3);
        assertThat(jdbc.queryForList("SELECT DISTINCT state || ' ' || attempts FROM reminder", String.class))
                .containsExactly("sent 2");
    }

    @Test
    void retriesEndAsFailedAfterMaxAttempts() throws Exception {
        smtp.stop();
        startPeriod();
        for (Duration wait : List.of(Duration.ofMinutes(1), Duration.ofMinutes(2))) {
            clock.advance(wait);
            assertThat(periods.followUp()).isZero();
        }
        assertThat(jdbc.queryForList("SELECT DISTINCT state || ' ' || attempts FROM reminder", String.class))
                .containsExactly("failed 3");
        clock.advance(Duration.ofHours(1));
        startSmtp();
        assertThat(periods.followUp()).isZero();
        assertThat(getJson("/admin/reminders/periods/1/report").path("failed").asInt()).isEqualTo(3);
    }

    @Test
    void anAddressThatIsNotOneMarksTheMaintainerUnreachable() throws Exception {
        // A public e-mail as a source may deliver it, unchecked.
        jdbc.update("""
                UPDATE entity SET document = jsonb_set(document, '{emails}', '[{"address": "info@@muistikas.example.com"}]')
                 WHERE document->'emails'->0->>'address' = ?""", MUISTIKAS);

        JsonNode report = startPeriod();

        assertThat(received(2)).extracting(ReminderIntegrationTests::recipient).containsExactly(FOLKHALSAN, OMAISHOITAJAT);
        assertThat(report.path("unreachable").asInt()).isEqualTo(1);
        assertThat(report.path("unreachableMaintainers").get(0).path("email").asText())
                .isEqualTo("info@@muistikas.example.com");
        assertThat(report.path("unreachableMaintainers").get(0).path("reason").asText())
                .startsWith("invalid address: ");
        JsonNode preview = getJson("/admin/reminders/preview");
        assertThat(preview.path("skipped").findValuesAsText("email"))
                .containsExactly("info@@muistikas.example.com", OPTED_OUT);
    }

    @Test
    void aMailboxTheServerRefusesWith5xxMarksTheMaintainerUnreachable() throws Exception {
        smtp.stop();
        JsonNode report;
        try (RejectingSmtpServer refusing = new RejectingSmtpServer(SMTP_PORT)) {
            report = startPeriod();
        }

        assertThat(report.path("unreachable").asInt()).isEqualTo(3);
        assertThat(report.path("unreachableMaintainers").findValuesAsText("reason"))
                .containsOnly("SMTP 550: 550 5.1.1 No such mailbox here");
        assertThat(jdbc.queryForList("SELECT DISTINCT state || ' ' || attempts FROM reminder", String.class))
                .containsExactly("unreachable 1");
        List<String> maintainers = new ArrayList<>();
        getJson("/admin/reminders/maintainers").forEach(maintainer -> maintainers.add(
                maintainer.path("email").asText() + " " + maintainer.path("unreachableReason").asText("-")));
        assertThat(maintainers).containsExactly(MUISTIKAS + " SMTP 550: 550 5.1.1 No such mailbox here",
                FOLKHALSAN + " SMTP 550: 550 5.1.1 No such mailbox here", OPTED_OUT + " -",
                OMAISHOITAJAT + " SMTP 550: 550 5.1.1 No such mailbox here");

        startSmtp();
        clock.advance(Duration.ofDays(30));
        assertThat(periods.followUp()).as("no retry and no second reminder to an unreachable maintainer").isZero();
        assertThat(admin().exchange("/admin/reminders/maintainers/" + MUISTIKAS + "/unreachable",
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(getJson("/admin/reminders/preview").path("reminders").findValuesAsText("email"))
                .containsExactly(MUISTIKAS);
    }

    @Test
    void aRecordFromSeveralSourcesSaysWhereToChangeItInEach() throws Exception {
        // As the deduplication will merge them: the association's PTV and lähellä.fi records join its entity.
        UUID organisation = entityId("organization", "RM-004");
        // Source URLs are the API addresses records were read from; the mail names each source's editing service.
        for (String[] member : new String[][] {
                {"ptv", "b1f6c2de-1111-4a2b-9c3d-000000000004",
                    "https://api-gw.palvelutietovaranto.suomi.fi/api/v12/organization/b1f6c2de-1111-4a2b-9c3d-000000000004"},
                {"lahella", "act-4", "https://hallinta.lahella.fi/v1/activities?groups%5B0%5D=act-4"},
                {"toimeksi", "4404", "https://www.pohjoissavolaiset.fi/wp-json/wp/v2/tm_organization/4404"}}) {
            long record = jdbc.queryForObject("""
                    INSERT INTO source_record (source, kind, source_id, source_url, mapping_set, payload, content_hash,
                                               first_seen_at, last_seen_at)
                    VALUES (?, 'organization', ?, ?, 'test', '{}', 'test', now(), now()) RETURNING id""", Long.class,
                    member[0], member[1], member[2]);
            jdbc.update("INSERT INTO entity_member (source_record_id, entity_id) VALUES (?, ?)", record, organisation);
        }

        startPeriod();

        // The Toimeksi site's address is its stand-in's in the shared test context; the mail names the configured site.
        GoldenFiles.assertTextMatches("reminder/first-fi-several-sources.txt",
                withoutTokens(body(to(received(3), MUISTIKAS).get(0)))
                        .replace(StandIns.TOIMEKSI.baseUrl(), "https://www.pohjoissavolaiset.fi"));
    }

    @Test
    void staleAfterTwelveMonthsWithoutAssuranceOrChangeUntilACoordinatorAssuresIt() throws Exception {
        UUID service = entityId("service", "RM-004");
        assertThat(stale(service)).isFalse();
        clock.advance(Duration.ofDays(400));
        assertThat(stale(service)).isTrue();

        assertThat(admin().postForEntity("/admin/reminders/records/" + service + "/assure", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode published = json.readTree(http.getForEntity("/services/" + service, String.class).getBody());
        assertThat(published.path("assured_date").asText()).isEqualTo("2028-04-04");
        assertThat(published.path("tarjotin").path("assured_by").asText()).isEqualTo("coordinator");
        assertThat(published.path("tarjotin").path("stale").asBoolean()).isFalse();
        assertThat(admin().postForEntity("/admin/reminders/records/" + UUID.randomUUID() + "/assure", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private boolean stale(UUID service) throws IOException {
        JsonNode published = json.readTree(http.getForEntity("/services/" + service, String.class).getBody());
        return published.path("tarjotin").path("stale").asBoolean();
    }

    private ResponseEntity<String> post(String action, String token, String message) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token);
        if (message != null) {
            form.add("message", message);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity("/reminders/" + action, new HttpEntity<>(form, headers), String.class);
    }

    private List<MimeMessage> received(int count) {
        assertThat(smtp.waitForIncomingEmail(5000, count)).as("%d mails", count).isTrue();
        List<MimeMessage> mails = new ArrayList<>(Arrays.asList(smtp.getReceivedMessages()));
        assertThat(mails).hasSize(count);
        return mails;
    }

    /** GreenMail lists mails by mailbox; within one, in the order they arrived. */
    private static List<MimeMessage> to(List<MimeMessage> mails, String recipient) {
        return mails.stream().filter(mail -> recipient(mail).equals(recipient)).toList();
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage mail) {
        try {
            return ((String) mail.getContent()).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
