package fi.tarjotin.reminder;

import fi.tarjotin.system.Hashes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts reminder periods (twice a year by the schedule in routes/reminder-periods.yaml, or now through
 * the admin API) and their one follow-up round, and sends what is due. Every maintainer's reminder is
 * rendered and stored with the period in one transaction, before anything is sent (see {@link ReminderSender}).
 */
@Component("reminderPeriods")
public class ReminderPeriods {

    static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final Pattern LABEL = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Logger log = LoggerFactory.getLogger(ReminderPeriods.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MaintainerDirectory directory;
    private final ReminderMessages messages;
    private final ReminderTokens tokens;
    private final ReminderSender sender;
    private final ReminderProperties properties;
    private final Clock clock;

    ReminderPeriods(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, MaintainerDirectory directory,
            ReminderMessages messages, ReminderTokens tokens, ReminderSender sender, ReminderProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.directory = directory;
        this.messages = messages;
        this.tokens = tokens;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
    }

    /** A period as the admin API lists it. */
    public record Period(long id, String label, Instant startedAt, String startedBy, Instant secondRoundDueAt,
            Instant secondRoundAt) {
    }

    /**
     * The schedule's daily look: in a period month whose period has not started, starts it. Missed days
     * (every instance down on the 1st) are made up by the next look in the same month.
     */
    public Optional<Period> startDuePeriod(String startedBy) {
        YearMonth month = YearMonth.now(clock.withZone(HELSINKI));
        if (!properties.periodMonths().contains(month.getMonthValue()) || find(month.toString()).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(start(month.toString(), startedBy));
        } catch (PeriodAlreadyStartedException e) {
            return Optional.empty();
        }
    }

    /** The next period that has not started: this month if it is a period month, else the next one. */
    public String nextLabel() {
        YearMonth month = YearMonth.now(clock.withZone(HELSINKI));
        for (int i = 0; i < 24; i++, month = month.plusMonths(1)) {
            if (properties.periodMonths().contains(month.getMonthValue()) && find(month.toString()).isEmpty()) {
                return month.toString();
            }
        }
        throw new IllegalStateException("tarjotin.reminders.period-months names no month");
    }

    /**
     * Starts the period: one reminder per maintainer listing all their records, stored, then sent.
     *
     * @throws PeriodAlreadyStartedException when a period with the label exists
     */
    public Period start(String label, String startedBy) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("a period label is a month, yyyy-MM: '" + label + "'");
        }
        Instant now = clock.instant();
        Period period = Objects.requireNonNull(transaction.execute(status -> {
            long id;
            try {
                id = jdbc.queryForObject("""
                        INSERT INTO reminder_period (label, started_at, started_by, second_round_due_at)
                        VALUES (:label, :now, :by, :due) RETURNING id""", new MapSqlParameterSource(Map.of(
                        "label", label, "now", Timestamp.from(now), "by", startedBy,
                        "due", Timestamp.from(now.plus(properties.secondReminderAfter())))), Long.class);
            } catch (DuplicateKeyException e) {
                throw new PeriodAlreadyStartedException(label);
            }
            MaintainerDirectory.Plan plan = directory.plan();
            for (MaintainerDirectory.Maintainer maintainer : plan.maintainers()) {
                jdbc.update("""
                        INSERT INTO maintainer (email, language) VALUES (:email, :language)
                        ON CONFLICT (email) DO UPDATE SET language = CASE WHEN maintainer.language_chosen
                               THEN maintainer.language ELSE EXCLUDED.language END""",
                        new MapSqlParameterSource(Map.of("email", maintainer.email(), "language", maintainer.language())));
                create(id, label, "first", maintainer.email(), maintainer.language(), maintainer.records());
            }
            log.info("Reminder period {} started by {}: {} maintainers, {} left out, {} records without a maintainer",
                    label, startedBy, plan.maintainers().size(), plan.skipped().size(), plan.withoutMaintainer().size());
            return find(label).orElseThrow();
        }));
        sender.sendDue();
        return period;
    }

    /**
     * The follow-up look (routes/reminder-periods.yaml): periods whose second-reminder time has come get
     * one more reminder to every maintainer whose first was sent and who has not answered; then whatever
     * is due is sent (retries, and attempts interrupted by a crash).
     */
    public int followUp() {
        List<Long> due = jdbc.queryForList("""
                SELECT id FROM reminder_period WHERE second_round_at IS NULL AND second_round_due_at <= :now ORDER BY id""",
                new MapSqlParameterSource("now", Timestamp.from(clock.instant())), Long.class);
        for (long periodId : due) {
            transaction.executeWithoutResult(status -> secondRound(periodId));
        }
        return sender.sendDue();
    }

    private void secondRound(long periodId) {
        // The conditional update is the claim: of two instances, one makes the round.
        int claimed = jdbc.update("""
                UPDATE reminder_period SET second_round_at = :now WHERE id = :id AND second_round_at IS NULL""",
                new MapSqlParameterSource(Map.of("now", Timestamp.from(clock.instant()), "id", periodId)));
        if (claimed == 0) {
            return;
        }
        String label = jdbc.queryForObject("SELECT label FROM reminder_period WHERE id = :id",
                new MapSqlParameterSource("id", periodId), String.class);
        MaintainerDirectory.Plan plan = directory.plan();
        List<Map<String, Object>> unanswered = jdbc.queryForList("""
                SELECT r.id, r.email, r.language FROM reminder r JOIN maintainer m ON m.email = r.email
                 WHERE r.period_id = :period AND r.round = 'first' AND r.state = 'sent'
                   AND m.opted_out_at IS NULL AND m.unreachable_reason IS NULL
                   AND NOT EXISTS (SELECT 1 FROM reminder_answer a WHERE a.period_id = r.period_id AND a.email = r.email)
                 ORDER BY r.email""", new MapSqlParameterSource("period", periodId));
        for (Map<String, Object> first : unanswered) {
            List<RemindedRecord> records = new ArrayList<>();
            jdbc.queryForList("SELECT entity_id FROM reminder_record WHERE reminder_id = :id ORDER BY entity_id",
                    new MapSqlParameterSource("id", first.get("id")), UUID.class).forEach(entity -> {
                        // Records retired or merged since the first reminder are no longer asked about.
                        if (plan.records().containsKey(entity)) {
                            records.add(plan.records().get(entity));
                        }
                    });
            records.sort(MaintainerDirectory.RECORD_ORDER);
            if (!records.isEmpty()) {
                create(periodId, label, "second", (String) first.get("email"), (String) first.get("language"), records);
            }
        }
        log.info("Reminder period {}: second reminders to {} maintainers who had not answered", label,
                unanswered.size());
    }

    /** Renders and stores one reminder with its records and links, ready to send. */
    private void create(long periodId, String label, String round, String email, String language,
            List<RemindedRecord> records) {
        Instant now = clock.instant();
        long id = jdbc.queryForObject("SELECT nextval('reminder_id_seq')", new MapSqlParameterSource(), Long.class);
        Instant expires = now.plus(properties.tokenValidity());
        ReminderTokens.Issued confirm = tokens.issue(id, "confirm", expires);
        ReminderTokens.Issued changes = tokens.issue(id, "changes", expires);
        ReminderTokens.Issued optOut = tokens.issue(id, "opt-out", expires);
        ReminderMessages.Rendered rendered = messages.render(language, round, label, records, new ReminderMessages.Links(
                confirm.token(), changes.token(), optOut.token(), expires.atZone(HELSINKI).toLocalDate()));
        jdbc.update("""
                INSERT INTO reminder (id, period_id, round, email, language, message_id, subject, body, opt_out_url,
                                      state, next_attempt_at, created_at)
                VALUES (:id, :period, :round, :email, :language, :messageId, :subject, :body, :optOutUrl,
                        'pending', :now, :now)""", new MapSqlParameterSource(Map.of("id", id, "period", periodId,
                "round", round, "email", email, "language", language, "messageId", messageId(periodId, round, email),
                "subject", rendered.subject(), "body", rendered.body(), "optOutUrl", rendered.optOutUrl(),
                "now", Timestamp.from(now))));
        for (RemindedRecord record : records) {
            jdbc.update("INSERT INTO reminder_record (reminder_id, entity_id) VALUES (:id, :entity)",
                    new MapSqlParameterSource(Map.of("id", id, "entity", record.id())));
        }
        tokens.store(List.of(confirm, changes, optOut));
    }

    /**
     * The same for a maintainer, period and round wherever and however often it is made; the address is
     * hashed, so the header does not repeat it.
     */
    private String messageId(long periodId, String round, String email) {
        return "<reminder-" + periodId + "-" + round + "-" + Hashes.sha256(email).substring(0, 16) + "@"
                + properties.publicBaseUrl().getHost() + ">";
    }

    public List<Period> periods() {
        return jdbc.query("SELECT * FROM reminder_period ORDER BY id DESC", new MapSqlParameterSource(),
                (row, number) -> period(row));
    }

    public Optional<Period> find(long id) {
        return jdbc.query("SELECT * FROM reminder_period WHERE id = :id", new MapSqlParameterSource("id", id),
                (row, number) -> period(row)).stream().findFirst();
    }

    Optional<Period> find(String label) {
        return jdbc.query("SELECT * FROM reminder_period WHERE label = :label", new MapSqlParameterSource("label", label),
                (row, number) -> period(row)).stream().findFirst();
    }

    private static Period period(ResultSet row) throws SQLException {
        Timestamp second = row.getTimestamp("second_round_at");
        return new Period(row.getLong("id"), row.getString("label"), row.getTimestamp("started_at").toInstant(),
                row.getString("started_by"), row.getTimestamp("second_round_due_at").toInstant(),
                second == null ? null : second.toInstant());
    }
}
