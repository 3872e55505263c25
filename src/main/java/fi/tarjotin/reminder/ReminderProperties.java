package fi.tarjotin.reminder;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Update reminders ({@code tarjotin.reminders.*}); application.yaml documents every value.
 *
 * @param periodMonths the months (1–12) in which a period starts
 * @param secondReminderAfter how long after a period's start the one follow-up goes to those who did not answer
 * @param staleAfter a record not assured for longer than this is marked stale in the API
 * @param tokenValidity how long the links of a reminder work
 * @param tokenSecret signs the links; empty = a key made once and kept in the database
 * @param publicBaseUrl where maintainers reach this service (the links in the mails)
 * @param outbox where reminders are written as .eml files when no SMTP host is set
 * @param sendLease a send claimed this long ago and still not recorded is taken as interrupted and made again
 */
@ConfigurationProperties("tarjotin.reminders")
public record ReminderProperties(boolean enabled, List<Integer> periodMonths, String periodStartCron,
        String followUpCron, Duration secondReminderAfter, Period staleAfter, Duration tokenValidity,
        String tokenSecret, URI publicBaseUrl, Path outbox, String from, CoordinatorContact coordinatorContact,
        List<Override> overrides, Smtp smtp, Retry retry, Duration sendLease, EditUrls editUrls) {

    public ReminderProperties {
        periodMonths = periodMonths == null ? List.of(3, 9) : List.copyOf(periodMonths);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        tokenSecret = tokenSecret == null ? "" : tokenSecret;
    }

    /** Who maintainers of spreadsheet records write to, named in the mails and on the answer pages. */
    public record CoordinatorContact(String name, String email) {
    }

    /**
     * A coordinator's choice of maintainer for a record.
     *
     * @param record an entity id, or an organisation's business id (its services follow it)
     * @param language fi or sv; empty = guessed from the records
     */
    public record Override(String record, String email, String language) {
    }

    /** The SMTP server; an empty host writes reminders to the outbox instead. */
    public record Smtp(String host, int port, String username, String password, Duration timeout) {

        public boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    /** Transient send failures are retried after initialBackoff, doubling up to maxBackoff, maxAttempts in all. */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    }

    /** Where maintainers change records of the sources that have their own editing service. */
    public record EditUrls(String ptv, String lahella, String toimeksi) {
    }
}
