package fi.tarjotin.source;

import java.io.IOException;
import java.time.Instant;

/** Reads one source, page by page, into an {@link ImportSink}. Never holds more than a page of records. */
public interface SourceFetcher {

    /** The source's name in the catalogue, e.g. {@code ptv}. */
    String source();

    /** Which API version this fetcher reads, recorded with each run. */
    String version();

    /** The folder under {@code mappings/} whose files map this fetcher's records. */
    String mappingSet();

    /**
     * Fetches the whole scope ({@code changesSince} null) or what changed since then.
     *
     * @throws IOException when the source cannot be read; the run fails and retires nothing
     * @throws InterruptedException when the service is shutting down
     */
    void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws IOException, InterruptedException;
}
