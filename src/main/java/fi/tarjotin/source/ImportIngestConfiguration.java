package fi.tarjotin.source;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads of import runs besides their own: those that write pages to the database, and those that ask a
 * source for a run's next page while the current one is handled.
 */
@Configuration(proxyBeanMethods = false)
class ImportIngestConfiguration {

    /**
     * {@code tarjotin.imports.ingest-threads} per source that can run at once (each scheduled source, and one
     * spreadsheet delivery), so one source's run never waits for another's pages. Each run keeps at most
     * {@code ingest-threads + 1} pages in flight, so the queue stays short. A page being written when the service
     * stops is finished rather than cut off; the run is then recorded as abandoned.
     */
    @Bean
    ThreadPoolTaskExecutor importIngestExecutor(ImportProperties properties, List<SourceFetcher> sources) {
        int threads = properties.ingestThreads() * (sources.size() + 1);
        return new ThreadPoolTaskExecutorBuilder().corePoolSize(threads).maxPoolSize(threads)
                .allowCoreThreadTimeOut(true).threadNamePrefix("import-ingest-")
                .awaitTermination(true).awaitTerminationPeriod(Duration.ofSeconds(30)).build();
    }

    /** {@code tarjotin.imports.prefetch-threads} requests ahead at once; a stopping service does not wait for them. */
    @Bean
    ThreadPoolTaskExecutor sourcePrefetchExecutor(ImportProperties properties) {
        return new ThreadPoolTaskExecutorBuilder().corePoolSize(properties.prefetchThreads())
                .maxPoolSize(properties.prefetchThreads()).allowCoreThreadTimeOut(true)
                .threadNamePrefix("source-prefetch-").build();
    }
}
