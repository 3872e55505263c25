package fi.tarjotin.source;

import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts import runs, from a schedule (the {@code scheduled-import} route template), the admin API, start-up
 * or a spreadsheet delivery, and executes them through the {@code import-run} route
 * ({@code routes/import-run.yaml}). Recording the run as
 * running is what keeps two runs of one source apart, across instances too.
 */
@Component("importLauncher")
public class ImportLauncher {

    private static final Logger log = LoggerFactory.getLogger(ImportLauncher.class);

    private final JdbcImportRunRepository runs;
    /** The header of an {@code import-run} exchange that carries a one-off fetcher (a spreadsheet delivery). */
    static final String DELIVERY = "delivery";
    private static final String IMPORT_RUN = "direct:import-run";

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

    /** The enabled sources that import on request and on a schedule (spreadsheets come as deliveries). */
    public SortedSet<String> sources() {
        return new TreeSet<>(fetchers.keySet());
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
        routes.asyncSendBody(IMPORT_RUN, runId);
        return runs.findById(runId).orElseThrow();
    }

    /**
     * Fetches and stores a recorded run on the calling thread: the first step of the {@code import-run} route.
     *
     * @param delivery the fetcher of a one-off delivery, or null for the run's source's own
     */
    public RunOutcome fetchAndStore(long runId, SourceFetcher delivery) {
        SourceFetcher fetcher = delivery != null ? delivery
                : fetcher(runs.findById(runId).orElseThrow(() -> new IllegalArgumentException("no import run " + runId))
                        .source());
        return runner.fetchAndStore(runId, fetcher);
    }

    /**
     * Starts and executes a run of a fetcher that reads one delivery (a spreadsheet file) on the calling
     * thread, and returns how it ended. Such sources have no schedule: each delivery is a run.
     *
     * @throws ImportAlreadyRunningException if this source already has a running import
     */
    public ImportRun runNow(SourceFetcher fetcher, ImportKind kind, String triggeredBy) {
        long runId = start(fetcher, kind, triggeredBy);
        routes.requestBodyAndHeader(IMPORT_RUN, runId, DELIVERY, fetcher);
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
