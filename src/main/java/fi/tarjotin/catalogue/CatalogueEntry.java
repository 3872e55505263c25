package fi.tarjotin.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One published entity as the read model holds it: the public document (JSON text, private details
 * already removed) and the references resolved to entity ids.
 *
 * @param status {@code active} or {@code inactive} (retired from every source)
 */
public record CatalogueEntry(UUID entityId, String entityType, String status, Instant lastModified,
        LocalDate assuredDate, UUID organizationId, UUID serviceId, UUID locationId, String document) {

    public boolean active() {
        return "active".equals(status);
    }
}
