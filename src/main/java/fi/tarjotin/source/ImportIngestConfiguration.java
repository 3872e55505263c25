package fi.tarjotin.source;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads that write import pages to the database while each run's own thread fetches its next page. */
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
}
