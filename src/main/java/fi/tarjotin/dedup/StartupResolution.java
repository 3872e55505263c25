package fi.tarjotin.dedup;

import fi.tarjotin.catalogue.CataloguePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Resolves entities once at start-up ({@code tarjotin.dedup.resolve-on-startup}), in the background while the
 * API answers: an edited survivorship file, or changed match thresholds, reach the catalogue without an import.
 */
@Component
class StartupResolution {

    private static final Logger log = LoggerFactory.getLogger(StartupResolution.class);

    private final EntityResolution resolution;
    private final CataloguePublisher publisher;
    private final DedupProperties properties;

    StartupResolution(EntityResolution resolution, CataloguePublisher publisher, DedupProperties properties) {
        this.resolution = resolution;
        this.publisher = publisher;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resolveInBackground() {
        if (!properties.enabled() || !properties.resolveOnStartup()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                resolution.resolve();
                publisher.publishPending();
            } catch (RuntimeException e) {
                log.error("Entity resolution at start-up failed; the next import run resolves again", e);
            }
        }, "entity-resolution-startup");
        thread.setDaemon(true);
        thread.start();
    }
}
