package fi.tarjotin.source;

import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts import runs, from a schedule (the quartz routes in {@code routes/}), the admin API or start-up,
 * and executes them through each source's {@code direct:<source>-import} route. Recording the run as
 * running is what keeps two runs of one source apart, across instances too.
 */
@Component("importLauncher")
public class ImportLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);

    private final JdbcImportRunRepository runs;
    private final ImportRunner runner;
    private final ImportProperties properties;
    private final ProducerTemplate routes;
    private final Map<String, SourceFetcher> fetchers;

    ImportLauncher(JdbcImportRunRepository runs, ImportRunner runner, ImportProperties properties,
            ProducerTemplate routes, List<SourceFetcher> fetchers) {
        this.runs = runs;
        this.runner = runner;
        this.properties = properties;
        this.routes = routes;
        this.fetchers = fetchers.stream().collect(Collectors.toMap(SourceFetcher::source, Function.identity()));
    }

    /**
     * Before any route or request can start a run: the runs this instance's previous life left running are
     * abandoned at once, so their sources are free; another live instance's runs are left alone.
     */
    @PostConstruct
    void abandonRunsOfEarlierLife() {
        int abandoned = runs.abandonRunsOfEarlierLife();
        if (abandoned > 0) {
            log.warn("Marked {} run(s) abandoned that this instance left running when it stopped", abandoned);
        }
    }

    public boolean hasSource(String source) {
        return fetchers.containsKey(source);
    }

    /**
     * Records a new run as running; for scheduled routes, which skip a firing when a run is going.
     *
     * @return the run id, or null if this source already has a running import
     */
    public Long startRun(String source, String kind, String triggeredBy) {
        try {
            return start(source, ImportKind.parse(kind), triggeredBy);
        } catch (ImportAlreadyRunningException e) {
            log.info("Scheduled {} {} import skipped: {}", source, kind, e.getMessage());
            return null;
        }
    }

    /**
     * Starts a run now and executes it in the background.
     *
     * @throws ImportAlreadyRunningException if this source already has a running import
     */
    public ImportRun launch(String source, ImportKind kind, String triggeredBy) {
        long runId = start(source, kind, triggeredBy);
        routes.asyncSendBody("direct:" + source + "-import", runId);
        return runs.findById(runId).orElseThrow();
    }

    /** Executes a recorded run on the calling thread; called by the source's import route. */
    public RunStatus execute(String source, long runId) {
        return runner.execute(runId, fetcher(source));
    }

    /**
     * Starts and executes a run of a fetcher that reads one delivery (a spreadsheet file) on the calling
     * thread, and returns how it ended. Such sources have no schedule: each delivery is a run.
     *
     * @throws ImportAlreadyRunningException if this source already has a running import
     */
    public ImportRun runNow(SourceFetcher fetcher, ImportKind kind, String triggeredBy) {
        long runId = start(fetcher, kind, triggeredBy);
        runner.execute(runId, fetcher);
        return runs.findById(runId).orElseThrow();
    }

    private long start(String source, ImportKind kind, String triggeredBy) {
        return start(fetcher(source), kind, triggeredBy);
    }

    private long start(SourceFetcher fetcher, ImportKind kind, String triggeredBy) {
        String source = fetcher.source();
        int abandoned = runs.abandonStale(source, properties.staleRunAfter());
        if (abandoned > 0) {
            log.warn("Marked {} interrupted {} run(s) abandoned (no sign of life for {})", abandoned, source,
                    properties.staleRunAfter());
        }
        return runs.start(source, kind, triggeredBy, fetcher.version());
    }

    private SourceFetcher fetcher(String source) {
        SourceFetcher fetcher = fetchers.get(source);
        if (fetcher == null) {
            throw new IllegalArgumentException("unknown source '" + source + "'");
        }
        return fetcher;
    }
}
