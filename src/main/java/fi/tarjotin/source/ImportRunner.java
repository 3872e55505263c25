package fi.tarjotin.source;

import fi.tarjotin.catalogue.JdbcEntityRepository;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import from start to end: fetch every page, ingest it, record counts and progress, and at the
 * end of a complete full run retire what the source no longer has. A run that fails or is interrupted
 * part-way keeps every page it stored and retires nothing.
 */
@Component
public class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final JdbcImportRunRepository runs;
    private final JdbcSourceRecordRepository sourceRecords;
    private final JdbcRejectedRecordRepository rejects;
    private final JdbcEntityRepository entities;
    private final RecordIngestor ingestor;
    private final TransactionTemplate transaction;
    private final ImportProperties properties;
    private final Map<Long, Thread> activeRuns = new ConcurrentHashMap<>();

    ImportRunner(JdbcImportRunRepository runs, JdbcSourceRecordRepository sourceRecords,
            JdbcRejectedRecordRepository rejects, JdbcEntityRepository entities, RecordIngestor ingestor,
            TransactionTemplate transaction, ImportProperties properties) {
        this.runs = runs;
        this.sourceRecords = sourceRecords;
        this.rejects = rejects;
        this.entities = entities;
        this.ingestor = ingestor;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** Executes a run already recorded as running, on the calling thread, and returns how it ended. */
    public RunStatus execute(long runId, SourceFetcher fetcher) {
        ImportRun run = runs.findById(runId).orElseThrow(() -> new IllegalArgumentException("no import run " + runId));
        RunSink sink = new RunSink(run, fetcher.mappingSet());
        activeRuns.put(runId, Thread.currentThread());
        try {
            Instant since = changesSince(run);
            runs.setChangesSince(runId, since);
            log.info("{} {} run {} started ({}, changes since {})", run.source(), run.kind().value(), runId,
                    fetcher.version(), since == null ? "the beginning" : since);
            fetcher.fetch(run.kind(), since, sink);
            RunStatus status = sink.unreadablePages == 0 ? RunStatus.SUCCEEDED : RunStatus.PARTIAL;
            if (status == RunStatus.SUCCEEDED && run.kind() == ImportKind.FULL) {
                sink.retireUnseen();
            }
            String error = status == RunStatus.PARTIAL
                    ? sink.unreadablePages + " page(s) could not be read, so this run retired nothing" : null;
            return finish(sink, status, error);
        } catch (InterruptedException | RunInterruptedException e) {
            // Clear the flag while the run's end is written (the pool refuses interrupted threads), then restore it.
            Thread.interrupted();
            RunStatus status = finish(sink, RunStatus.ABANDONED, "stopped: the service shut down during the run");
            Thread.currentThread().interrupt();
            return status;
        } catch (RunNoLongerOwnedException e) {
            log.warn("{} run {} was marked abandoned by another instance; stopping it here", run.source(), runId);
            return RunStatus.ABANDONED;
        } catch (Exception e) {
            log.warn("{} {} run {} failed: {}", run.source(), run.kind().value(), runId, e.toString());
            return finish(sink, RunStatus.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            activeRuns.remove(runId);
        }
    }

    /** Incremental runs read what changed since the last success; with none yet, everything (and retire nothing). */
    private Instant changesSince(ImportRun run) {
        if (run.kind() != ImportKind.INCREMENTAL) {
            return null;
        }
        return runs.lastSuccessfulStart(run.source()).map(start -> start.minus(properties.incrementalOverlap()))
                .orElse(null);
    }

    /** Interrupts running imports (at shutdown): each stops after its current page and is marked abandoned. */
    @PreDestroy
    public void stopRunningImports() {
        activeRuns.values().forEach(Thread::interrupt);
    }

    private RunStatus finish(RunSink sink, RunStatus status, String error) {
        sink.saveProgress();
        runs.finish(sink.run.id(), status, error);
        long seconds = Math.max(1, Duration.between(sink.run.startedAt(), Instant.now()).toSeconds());
        log.info("{} {} run {} {}: {} ({} records/s){}", sink.run.source(), sink.run.kind().value(), sink.run.id(),
                status.value(), sink.counts, sink.counts.fetched() / seconds, error == null ? "" : " — " + error);
        return status;
    }

    /** Raised when another instance declared this run abandoned (it stopped beating for too long). */
    private static final class RunNoLongerOwnedException extends RuntimeException {
        RunNoLongerOwnedException() {
            super("run no longer owned");
        }
    }

    /** The sink of one run: ingests pages, counts, beats, logs progress. */
    private final class RunSink implements ImportSink {

        private final ImportRun run;
        private final String mappingSet;
        private RunCounts counts = RunCounts.ZERO;
        private int pagesDone;
        private int pagesPlanned;
        private int unreadablePages;
        private Instant lastProgressLog = Instant.now();

        RunSink(ImportRun run, String mappingSet) {
            this.run = run;
            this.mappingSet = mappingSet;
        }

        @Override
        public void pagesPlanned(int pages) {
            pagesPlanned += pages;
        }

        @Override
        public void page(List<FetchedRecord> records) {
            throwIfInterrupted();
            if (!records.isEmpty()) {
                RunCounts pageCounts = transaction.execute(status ->
                        ingestor.ingest(run.id(), run.source(), mappingSet, records));
                counts = counts.plus(pageCounts);
            }
            pagesDone++;
            beat();
        }

        @Override
        public void reject(RecordKind kind, String sourceId, String reason, String location, String payload) {
            rejects.insert(run.id(), run.source(), kind, sourceId, reason, location, payload);
            counts = counts.plus(new RunCounts(1, 0, 0, 0, 1, 0, 0));
        }

        @Override
        public void unreadablePage(String location, String reason, String body) {
            rejects.insert(run.id(), run.source(), null, null, "unreadable page: " + reason, location, body);
            unreadablePages++;
            pagesDone++;
            beat();
        }

        @Override
        public void skipped(int count) {
            counts = counts.plus(new RunCounts(count, 0, 0, 0, 0, count, 0));
        }

        @Override
        public void archived(RecordKind kind, Collection<String> sourceIds) {
            if (sourceIds.isEmpty()) {
                return;
            }
            Integer retired = transaction.execute(status -> {
                Instant now = Instant.now();
                List<Long> ids = sourceRecords.retire(run.source(), kind, sourceIds, run.id(), now);
                entities.deactivateEntitiesOf(ids, now);
                return ids.size();
            });
            counts = counts.plus(new RunCounts(0, 0, 0, 0, 0, 0, retired));
        }

        @Override
        public Set<String> knownIds(RecordKind kind, Collection<String> sourceIds) {
            return sourceRecords.findActiveIds(run.source(), kind, new ArrayList<>(sourceIds));
        }

        void retireUnseen() {
            Integer retired = transaction.execute(status -> {
                Instant now = Instant.now();
                List<Long> ids = sourceRecords.retireUnseen(run.source(), run.id(), now);
                entities.deactivateEntitiesOf(ids, now);
                return ids.size();
            });
            counts = counts.plus(new RunCounts(0, 0, 0, 0, 0, 0, retired));
        }

        void saveProgress() {
            runs.saveProgress(run.id(), counts, pagesDone, pagesPlanned == 0 ? null : pagesPlanned);
        }

        private void beat() {
            if (!runs.saveProgress(run.id(), counts, pagesDone, pagesPlanned == 0 ? null : pagesPlanned)) {
                throw new RunNoLongerOwnedException();
            }
            Instant now = Instant.now();
            if (Duration.between(lastProgressLog, now).compareTo(properties.progressLogInterval()) >= 0) {
                lastProgressLog = now;
                double seconds = Math.max(0.001, Duration.between(run.startedAt(), now).toMillis() / 1000.0);
                log.info("{} {} run {}: {} of {} pages, {} records ({} records/s), {} rejected", run.source(),
                        run.kind().value(), run.id(), pagesDone, pagesPlanned, counts.fetched(),
                        Math.round(counts.fetched() / seconds), counts.rejected());
            }
        }

        private void throwIfInterrupted() {
            if (Thread.currentThread().isInterrupted()) {
                throw new RunInterruptedException();
            }
        }
    }

    /** Carries a shutdown interrupt out of a sink call, which cannot throw the checked exception. */
    private static final class RunInterruptedException extends RuntimeException {
        RunInterruptedException() {
            super("interrupted");
        }
    }
}
