package fi.tarjotin.reminder;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** What coordinators set about maintainers through the admin API: overrides, opt-outs, languages, reachability. */
@Component
public class MaintainerSettings {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    MaintainerSettings(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A maintainer as coordinators see them. */
    public record MaintainerView(String email, String language, boolean languageChosen, Instant optedOutAt,
            String unreachableReason, Instant unreachableAt) {
    }

    public record OverrideView(String record, String email, String language, String setBy, Instant setAt) {
    }

    public List<MaintainerView> maintainers() {
        return jdbc.query("SELECT * FROM maintainer ORDER BY email", new MapSqlParameterSource(),
                (row, number) -> new MaintainerView(row.getString("email"), row.getString("language"),
                        row.getBoolean("language_chosen"), instant(row.getTimestamp("opted_out_at")),
                        row.getString("unreachable_reason"), instant(row.getTimestamp("unreachable_at"))));
    }

    public List<OverrideView> overrides() {
        return jdbc.query("SELECT * FROM maintainer_override ORDER BY record", new MapSqlParameterSource(),
                (row, number) -> new OverrideView(row.getString("record"), row.getString("email"),
                        row.getString("language"), row.getString("set_by"), instant(row.getTimestamp("set_at"))));
    }

    /** Makes {@code email} the maintainer of a record (entity id or business id), replacing any earlier choice. */
    public OverrideView setOverride(String record, String email, String language, String setBy) {
        String address = checkedAddress(email);
        checkLanguage(language);
        Map<String, Object> values = new HashMap<>(Map.of("record", record.strip(), "email", address, "by", setBy,
                "now", Timestamp.from(clock.instant())));
        values.put("language", language);
        jdbc.update("""
                INSERT INTO maintainer_override (record, email, language, set_by, set_at)
                VALUES (:record, :email, :language, :by, :now)
                ON CONFLICT (record) DO UPDATE SET email = EXCLUDED.email, language = EXCLUDED.language,
                       set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at""", new MapSqlParameterSource(values));
        return overrides().stream().filter(view -> view.record().equals(record.strip())).findFirst().orElseThrow();
    }

    public boolean removeOverride(String record) {
        return jdbc.update("DELETE FROM maintainer_override WHERE record = :record",
                new MapSqlParameterSource("record", record.strip())) > 0;
    }

    /** Stops (or, with false, resumes) reminders to an address, as a maintainer's opt-out link does. */
    public MaintainerView setOptedOut(String email, boolean optedOut) {
        String address = ensure(email);
        jdbc.update("UPDATE maintainer SET opted_out_at = " + (optedOut ? "coalesce(opted_out_at, :now)" : "NULL")
                + " WHERE email = :email", new MapSqlParameterSource(Map.of("email", address,
                "now", Timestamp.from(clock.instant()))));
        return find(address);
    }

    public MaintainerView setLanguage(String email, String language) {
        checkLanguage(language);
        if (language == null) {
            throw new IllegalArgumentException("language must be fi or sv");
        }
        String address = ensure(email);
        jdbc.update("UPDATE maintainer SET language = :language, language_chosen = true WHERE email = :email",
                new MapSqlParameterSource(Map.of("email", address, "language", language)));
        return find(address);
    }

    /** After the coordinator fixed an address problem: the maintainer is reminded again from the next period. */
    public MaintainerView clearUnreachable(String email) {
        String address = ensure(email);
        jdbc.update("UPDATE maintainer SET unreachable_reason = NULL, unreachable_at = NULL WHERE email = :email",
                new MapSqlParameterSource("email", address));
        return find(address);
    }

    private String ensure(String email) {
        String address = checkedAddress(email);
        jdbc.update("INSERT INTO maintainer (email) VALUES (:email) ON CONFLICT DO NOTHING",
                new MapSqlParameterSource("email", address));
        return address;
    }

    private MaintainerView find(String email) {
        return maintainers().stream().filter(view -> view.email().equals(email)).findFirst().orElseThrow();
    }

    private static String checkedAddress(String email) {
        try {
            new InternetAddress(email, true).validate();
        } catch (AddressException | NullPointerException e) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address");
        }
        return MaintainerDirectory.normalise(email);
    }

    private static void checkLanguage(String language) {
        if (language != null && !ReminderTexts.LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("language must be fi or sv, not '" + language + "'");
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
