package fi.tarjotin.source;

import java.time.Instant;

/** One run of one source's import, with its counts and progress. */
public record ImportRun(long id, String source, ImportKind kind, RunStatus status, String triggeredBy,
        String sourceVersion, Instant changesSince, Instant startedAt, Instant heartbeatAt, Instant finishedAt,
        RunCounts counts, int pagesDone, Integer pagesTotal, String error) {
}
