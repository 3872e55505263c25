package fi.tarjotin.source;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.model.RecordKind;
import java.time.Instant;

/**
 * One record as a source delivered it.
 *
 * @param sourceModifiedAt when the source says the record last changed, if it says
 * @param sourceUrl where the record can be read at the source
 */
public record FetchedRecord(RecordKind kind, String sourceId, JsonNode payload, Instant sourceModifiedAt,
        String sourceUrl) {
}
