package fi.tarjotin.source;

import fi.tarjotin.system.InvalidConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How import runs behave, whatever the source.
 *
 * @param staleRunAfter a running run silent this long was interrupted and is marked abandoned
 * @param progressLogInterval how often a long run logs its progress
 * @param incrementalOverlap incremental runs ask for changes since the last successful run's start minus
 *     this, so a record published while that run was going is not missed
 * @param ingestThreads how many pages are written to the database at once while the next is fetched
 * @param prefetchThreads how many requests ahead (each run's next page) are under way at once, across sources
 * @param instanceId names this instance on its runs, the same across its restarts and different from every
 *     other instance sharing the database; empty = the host name and working directory
 */
@ConfigurationProperties("tarjotin.imports")
public record ImportProperties(Duration staleRunAfter, Duration progressLogInterval, Duration incrementalOverlap,
        int ingestThreads, int prefetchThreads, String instanceId) {

    public ImportProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = hostName() + ":" + Path.of("").toAbsolutePath();
        }
        if (ingestThreads < 1 || ingestThreads > 16) {
            throw new InvalidConfigurationException("tarjotin.imports.ingest-threads", "must be between 1 and 16");
        }
        if (prefetchThreads < 1 || prefetchThreads > 16) {
            throw new InvalidConfigurationException("tarjotin.imports.prefetch-threads", "must be between 1 and 16");
        }
        requirePositive("stale-run-after", staleRunAfter);
        requirePositive("progress-log-interval", progressLogInterval);
        if (incrementalOverlap == null || incrementalOverlap.isNegative()) {
            throw new InvalidConfigurationException("tarjotin.imports.incremental-overlap", "must be a duration >= 0");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void requirePositive(String property, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException("tarjotin.imports." + property, "must be a positive duration");
        }
    }
}
