package fi.tarjotin.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * When the service is ready: a first full import of a source if the catalogue never had one, or a remap
 * run if the source's mapping files changed since its stored records were mapped (a coordinator edited
 * them and restarted). Each source's configuration declares one, with its own on/off property.
 */
public class StartupImport {

    private static final Logger log = LoggerFactory.getLogger(StartupImport.class);

    private final SourceFetcher fetcher;
    private final boolean importOnStartup;
    private final JdbcImportRunRepository runs;
    private final ImportLauncher launcher;
    private final StoredRecordReplay storedRecords;

    public StartupImport(SourceFetcher fetcher, boolean importOnStartup, JdbcImportRunRepository runs,
            ImportLauncher launcher, StoredRecordReplay storedRecords) {
        this.fetcher = fetcher;
        this.importOnStartup = importOnStartup;
        this.runs = runs;
        this.launcher = launcher;
        this.storedRecords = storedRecords;
    }

    @EventListener(ApplicationReadyEvent.class)
    void importOrRemapIfNeeded() {
        if (!importOnStartup) {
            return;
        }
        String source = fetcher.source();
        ImportKind kind = !runs.hasSuccessfulFullRun(source) ? ImportKind.FULL
                : storedRecords.hasStaleMappings(fetcher) ? ImportKind.REMAP : null;
        if (kind == null) {
            return;
        }
        try {
            launcher.launch(source, kind, "startup");
            log.info("Started a {} {} run at start-up", source, kind.value());
        } catch (ImportAlreadyRunningException e) {
            log.info("A {} {} run is due at start-up, but one is already running", source, kind.value());
        }
    }
}
