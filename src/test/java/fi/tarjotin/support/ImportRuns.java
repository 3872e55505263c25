package fi.tarjotin.support;

import static org.assertj.core.api.Assertions.fail;

import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.RunStatus;
import java.time.Duration;
import java.time.Instant;

/** Waiting for import runs the tests start: runs execute on their own thread, as in production. */
public final class ImportRuns {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ImportRuns() {
    }

    /** The run as recorded once it is no longer running; fails the test after a minute. */
    public static ImportRun awaitEnd(JdbcImportRunRepository runs, long runId) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            ImportRun run = runs.findById(runId).orElseThrow();
            if (run.status() != RunStatus.RUNNING) {
                return run;
            }
            pause(Duration.ofMillis(50));
        }
        return fail("import run " + runId + " did not end within " + TIMEOUT.toSeconds() + " s");
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
