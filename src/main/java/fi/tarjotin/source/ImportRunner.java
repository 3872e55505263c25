package fi.tarjotin.source;

import fi.tarjotin.entity.JdbcEntityRepository;
import fi.tarjotin.model.EntitiesChanged;
import fi.tarjotin.model.RecordKind;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches and stores one import run: every page is ingested, counted and its progress recorded, and at the
 * end of a complete full run what the source no longer has is retired. A run that fails or is interrupted
 * part-way keeps every page it stored and retires nothing. What follows a run (entity resolution, publishing,
 * recording its end) is the {@code import-run} route's ({@code routes/import-run.yaml}), not this class's.
 *
 * <p>Pages are ingested on the shared {@code importIngestExecutor} while the run's own thread fetches the next
 * page, so the database and the source work at the same time. At most {@code ingestThreads + 1} pages of one
 * run are in flight.
 */
@Component("importRunner")
public class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    // Progress (and the heartbeat that proves a run alive) is written at most this often.
    private static final Duration PROGRESS_SAVE_INTERVAL = Duration.ofSeconds(1);

    private final JdbcImportRunRepository runs;
    private final JdbcSourceRecordRepository sourceRecords;
    private final JdbcRejectedRecordRepository rejects;
    private final JdbcEntityRepository entities;
    private final RecordIngestor ingestor;
    private final TransactionTemplate transaction;
    private final ImportProperties properties;
    private final StoredRecordReplay storedRecords;
    private final ApplicationEventPublisher events;
    private final TaskExecutor ingestExecutor;
    private final Map<Long, Thread> activeRuns = new ConcurrentHashMap<>();

    ImportRunner(JdbcImportRunRepository runs, JdbcSourceRecordRepository sourceRecords,
            JdbcRejectedRecordRepository rejects, JdbcEntityRepository entities, RecordIngestor ingestor,
            TransactionTemplate transaction, ImportProperties properties, StoredRecordReplay storedRecords,
            ApplicationEventPublisher events, @Qualifier("importIngestExecutor") TaskExecutor ingestExecutor) {
        this.runs = runs;
        this.sourceRecords = sourceRecords;
        this.rejects = rejects;
        this.entities = entities;
        this.ingestor = ingestor;
        this.transaction = transaction;
        this.properties = properties;
        this.storedRecords = storedRecords;
        this.events = events;
        this.ingestExecutor = ingestExecutor;
    }

    /**
     * Fetches and stores a run already recorded as running, on the calling thread, and says how that ended.
     * A run stopped by a shutdown, or taken over by another instance, has its end recorded here and now: the
     * queue of unpublished changes survives it, and the next start publishes what it stored.
     */
    public RunOutcome fetchAndStore(long runId, SourceFetcher source) {
        ImportRun run = runs.findById(runId).orElseThrow(() -> new IllegalArgumentException("no import run " + runId));
        SourceFetcher fetcher = run.kind() == ImportKind.REMAP ? storedRecords.of(source) : source;
        activeRuns.put(runId, Thread.currentThread());
        RunSink sink = new RunSink(run, fetcher.mappingSet());
        try {
            Instant since = changesSince(run);
            runs.setChangesSince(runId, since);
            log.info("{} {} run {} started ({}, changes since {})", run.source(), run.kind().value(), runId,
                    fetcher.version(), since == null ? "the beginning" : since);
            fetcher.fetch(run.kind(), since, sink);
            sink.awaitPages();
            if (sink.unreadablePages.get() > 0) {
                return sink.outcome(RunStatus.PARTIAL,
                        sink.unreadablePages.get() + " page(s) could not be read, so this run retired nothing");
            }
            if (run.kind() == ImportKind.FULL) {
                int active = sourceRecords.countActive(run.source());
                if (sink.saveProgress().fetched() == 0 && active > 0) {
                    // An expired session or a broken filter can list nothing; that must not empty the catalogue.
                    return sink.outcome(RunStatus.PARTIAL, "the source listed nothing, though the catalogue "
                            + "holds " + active + " of its records, so this run retired nothing");
                }
                sink.retireUnseen();
            }
            return sink.outcome(RunStatus.SUCCEEDED, null);
        } catch (InterruptedException | RunInterruptedException e) {
            // Clear the flag while the run's end is written (the pool refuses interrupted threads), then restore it.
            Thread.interrupted();
            sink.drainQuietly();
            RunOutcome stopped = finish(sink.outcome(RunStatus.ABANDONED,
                    "stopped: the service shut down during the run"));
            Thread.currentThread().interrupt();
            return stopped;
        } catch (RunNoLongerOwnedException e) {
            sink.drainQuietly();
            log.warn("{} run {} was marked abandoned by another instance; stopping it here", run.source(), runId);
            return sink.outcome(RunStatus.ABANDONED, null).alreadyRecorded();
        } catch (Exception e) {
            sink.drainQuietly();
            Throwable cause = e instanceof PageFailedException ? e.getCause() : e;
            log.warn("{} {} run {} failed: {}", run.source(), run.kind().value(), runId, cause.toString());
            return sink.outcome(RunStatus.FAILED, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } finally {
            activeRuns.remove(runId);
        }
    }

    /** Records how a run ended (the last step of the {@code import-run} route) and logs its figures. */
    public RunOutcome finish(RunOutcome outcome) {
        if (outcome.recorded()) {
            return outcome;
        }
        ImportRun run = runs.findById(outcome.runId()).orElseThrow();
        runs.finish(run.id(), outcome.status(), outcome.error());
        long seconds = Math.max(1, Duration.between(run.startedAt(), Instant.now()).toSeconds());
        log.info("{} {} run {} {}: {} ({} records/s){}", run.source(), run.kind().value(), run.id(),
                outcome.status().value(), run.counts(), run.counts().fetched() / seconds,
                outcome.error() == null ? "" : " — " + outcome.error());
        return outcome.alreadyRecorded();
    }

    /** Interrupts running imports (at shutdown): each stops after its pages in flight and is marked abandoned. */
    @PreDestroy
    public void stopRunningImports() {
        activeRuns.values().forEach(Thread::interrupt);
    }

    /** Incremental runs read what changed since the last success; with none yet, everything (and retire nothing). */
    private Instant changesSince(ImportRun run) {
        if (run.kind() != ImportKind.INCREMENTAL) {
            return null;
        }
        return runs.lastSuccessfulStart(run.source()).map(start -> start.minus(properties.incrementalOverlap()))
                .orElse(null);
    }

    /** Raised when another instance declared this run abandoned (it stopped beating for too long). */
    private static final class RunNoLongerOwnedException extends RuntimeException {
        RunNoLongerOwnedException() {
            super("run no longer owned");
        }
    }

    /** Carries a shutdown interrupt out of a sink call, which cannot throw the checked exception. */
    private static final class RunInterruptedException extends RuntimeException {
        RunInterruptedException() {
            super("interrupted");
        }
    }

    /** A page could not be written; the run fails with the page's error as its cause. */
    private static final class PageFailedException extends RuntimeException {
        PageFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The sink of one run: ingests pages on its workers, counts, beats, logs progress. */
    private final class RunSink implements ImportSink {

        private final ImportRun run;
        private final String mappingSet;
        private final Semaphore pagesInFlight;
        private final int maxPagesInFlight;
        private final AtomicReference<Throwable> pageFailure = new AtomicReference<>();
        private final AtomicInteger unreadablePages = new AtomicInteger();
        private RunCounts counts = RunCounts.ZERO;
        private int pagesDone;
        private int pagesPlanned;
        private Instant lastProgressLog = Instant.now();
        private Instant lastProgressSave = Instant.EPOCH;

        RunSink(ImportRun run, String mappingSet) {
            this.run = run;
            this.mappingSet = mappingSet;
            int threads = properties.ingestThreads();
            this.maxPagesInFlight = threads + 1;
            this.pagesInFlight = new Semaphore(maxPagesInFlight);
        }

        @Override
        public synchronized void pagesPlanned(int pages) {
            pagesPlanned += pages;
        }

        @Override
        public void page(List<FetchedRecord> records) {
            throwIfFailedOrInterrupted();
            try {
                pagesInFlight.acquire();
            } catch (InterruptedException e) {
                throw new RunInterruptedException();
            }
            ingestExecutor.execute(() -> {
                try {
                    RunCounts pageCounts = records.isEmpty() ? RunCounts.ZERO
                            : transaction.execute(status -> ingestor.ingest(run.id(), run.source(), mappingSet, records));
                    pageDone(pageCounts);
                    publishDuringRun(pageCounts);
                } catch (Throwable e) {
                    pageFailure.compareAndSet(null, e);
                } finally {
                    pagesInFlight.release();
                }
            });
        }

        @Override
        public void reject(RecordKind kind, String sourceId, String reason, String location, String payload) {
            rejects.insert(run.id(), run.source(), kind, sourceId, reason, location, payload);
            if (kind != null && sourceId != null) {
                stillPresent(kind, List.of(sourceId));
            }
            add(new RunCounts(1, 0, 0, 0, 1, 0, 0));
        }

        @Override
        public void stillPresent(RecordKind kind, Collection<String> sourceIds) {
            if (!sourceIds.isEmpty()) {
                sourceRecords.markSeen(run.source(), kind, sourceIds, run.id(), Instant.now());
            }
        }

        @Override
        public void unreadablePage(String location, String reason, String body) {
            rejects.insert(run.id(), run.source(), null, null, "unreadable page: " + reason, location, body);
            unreadablePages.incrementAndGet();
            pageDone(RunCounts.ZERO);
        }

        @Override
        public void skipped(int count) {
            add(new RunCounts(count, 0, 0, 0, 0, count, 0));
        }

        @Override
        public void archived(RecordKind kind, Collection<String> sourceIds) {
            if (sourceIds.isEmpty()) {
                return;
            }
            awaitPagesUninterruptedly();
            Integer retired = transaction.execute(status -> {
                Instant now = Instant.now();
                List<Long> ids = sourceRecords.retire(run.source(), kind, sourceIds, run.id(), now);
                entities.deactivateEntitiesOf(ids, now);
                return ids.size();
            });
            add(new RunCounts(0, 0, 0, 0, 0, 0, retired));
        }

        @Override
        public Set<String> knownIds(RecordKind kind, Collection<String> sourceIds) {
            awaitPagesUninterruptedly();
            return sourceRecords.findActiveIds(run.source(), kind, new ArrayList<>(sourceIds));
        }

        void retireUnseen() {
            Integer retired = transaction.execute(status -> {
                Instant now = Instant.now();
                List<Long> ids = sourceRecords.retireUnseen(run.source(), run.id(), now);
                entities.deactivateEntitiesOf(ids, now);
                return ids.size();
            });
            add(new RunCounts(0, 0, 0, 0, 0, 0, retired));
        }

        /** Waits until every page handed over is written, and fails if one could not be. */
        void awaitPages() throws InterruptedException {
            pagesInFlight.acquire(maxPagesInFlight);
            pagesInFlight.release(maxPagesInFlight);
            throwIfFailedOrInterrupted();
        }

        /** Lets pages in flight finish before the run's end is recorded, whatever ended it. */
        void drainQuietly() {
            try {
                if (pagesInFlight.tryAcquire(maxPagesInFlight, DRAIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    pagesInFlight.release(maxPagesInFlight);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized RunCounts saveProgress() {
            runs.saveProgress(run.id(), counts, pagesDone, pagesPlanned == 0 ? null : pagesPlanned);
            return counts;
        }

        /** The run's outcome with its counts as saved; whether entities changed decides if resolution follows. */
        RunOutcome outcome(RunStatus status, String error) {
            RunCounts saved = saveProgress();
            return new RunOutcome(run.id(), status, error, saved.created() + saved.updated() + saved.retired() > 0,
                    false);
        }

        private void awaitPagesUninterruptedly() {
            try {
                awaitPages();
            } catch (InterruptedException e) {
                throw new RunInterruptedException();
            }
        }

        private synchronized void add(RunCounts more) {
            counts = counts.plus(more);
        }

        private synchronized void pageDone(RunCounts pageCounts) {
            counts = counts.plus(pageCounts);
            pagesDone++;
            Instant now = Instant.now();
            if (Duration.between(lastProgressSave, now).compareTo(PROGRESS_SAVE_INTERVAL) >= 0) {
                lastProgressSave = now;
                if (!runs.saveProgress(run.id(), counts, pagesDone, pagesPlanned == 0 ? null : pagesPlanned)) {
                    pageFailure.compareAndSet(null, new RunNoLongerOwnedException());
                }
            }
            if (Duration.between(lastProgressLog, now).compareTo(properties.progressLogInterval()) >= 0) {
                lastProgressLog = now;
                double seconds = Math.max(0.001, Duration.between(run.startedAt(), now).toMillis() / 1000.0);
                log.info("{} {} run {}: {} of {} pages, {} records ({} records/s), {} rejected", run.source(),
                        run.kind().value(), run.id(), pagesDone, pagesPlanned, counts.fetched(),
                        Math.round(counts.fetched() / seconds), counts.rejected());
            }
        }

        /**
         * A page's changes reach the API while the run goes on (merges with other records follow at the run's
         * end); a drain already under way takes them instead.
         */
        private void publishDuringRun(RunCounts pageCounts) {
            if (pageCounts.created() + pageCounts.updated() == 0) {
                return;
            }
            events.publishEvent(EntitiesChanged.IN_PASSING);
        }

        private void throwIfFailedOrInterrupted() {
            Throwable failure = pageFailure.get();
            if (failure instanceof RunNoLongerOwnedException owned) {
                throw owned;
            }
            if (failure != null) {
                throw new PageFailedException(failure);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new RunInterruptedException();
            }
        }
    }
}
