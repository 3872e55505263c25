package fi.tarjotin.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One published entity: its public document (private details already removed) and its references
 * resolved to entity ids.
 *
 * @param status {@code active} or {@code inactive} (retired from every source, or merged into another)
 * @param assuredBy who last confirmed the record, as a role ({@code maintainer}, {@code coordinator}); null if never
 * @param successorId the entity this one was merged into, or null
 */
public record CatalogueEntry(UUID entityId, String entityType, String status, Instant lastModified,
        LocalDate assuredDate, String assuredBy, UUID organizationId, UUID serviceId, UUID locationId,
        UUID successorId,
        JsonNode document) {

    public boolean active() {
        return "active".equals(status);
    }
}
