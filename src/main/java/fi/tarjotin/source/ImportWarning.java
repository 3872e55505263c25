package fi.tarjotin.source;

import java.time.Instant;

/**
 * A value an import left out of a record it took in, with why: "e-mail 'value' is not an address: left out".
 * The record itself is in the catalogue; the warning tells a coordinator what to ask its maintainer to fix.
 */
public record ImportWarning(long id, long runId, String source, String kind, String sourceId, String warning,
        Instant warnedAt) {
}
