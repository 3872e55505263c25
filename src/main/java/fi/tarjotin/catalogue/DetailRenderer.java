package fi.tarjotin.catalogue;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Renders the public details the read model keeps ({@code catalogue_detail}, Flyway V16): the API owns their
 * shape ({@code fi.tarjotin.api}), the publisher decides when they are rendered and stores them with the entries
 * they show, so a detail request reads bytes and renders nothing.
 */
public interface DetailRenderer {

    /** Changes whenever what a detail holds would change: part of the read model's fingerprint. */
    String fingerprint();

    /** Today's date where freshness is judged; a detail with {@code freshUntil} on or before it is not served. */
    LocalDate today();

    /**
     * The details of those of the entities that have one (services and organisations that were not merged into
     * another), in every language, as the caller's transaction sees the read model.
     */
    List<RenderedDetail> render(Collection<UUID> entityIds);

    /**
     * One detail in one language.
     *
     * @param body the JSON as the API answers it
     * @param etag the weak ETag of the body's UTF-8 bytes
     * @param nestedLength for a service, how many of those bytes come before its own list of locations (a service
     *        at a location nests that part); null otherwise
     * @param freshUntil the day a {@code stale} flag in the body turns true, or null
     */
    record RenderedDetail(UUID entityId, String language, String body, String etag, Integer nestedLength,
            LocalDate freshUntil, LocalDate renderedOn) {
    }
}
