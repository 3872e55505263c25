package fi.tarjotin.reminder;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** What coordinators see: who the next period would remind, how a period went, and the change requests. */
@Component
public class ReminderReports {

    private final NamedParameterJdbcTemplate jdbc;
    private final MaintainerDirectory directory;
    private final ReminderPeriods periods;
    private final ReminderMessages messages;
    private final Clock clock;

    ReminderReports(NamedParameterJdbcTemplate jdbc, MaintainerDirectory directory, ReminderPeriods periods,
            ReminderMessages messages, Clock clock) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.periods = periods;
        this.messages = messages;
        this.clock = clock;
    }

    /** Who the next period would remind, in which language, of which records; sends nothing. */
    public record Preview(String period, int maintainers, int records, List<PreviewMaintainer> reminders,
            List<Skipped> skipped, List<PreviewRecord> withoutMaintainer) {
    }

    public record PreviewMaintainer(String email, String language, List<PreviewRecord> records) {
    }

    /** A record with where its maintainer changes it, per source, in the maintainer's language. */
    public record PreviewRecord(UUID id, String kind, String name, List<PreviewSource> sources) {
    }

    public record PreviewSource(String source, String editAt) {
    }

    public record Skipped(String email, String reason) {
    }

    public Preview preview() {
        MaintainerDirectory.Plan plan = directory.plan();
        List<PreviewMaintainer> reminders = plan.maintainers().stream().map(maintainer -> new PreviewMaintainer(
                maintainer.email(), maintainer.language(), maintainer.records().stream()
                        .map(record -> record(record, maintainer.language())).toList())).toList();
        return new Preview(periods.nextLabel(), reminders.size(),
                reminders.stream().mapToInt(reminder -> reminder.records().size()).sum(), reminders,
                plan.skipped().stream().map(skipped -> new Skipped(skipped.email(), skipped.reason())).toList(),
                plan.withoutMaintainer().stream().map(record -> record(record, "fi")).toList());
    }

    private PreviewRecord record(RemindedRecord record, String language) {
        return new PreviewRecord(record.id(), record.kind(), record.name(language), record.sources().stream()
                .map(source -> new PreviewSource(source.source(), messages.where(language, source))).toList());
    }

    /**
     * How a period went, per maintainer of its first round: {@code sent} and {@code secondSent} count
     * mails; {@code confirmed}, {@code needsChanges}, {@code noAnswer} (sent, not answered) and
     * {@code unreachable} (a permanent failure) count maintainers, as do {@code optedOut}, {@code failed}
     * (retries used up) and {@code waiting} (not yet sent). {@code resentAfterUncertainAttempt} counts
     * sends repeated with the same Message-ID after an interruption.
     */
    public record Report(ReminderPeriods.Period period, int maintainers, int sent, int secondSent, int confirmed,
            int needsChanges, int noAnswer, int unreachable, int optedOut, int failed, int waiting,
            int resentAfterUncertainAttempt, List<String> confirmedBy, List<String> needsChangesFrom,
            List<String> noAnswerFrom, List<Skipped> unreachableMaintainers, List<Skipped> failedMaintainers) {
    }

    public Optional<Report> report(long periodId) {
        return periods.find(periodId).map(period -> {
            Map<String, Maintainer> maintainers = new LinkedHashMap<>();
            jdbc.query("""
                    SELECT r.email, r.round, r.state, r.uncertain_resends, r.last_error, m.unreachable_reason,
                           ARRAY(SELECT DISTINCT a.answer FROM reminder_answer a
                                  WHERE a.period_id = r.period_id AND a.email = r.email) AS answers
                      FROM reminder r JOIN maintainer m ON m.email = r.email
                     WHERE r.period_id = :period ORDER BY r.email, r.round""", new MapSqlParameterSource("period", periodId),
                    row -> {
                        Maintainer maintainer = maintainers.computeIfAbsent(row.getString("email"), Maintainer::new);
                        maintainer.answers.addAll(Arrays.asList((String[]) row.getArray("answers").getArray()));
                        maintainer.states.put(row.getString("round"), row.getString("state"));
                        maintainer.resends += row.getInt("uncertain_resends");
                        if ("unreachable".equals(row.getString("state"))) {
                            maintainer.unreachable = row.getString("unreachable_reason") != null
                                    ? row.getString("unreachable_reason") : row.getString("last_error");
                        }
                        if ("failed".equals(row.getString("state"))) {
                            maintainer.failure = row.getString("last_error");
                        }
                    });
            List<String> confirmed = new ArrayList<>();
            List<String> needsChanges = new ArrayList<>();
            List<String> noAnswer = new ArrayList<>();
            List<Skipped> unreachable = new ArrayList<>();
            List<Skipped> failed = new ArrayList<>();
            int sent = 0;
            int secondSent = 0;
            int optedOut = 0;
            int waiting = 0;
            int resends = 0;
            for (Maintainer maintainer : maintainers.values()) {
                boolean anySent = maintainer.states.containsValue("sent");
                sent += "sent".equals(maintainer.states.get("first")) ? 1 : 0;
                secondSent += "sent".equals(maintainer.states.get("second")) ? 1 : 0;
                resends += maintainer.resends;
                if (maintainer.answers.contains("confirmed")) {
                    confirmed.add(maintainer.email);
                }
                if (maintainer.answers.contains("needs-changes")) {
                    needsChanges.add(maintainer.email);
                }
                optedOut += maintainer.answers.contains("opted-out") ? 1 : 0;
                if (maintainer.unreachable != null) {
                    unreachable.add(new Skipped(maintainer.email, maintainer.unreachable));
                } else if (anySent && maintainer.answers.isEmpty()) {
                    noAnswer.add(maintainer.email);
                } else if (!anySent && maintainer.failure != null) {
                    failed.add(new Skipped(maintainer.email, maintainer.failure));
                } else if (!anySent) {
                    waiting++;
                }
            }
            return new Report(period, maintainers.size(), sent, secondSent, confirmed.size(), needsChanges.size(),
                    noAnswer.size(), unreachable.size(), optedOut, failed.size(), waiting, resends, confirmed,
                    needsChanges, noAnswer, unreachable, failed);
        });
    }

    private static final class Maintainer {
        private final String email;
        private final Set<String> answers = new TreeSet<>();
        private final Map<String, String> states = new LinkedHashMap<>();
        private int resends;
        private String unreachable;
        private String failure;

        Maintainer(String email) {
            this.email = email;
        }
    }

    /** A maintainer's "needs changes" answer, waiting for the coordinator. */
    /** A "needs changes" answer; {@code handledAt} and {@code handledBy} once a coordinator has dealt with it. */
    public record ChangeRequest(long id, String period, String email, String message, Instant answeredAt,
            List<RequestRecord> records, Instant handledAt, String handledBy) {
    }

    public record RequestRecord(UUID id, String kind, String name) {
    }

    /** "Needs changes" answers, newest first: the open ones, or with {@code includeHandled} all. */
    public List<ChangeRequest> changeRequests(boolean includeHandled) {
        return jdbc.query("""
                SELECT a.id, p.label, a.email, a.message, a.answered_at, a.reminder_id, a.handled_at, a.handled_by
                  FROM reminder_answer a
                  JOIN reminder_period p ON p.id = a.period_id
                 WHERE a.answer = 'needs-changes' AND (:all OR a.handled_at IS NULL)
                 ORDER BY a.id DESC""", new MapSqlParameterSource("all", includeHandled),
                (row, number) -> new ChangeRequest(row.getLong("id"), row.getString("label"), row.getString("email"),
                        row.getString("message"), row.getTimestamp("answered_at").toInstant(),
                        jdbc.query("""
                                SELECT e.id, e.entity_type, coalesce(e.document->'name'->>'fi', e.document->'name'->>'sv',
                                       e.document->'name'->>'en') AS name
                                  FROM reminder_record r JOIN entity e ON e.id = r.entity_id
                                 WHERE r.reminder_id = :id ORDER BY e.entity_type, name""",
                                new MapSqlParameterSource("id", row.getLong("reminder_id")),
                                (record, n) -> new RequestRecord(record.getObject("id", UUID.class),
                                        record.getString("entity_type"), record.getString("name"))),
                        row.getTimestamp("handled_at") == null ? null : row.getTimestamp("handled_at").toInstant(),
                        row.getString("handled_by")));
    }

    /** Marks a change request dealt with; false when there is no such open request. */
    public boolean markHandled(long id, String coordinator) {
        return jdbc.update("""
                UPDATE reminder_answer SET handled_at = :now, handled_by = :coordinator
                 WHERE id = :id AND answer = 'needs-changes' AND handled_at IS NULL""",
                new MapSqlParameterSource("id", id).addValue("coordinator", coordinator)
                        .addValue("now", Timestamp.from(clock.instant()))) == 1;
    }
}
