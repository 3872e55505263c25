package fi.tarjotin.source;



/**
 * How a run's fetching and storing ended, as it travels down the {@code import-run} route: whether entity
 * resolution follows, and whether the run's end is still to be recorded.
 *
 * @param changedEntities the run created, updated or retired records, so merges may have changed
 * @param recorded the run's end is already in {@code import_run} (a shutdown, or another instance took it over)
 */
public record RunOutcome(long runId, RunStatus status, String error, boolean changedEntities, boolean recorded) {

    RunOutcome alreadyRecorded() {
        return new RunOutcome(runId, status, error, changedEntities, true);
    }

    /** The route resolves and publishes after a run whose end is still to be recorded and that changed something. */
    public boolean resolveAfter() {
        return changedEntities && !recorded;
    }
}
