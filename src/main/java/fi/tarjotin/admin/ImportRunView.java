package fi.tarjotin.admin;

import fi.tarjotin.source.ImportRun;
import java.time.Instant;

/** An import run as the admin API shows it: flat, lower-case values. */
record ImportRunView(long id, String source, String kind, String status, String triggeredBy, String sourceVersion,
        Instant changesSince, Instant startedAt, Instant heartbeatAt, Instant finishedAt, int fetched, int created,
        int updated, int unchanged, int rejected, int skipped, int retired, int warnings, int pagesDone,
        Integer pagesTotal,
        String error) {

    static ImportRunView of(ImportRun run) {
        return new ImportRunView(run.id(), run.source(), run.kind().value(), run.status().value(), run.triggeredBy(),
                run.sourceVersion(), run.changesSince(), run.startedAt(), run.heartbeatAt(), run.finishedAt(),
                run.counts().fetched(), run.counts().created(), run.counts().updated(), run.counts().unchanged(),
                run.counts().rejected(), run.counts().skipped(), run.counts().retired(), run.counts().warnings(),
                run.pagesDone(),
                run.pagesTotal(), run.error());
    }
}
