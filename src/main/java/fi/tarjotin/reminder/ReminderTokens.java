package fi.tarjotin.reminder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The answer links' tokens: {@code <reminder id>.<token id>.<expiry, epoch seconds>.<HMAC-SHA256>}, base64url.
 * The signature covers the token id, reminder, action and expiry, so a changed link is refused before the
 * database is asked; the {@code reminder_token} row makes each link single use.
 */
@Component
class ReminderTokens {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final NamedParameterJdbcTemplate jdbc;
    private final ReminderProperties properties;
    private final Clock clock;
    private volatile byte[] secret;

    ReminderTokens(NamedParameterJdbcTemplate jdbc, ReminderProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token made for a reminder before it is stored: {@link #store} writes its row with the reminder's. */
    record Issued(UUID id, long reminderId, String action, Instant expiresAt, String token) {
    }

    /** Why a link is refused: the status and the page text key. */
    static final class RefusedException extends RuntimeException {

        private final HttpStatus status;
        private final String reason;

        RefusedException(HttpStatus status, String reason) {
            super(reason);
            this.status = status;
            this.reason = reason;
        }

        HttpStatus status() {
            return status;
        }

        /** {@code malformed}, {@code tampered}, {@code expired} or {@code used}. */
        String reason() {
            return reason;
        }
    }

    Issued issue(long reminderId, String action, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        long expiry = expiresAt.getEpochSecond();
        String token = reminderId + "." + BASE64.encodeToString(bytes(id)) + "." + expiry + "."
                + BASE64.encodeToString(sign(id, reminderId, action, expiry));
        return new Issued(id, reminderId, action, Instant.ofEpochSecond(expiry), token);
    }

    void store(List<Issued> tokens) {
        for (Issued token : tokens) {
            jdbc.update("""
                    INSERT INTO reminder_token (id, reminder_id, action, expires_at)
                    VALUES (:id, :reminder, :action, :expires)""", new MapSqlParameterSource(Map.of("id", token.id(),
                    "reminder", token.reminderId(), "action", token.action(),
                    "expires", Timestamp.from(token.expiresAt()))));
        }
    }

    /**
     * The reminder a link answers, when the link is whole, signed here for this action, not expired and not
     * used; otherwise a {@link RefusedException}. Changes nothing.
     */
    long check(String token, String action) {
        Parsed parsed = parse(token);
        if (!MessageDigest.isEqual(parsed.signature(), sign(parsed.id(), parsed.reminderId(), action, parsed.expiry()))) {
            throw new RefusedException(HttpStatus.FORBIDDEN, "tampered");
        }
        if (clock.instant().getEpochSecond() > parsed.expiry()) {
            throw new RefusedException(HttpStatus.GONE, "expired");
        }
        List<Boolean> used = jdbc.queryForList("""
                SELECT used_at IS NOT NULL FROM reminder_token WHERE id = :id AND reminder_id = :reminder AND action = :action""",
                new MapSqlParameterSource(Map.of("id", parsed.id(), "reminder", parsed.reminderId(), "action", action)),
                Boolean.class);
        if (used.isEmpty()) {
            throw new RefusedException(HttpStatus.FORBIDDEN, "tampered");
        }
        if (used.get(0)) {
            throw new RefusedException(HttpStatus.GONE, "used");
        }
        return parsed.reminderId();
    }

    /**
     * Checks the link and marks it used, in the caller's transaction: of two simultaneous answers with one
     * link, exactly one gets the reminder; the other is refused as used.
     */
    long consume(String token, String action) {
        long reminderId = check(token, action);
        int consumed = jdbc.update("""
                UPDATE reminder_token SET used_at = :now WHERE id = :id AND used_at IS NULL""",
                new MapSqlParameterSource(Map.of("now", Timestamp.from(clock.instant()), "id", parse(token).id())));
        if (consumed == 0) {
            throw new RefusedException(HttpStatus.GONE, "used");
        }
        return reminderId;
    }

    private record Parsed(long reminderId, UUID id, long expiry, byte[] signature) {
    }

    private static Parsed parse(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        try {
            if (parts.length != 4) {
                throw new IllegalArgumentException("not four parts");
            }
            ByteBuffer id = ByteBuffer.wrap(UNBASE64.decode(parts[1]));
            if (id.remaining() != 16) {
                throw new IllegalArgumentException("token id of " + id.remaining() + " bytes");
            }
            return new Parsed(Long.parseLong(parts[0]), new UUID(id.getLong(), id.getLong()),
                    Long.parseLong(parts[2]), UNBASE64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new RefusedException(HttpStatus.BAD_REQUEST, "malformed");
        }
    }

    private byte[] sign(UUID id, long reminderId, String action, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return mac.doFinal((id + "|" + reminderId + "|" + action + "|" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Made at start-up, outside any transaction whose rollback could lose the stored key. */
    @EventListener(ApplicationReadyEvent.class)
    void loadSecret() {
        secret();
    }

    /**
     * The configured secret, or the one kept in the database: the first instance that needs it makes it,
     * and every instance and restart after uses the same, so links in mails already sent keep working.
     */
    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            if (!properties.tokenSecret().isBlank()) {
                known = properties.tokenSecret().getBytes(StandardCharsets.UTF_8);
            } else {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                MapSqlParameterSource made = new MapSqlParameterSource("secret", BASE64.encodeToString(random));
                jdbc.update("INSERT INTO reminder_secret (secret) VALUES (:secret) ON CONFLICT DO NOTHING", made);
                known = UNBASE64.decode(jdbc.queryForObject("SELECT secret FROM reminder_secret",
                        new MapSqlParameterSource(), String.class));
            }
            secret = known;
        }
        return known;
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
