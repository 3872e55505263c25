package fi.tarjotin.entity;

import fi.tarjotin.model.RecordKind;
import fi.tarjotin.system.SqlArrays;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Entities: one per real organisation, service, location or service-at-location, with a stable UUID.
 * Ingest writes each record through to its entity while the entity has no other record, so a single-record
 * entity's document is the record's mapped document; organisations and services that several records describe
 * are merged, and their documents written, by {@code fi.tarjotin.entity.EntityResolution}. {@code last_modified}
 * moves only when a document really changes.
 */
@Repository
public class JdbcEntityRepository {

    private static final String UPSERT_FROM_MEMBER = """
            INSERT INTO entity (id, entity_type, status, document, created_at, last_modified)
            SELECT t.id, :entityType, 'active', m.document, :now, :now
              FROM unnest(:ids, :sourceRecordIds) AS t(id, source_record_id)
              JOIN mapped_record m ON m.source_record_id = t.source_record_id
             -- An entity of several records has a document of its own (EntityResolution writes it).
             WHERE NOT EXISTS (SELECT 1 FROM entity_member other
                                WHERE other.entity_id = t.id AND other.source_record_id <> t.source_record_id)
            ON CONFLICT (id) DO UPDATE
               SET document = EXCLUDED.document, status = 'active',
                   last_modified = CASE WHEN entity.document IS DISTINCT FROM EXCLUDED.document
                                          OR entity.status <> 'active'
                                        THEN EXCLUDED.last_modified ELSE entity.last_modified END
             -- An entity merged into another stays retired; the next resolution places the record.
             WHERE entity.successor_id IS NULL""";

    private static final String ADD_MEMBERS = """
            INSERT INTO entity_member (source_record_id, entity_id)
            SELECT * FROM unnest(:sourceRecordIds, :entityIds)
            ON CONFLICT (source_record_id) DO NOTHING""";

    private static final String DEACTIVATE_WITHOUT_ACTIVE_MEMBERS = """
            UPDATE entity e SET status = 'inactive', last_modified = :now
             WHERE e.status = 'active'
               AND e.id IN (SELECT entity_id FROM entity_member WHERE source_record_id = ANY(:retiredIds))
               AND NOT EXISTS (SELECT 1 FROM entity_member em JOIN source_record s ON s.id = em.source_record_id
                                WHERE em.entity_id = e.id AND s.retired_at IS NULL)""";

    private final NamedParameterJdbcTemplate jdbc;

    JdbcEntityRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The id a new entity gets from its first member: a name-based UUID of source, kind and source id,
     * so re-importing into an empty database gives every entity the same id again.
     */
    public static UUID entityIdFor(String source, RecordKind kind, String sourceId) {
        return UUID.nameUUIDFromBytes((source + ":" + kind.value() + ":" + sourceId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the entities of members whose mapped document changed: an entity with one member has that
     * member's mapped document as its own. Links the members.
     */
    public void upsertSingleMemberEntities(RecordKind kind, Instant now, List<UUID> entityIds,
            List<Long> sourceRecordIds) {
        jdbc.update(UPSERT_FROM_MEMBER, new MapSqlParameterSource().addValue("entityType", kind.value())
                .addValue("now", Timestamp.from(now)).addValue("ids", SqlArrays.of("uuid", entityIds))
                .addValue("sourceRecordIds", SqlArrays.of("bigint", sourceRecordIds)));
        jdbc.update(ADD_MEMBERS, new MapSqlParameterSource()
                .addValue("sourceRecordIds", SqlArrays.of("bigint", sourceRecordIds))
                .addValue("entityIds", SqlArrays.of("uuid", entityIds)));
    }

    /** Marks inactive the entities whose every member is now retired; retired data is kept, never deleted. */
    public int deactivateEntitiesOf(Collection<Long> retiredSourceRecordIds, Instant now) {
        if (retiredSourceRecordIds.isEmpty()) {
            return 0;
        }
        return jdbc.update(DEACTIVATE_WITHOUT_ACTIVE_MEMBERS, new MapSqlParameterSource()
                .addValue("retiredIds", SqlArrays.of("bigint", retiredSourceRecordIds))
                .addValue("now", Timestamp.from(now)));
    }
}
