package fi.tarjotin.source;

import java.time.Instant;

/**
 * A record (or a whole page) an import could not take in, kept with why and exactly what arrived.
 *
 * @param location the request that delivered it
 * @param payload the raw text as it came, malformed or not
 */
public record RejectedRecord(long id, long runId, String source, String kind, String sourceId, String reason,
        String location, String payload, Instant rejectedAt) {
}
