package fi.tarjotin.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.EntitiesChanged;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a maintainer's click does. Looking at a link ({@link #look}) changes nothing, since link scanners
 * fetch every URL in a mail; only the page's POST ({@link #answer}) does, consuming the link in the same
 * transaction as the answer.
 */
@Component
public class ReminderAnswers {

    /** Who assured a record, as the public API shows it: a role, never the person's address. */
    static final String ASSURED_BY_MAINTAINER = "maintainer";
    static final String ASSURED_BY_COORDINATOR = "coordinator";
    private static final int MAX_MESSAGE_LENGTH = 4000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ReminderTokens tokens;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    ReminderAnswers(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, ReminderTokens tokens,
            ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.tokens = tokens;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The reminder a link belongs to: its language and the records it lists (name in that language, kind). */
    record Reminder(long id, String language, List<Listed> records) {
    }

    record Listed(UUID id, String kind, String name) {
    }

    /** The reminder behind a valid link, for its page; refuses a bad link like {@link #answer}, changing nothing. */
    Reminder look(String token, String action) {
        return reminder(tokens.check(token, action));
    }

    /**
     * Records the answer and uses up the link. "confirm" assures the reminder's active records today
     * (Helsinki) by a maintainer and republishes them; "changes" leaves a request for the coordinator;
     * "opt-out" stops reminders to the address.
     */
    Reminder answer(String token, String action, String message) {
        Instant now = clock.instant();
        Reminder reminder = transaction.execute(status -> {
            long id = tokens.consume(token, action);
            Map<String, Object> row = jdbc.queryForMap("SELECT period_id, email FROM reminder WHERE id = :id",
                    new MapSqlParameterSource("id", id));
            MapSqlParameterSource values = new MapSqlParameterSource(Map.of("id", id, "period", row.get("period_id"),
                    "email", row.get("email"), "now", Timestamp.from(now)));
            String answer = switch (action) {
                case "confirm" -> {
                    jdbc.update("""
                            UPDATE entity SET assured_date = :today, assured_by = :role, last_modified = :now
                             WHERE id IN (SELECT coalesce(e.successor_id, e.id) FROM reminder_record r
                                            JOIN entity e ON e.id = r.entity_id WHERE r.reminder_id = :id)
                               AND status = 'active'""", values.addValue("role", ASSURED_BY_MAINTAINER)
                            .addValue("today", Date.valueOf(LocalDate.ofInstant(now, ReminderPeriods.HELSINKI))));
                    yield "confirmed";
                }
                case "changes" -> "needs-changes";
                case "opt-out" -> {
                    jdbc.update("UPDATE maintainer SET opted_out_at = :now WHERE email = :email AND opted_out_at IS NULL",
                            values);
                    yield "opted-out";
                }
                default -> throw new IllegalArgumentException("unknown answer " + action);
            };
            String text = message == null || message.isBlank() ? null : message.strip();
            if (text != null && text.length() > MAX_MESSAGE_LENGTH) {
                text = text.substring(0, MAX_MESSAGE_LENGTH);
            }
            jdbc.update("""
                    INSERT INTO reminder_answer (reminder_id, period_id, email, answer, message, answered_at)
                    VALUES (:id, :period, :email, :answer, :message, :now)""",
                    values.addValue("answer", answer).addValue("message", text));
            return reminder(id);
        });
        if ("confirm".equals(action)) {
            // The read model and the change feed follow the new assured date.
            events.publishEvent(EntitiesChanged.AWAITED);
        }
        return reminder;
    }

    /**
     * A coordinator confirms a record (a maintainer said so on the phone, say): assured today by the
     * coordinator role. False when there is no active organisation or service with the id.
     */
    public boolean assureByCoordinator(UUID entity) {
        Instant now = clock.instant();
        int assured = jdbc.update("""
                UPDATE entity SET assured_date = :today, assured_by = :role, last_modified = :now
                 WHERE id = :id AND status = 'active' AND entity_type IN ('organization', 'service')""",
                new MapSqlParameterSource(Map.of("id", entity, "role", ASSURED_BY_COORDINATOR,
                        "now", Timestamp.from(now),
                        "today", Date.valueOf(LocalDate.ofInstant(now, ReminderPeriods.HELSINKI)))));
        if (assured > 0) {
            events.publishEvent(EntitiesChanged.AWAITED);
        }
        return assured > 0;
    }

    private Reminder reminder(long id) {
        String language = jdbc.queryForObject("SELECT language FROM reminder WHERE id = :id",
                new MapSqlParameterSource("id", id), String.class);
        List<Listed> records = jdbc.query("""
                SELECT e.id, e.entity_type, e.document->'name' AS name FROM reminder_record r
                  JOIN entity e ON e.id = r.entity_id WHERE r.reminder_id = :id""",
                new MapSqlParameterSource("id", id), (row, number) -> new Listed(row.getObject("id", UUID.class),
                        row.getString("entity_type"), name(row.getString("name"), language)));
        return new Reminder(id, language, records.stream().sorted(Comparator.comparing(Listed::kind)
                .thenComparing(Listed::name)).toList());
    }

    private String name(String names, String language) {
        try {
            JsonNode node = json.readTree(names);
            for (String candidate : List.of(language, "fi", "sv", "en")) {
                if (node.path(candidate).isTextual()) {
                    return node.path(candidate).asText();
                }
            }
            return "";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
