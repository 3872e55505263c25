package fi.tarjotin.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.dedup.Decisions;
import fi.tarjotin.system.AdvisoryLocks;
import fi.tarjotin.system.SqlArrays;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** What entity resolution reads and writes: live records, entities, memberships, review pairs and decisions. */
@Repository
class JdbcEntityResolutionRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    JdbcEntityResolutionRepository(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Waits until no other resolution runs and no publish is building entries, for the rest of the current
     * transaction (a resolution runs one at a time across every instance sharing the database).
     */
    void lockForResolution() {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(:lock)::text", new MapSqlParameterSource("lock",
                AdvisoryLocks.ENTITY_MEMBERSHIP), String.class);
    }

    /** Every record of a kind that its source still has, with its mapped document and its entity now. */
    List<MemberRecord> liveMembers(String kind) {
        return jdbc.query("""
                SELECT s.id, s.source, s.source_id, coalesce(s.source_modified_at, r.started_at) AS changed_at,
                       m.document::text AS document, em.entity_id
                  FROM source_record s
                  JOIN mapped_record m ON m.source_record_id = s.id
                  JOIN entity_member em ON em.source_record_id = s.id
                  LEFT JOIN import_run r ON r.id = s.changed_run_id
                 WHERE s.kind = :kind AND s.retired_at IS NULL
                 ORDER BY s.source, s.source_id""", new MapSqlParameterSource("kind", kind),
                (row, number) -> {
                    Timestamp changedAt = row.getTimestamp("changed_at");
                    return new MemberRecord(row.getLong("id"), row.getString("source"), row.getString("source_id"),
                            changedAt == null ? null : changedAt.toInstant(), object(row.getString("document")),
                            row.getObject("entity_id", UUID.class));
                });
    }

    /** The entities with these ids that exist: when made, whether active, and whether several records make them. */
    Map<UUID, EntityState> entities(Collection<UUID> ids) {
        Map<UUID, EntityState> states = new HashMap<>();
        jdbc.query("""
                SELECT id, created_at, status, successor_id, (document -> 'fieldSources') IS NOT NULL AS merged
                  FROM entity WHERE id = ANY(:ids)""", new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids)),
                row -> {
                    UUID id = row.getObject("id", UUID.class);
                    states.put(id, new EntityState(id, row.getTimestamp("created_at").toInstant(),
                            "active".equals(row.getString("status")), row.getObject("successor_id", UUID.class),
                            row.getBoolean("merged")));
                });
        return states;
    }

    JsonNode document(UUID id) {
        List<String> documents = jdbc.queryForList("SELECT document::text FROM entity WHERE id = :id",
                new MapSqlParameterSource("id", id), String.class);
        return documents.isEmpty() ? null : object(documents.get(0));
    }

    void moveMembers(List<Long> sourceRecordIds, List<UUID> entityIds) {
        if (sourceRecordIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                UPDATE entity_member em SET entity_id = t.entity_id
                  FROM unnest(:recordIds, :entityIds) AS t(source_record_id, entity_id)
                 WHERE em.source_record_id = t.source_record_id""", new MapSqlParameterSource()
                .addValue("recordIds", SqlArrays.of("bigint", sourceRecordIds))
                .addValue("entityIds", SqlArrays.of("uuid", entityIds)));
    }

    /**
     * Makes an entity active with this document and no successor; {@code last_modified} moves only when that
     * changes something.
     */
    void writeActive(UUID id, String entityType, JsonNode document, Instant now) {
        jdbc.update("""
                INSERT INTO entity (id, entity_type, status, document, created_at, last_modified)
                VALUES (:id, :type, 'active', CAST(:document AS jsonb), :now, :now)
                ON CONFLICT (id) DO UPDATE
                   SET document = EXCLUDED.document, status = 'active', successor_id = NULL,
                       last_modified = CASE WHEN entity.document IS DISTINCT FROM EXCLUDED.document
                                              OR entity.status <> 'active' OR entity.successor_id IS NOT NULL
                                            THEN EXCLUDED.last_modified ELSE entity.last_modified END""",
                new MapSqlParameterSource("id", id).addValue("type", entityType)
                        .addValue("document", document.toString()).addValue("now", Timestamp.from(now)));
    }

    /**
     * Retires entities that merged into others (ids and successors pairwise), and points the entities that
     * already named them as their successor to the new ones, so a successor is always one step away.
     */
    void retireInto(List<UUID> ids, List<UUID> successors, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids))
                .addValue("successors", SqlArrays.of("uuid", successors)).addValue("now", Timestamp.from(now));
        jdbc.update("""
                UPDATE entity e SET status = 'inactive', successor_id = t.successor, last_modified = :now
                  FROM unnest(:ids, :successors) AS t(id, successor)
                 WHERE e.id = t.id AND (e.status <> 'inactive' OR e.successor_id IS DISTINCT FROM t.successor)""",
                parameters);
        jdbc.update("""
                UPDATE entity e SET successor_id = t.successor, last_modified = :now
                  FROM unnest(:ids, :successors) AS t(id, successor)
                 WHERE e.successor_id = t.id""", parameters);
    }

    /**
     * Unresolves the read model's references to entities that lost records, so the next publish resolves
     * them again to wherever the records went (references are kept as the source's ids).
     */
    void unresolveReferencesTo(String entityType, Collection<UUID> entityIds) {
        if (entityIds.isEmpty()) {
            return;
        }
        String column = "organization".equals(entityType) ? "organization_id" : "service_id";
        jdbc.update("UPDATE catalogue_entry SET " + column + " = NULL WHERE " + column + " = ANY(:ids)",
                new MapSqlParameterSource("ids", SqlArrays.of("uuid", entityIds)));
    }

    /** The coordinators' decisions on pairs of records of an entity type. */
    Decisions decisions(String entityType) {
        List<String[]> rows = jdbc.query("""
                SELECT decision, source_a, source_id_a, source_b, source_id_b FROM match_decision
                 WHERE entity_type = :type ORDER BY decided_at, id""", new MapSqlParameterSource("type", entityType),
                (row, number) -> new String[] {row.getString(1), row.getString(2) + ":" + row.getString(3),
                    row.getString(4) + ":" + row.getString(5)});
        return new Decisions(
                rows.stream().filter(row -> "merge".equals(row[0])).map(row -> new Decisions.Pair(row[1], row[2])).toList(),
                rows.stream().filter(row -> !"merge".equals(row[0])).map(row -> new Decisions.Pair(row[1], row[2])).toList());
    }

    /** Keeps a pair in the review queue (again open unless decided), with its latest score. */
    void offerForReview(String entityType, RecordRef a, RecordRef b, double score, String decidedBy,
            Map<String, Double> contributions, Instant now) {
        String contributionsJson;
        try {
            contributionsJson = json.writeValueAsString(contributions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Field contributions cannot be written as JSON", e);
        }
        jdbc.update("""
                INSERT INTO match_review (entity_type, source_a, source_id_a, source_b, source_id_b, score, decided_by,
                                          contributions, status, first_seen_at, last_seen_at)
                VALUES (:type, :sourceA, :sourceIdA, :sourceB, :sourceIdB, :score, :decidedBy,
                        CAST(:contributions AS jsonb), 'open', :now, :now)
                ON CONFLICT (entity_type, source_a, source_id_a, source_b, source_id_b) DO UPDATE
                   SET score = EXCLUDED.score, decided_by = EXCLUDED.decided_by, last_seen_at = EXCLUDED.last_seen_at,
                       contributions = EXCLUDED.contributions,
                       status = CASE WHEN match_review.status = 'decided' THEN 'decided' ELSE 'open' END""",
                new MapSqlParameterSource("type", entityType).addValue("sourceA", a.source())
                        .addValue("sourceIdA", a.sourceId()).addValue("sourceB", b.source())
                        .addValue("sourceIdB", b.sourceId()).addValue("score", score)
                        .addValue("decidedBy", decidedBy).addValue("contributions", contributionsJson)
                        .addValue("now", Timestamp.from(now)));
    }

    /** Open pairs this resolution did not offer again: the data changed and they are no longer in doubt. */
    int withdrawUnoffered(String entityType, Instant now) {
        return jdbc.update("""
                UPDATE match_review SET status = 'withdrawn'
                 WHERE entity_type = :type AND status = 'open' AND last_seen_at < :now""",
                new MapSqlParameterSource("type", entityType).addValue("now", Timestamp.from(now)));
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored document is not JSON", e);
        }
    }

    /** An entity as resolution needs to know it. */
    record EntityState(UUID id, Instant createdAt, boolean active, UUID successorId, boolean merged) {
    }
}
