package fi.tarjotin.reminder;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends the reminders that are due, one at a time, each claimed first in its own committed statement.
 *
 * <p>SMTP cannot be made atomic with a database write, so the order is: the row holds the rendered
 * message and its stable Message-ID since the period started; claiming it sets {@code sending} with a
 * lease ({@code send-lease}); only after the server accepted it is it {@code sent}. A crash between the
 * send and that record leaves it {@code sending}: when the lease runs out it is sent again, byte for byte
 * the same with the same Message-ID, so mail servers and clients treat it as the same message. That
 * never leaves a maintainer without their reminder, which holding it for a coordinator would; the cost is
 * a possible second copy of the same message, counted in the period's report. The claim skips rows other
 * instances hold ({@code FOR UPDATE SKIP LOCKED}), so two instances never send the same row at once.
 */
@Component
class ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(ReminderSender.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final NamedParameterJdbcTemplate jdbc;
    private final ReminderTransport transport;
    private final ReminderProperties properties;
    private final Clock clock;

    ReminderSender(NamedParameterJdbcTemplate jdbc, ReminderTransport transport, ReminderProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a send attempt gave; {@code SENT} counts. */
    enum Outcome { SENT, RETRY, FAILED, UNREACHABLE }

    private record Claim(long id, String email, String messageId, String subject, String body, String optOutUrl,
            Instant created, int attempts) {
    }

    /** Sends every reminder due now (new ones, retries whose time has come, uncertain ones); returns how many were sent. */
    int sendDue() {
        int sent = 0;
        Optional<Claim> claimed;
        while ((claimed = claimNext()).isPresent()) {
            if (send(claimed.get()) == Outcome.SENT) {
                sent++;
            }
        }
        return sent;
    }

    /** A row still {@code sending} when it is claimed is an uncertain attempt: the resend is counted. */
    private Optional<Claim> claimNext() {
        Instant now = clock.instant();
        return jdbc.query("""
                UPDATE reminder r SET state = 'sending', attempts = r.attempts + 1,
                       uncertain_resends = r.uncertain_resends + CASE WHEN r.state = 'sending' THEN 1 ELSE 0 END,
                       next_attempt_at = :leaseUntil
                 WHERE r.id = (SELECT id FROM reminder WHERE state IN ('pending', 'sending') AND next_attempt_at <= :now
                                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING r.id, r.email, r.message_id, r.subject, r.body, r.opt_out_url, r.created_at, r.attempts""",
                new MapSqlParameterSource(Map.of("now", Timestamp.from(now),
                        "leaseUntil", Timestamp.from(now.plus(properties.sendLease())))),
                (row, number) -> new Claim(row.getLong("id"), row.getString("email"), row.getString("message_id"),
                        row.getString("subject"), row.getString("body"), row.getString("opt_out_url"),
                        row.getTimestamp("created_at").toInstant(), row.getInt("attempts"))).stream().findFirst();
    }

    private Outcome send(Claim claim) {
        try {
            transport.deliver(new ReminderTransport.Outgoing(claim.email(), claim.messageId(), claim.subject(),
                    claim.body(), claim.optOutUrl(), Date.from(claim.created())));
        } catch (Exception e) {
            return recordFailure(claim, e);
        }
        jdbc.update("UPDATE reminder SET state = 'sent', sent_at = :now, last_error = NULL WHERE id = :id",
                new MapSqlParameterSource(Map.of("now", Timestamp.from(clock.instant()), "id", claim.id())));
        return Outcome.SENT;
    }

    private Outcome recordFailure(Claim claim, Exception failure) {
        String permanent = permanentReason(failure);
        String error = describe(failure);
        MapSqlParameterSource values = new MapSqlParameterSource(Map.of("id", claim.id(), "error", error,
                "now", Timestamp.from(clock.instant())));
        if (permanent != null) {
            log.warn("Reminder {} to a maintainer failed permanently, marked unreachable: {}", claim.id(), permanent);
            jdbc.update("UPDATE reminder SET state = 'unreachable', last_error = :error WHERE id = :id", values);
            jdbc.update("""
                    UPDATE maintainer SET unreachable_reason = :reason, unreachable_at = :now WHERE email = :email""",
                    values.addValue("reason", permanent).addValue("email", claim.email()));
            return Outcome.UNREACHABLE;
        }
        if (claim.attempts() >= properties.retry().maxAttempts()) {
            log.warn("Reminder {} failed {} times, giving up: {}", claim.id(), claim.attempts(), error);
            jdbc.update("UPDATE reminder SET state = 'failed', last_error = :error WHERE id = :id", values);
            return Outcome.FAILED;
        }
        Instant next = clock.instant().plus(backoff(claim.attempts()));
        log.info("Reminder {} not sent (attempt {}), retrying at {}: {}", claim.id(), claim.attempts(), next, error);
        jdbc.update("""
                UPDATE reminder SET state = 'pending', last_error = :error, next_attempt_at = :next WHERE id = :id""",
                values.addValue("next", Timestamp.from(next)));
        return Outcome.RETRY;
    }

    /** initial-backoff, doubled at each attempt, at most max-backoff. */
    private Duration backoff(int attempts) {
        Duration wait = properties.retry().initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(properties.retry().maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.retry().maxBackoff()) > 0 ? properties.retry().maxBackoff() : wait;
    }

    /**
     * Why no retry can succeed, or null when one might: an address that is not one, or a 5xx answer from
     * the server. camel-mail wraps JavaMail's exceptions, and JavaMail chains the server's answers, so the
     * whole cause chain is read. 4xx answers and connection failures are transient.
     */
    static String permanentReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressException invalid) {
                return "invalid address: " + invalid.getMessage();
            }
            Integer code = returnCode(cause);
            if (code != null) {
                return code >= 500 ? "SMTP " + code + ": " + firstLine(cause.getMessage()) : null;
            }
            if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0 && refused.getCause() == null) {
                return "address refused: " + firstLine(refused.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static Integer returnCode(Throwable cause) {
        if (cause instanceof SMTPAddressFailedException failed) {
            return failed.getReturnCode();
        }
        if (cause instanceof SMTPSenderFailedException failed) {
            return failed.getReturnCode();
        }
        if (cause instanceof SMTPSendFailedException failed) {
            return failed.getReturnCode();
        }
        return null;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < MAX_ERROR_LENGTH; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(firstLine(cause.getMessage()));
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
