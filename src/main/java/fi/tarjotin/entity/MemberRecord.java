package fi.tarjotin.entity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A live source record of an organisation or service, as entity resolution sees it: its mapped document, when
 * its source last changed it (the source's own time, else the run that stored the change), and the entity it
 * belongs to now.
 */
record MemberRecord(long sourceRecordId, String source, String sourceId, Instant changedAt, ObjectNode document,
        UUID entityId) {

    /** The record's id in a deduplication run: unique within one kind. */
    String key() {
        return source + ":" + sourceId;
    }
}
