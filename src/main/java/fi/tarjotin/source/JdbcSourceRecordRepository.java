package fi.tarjotin.source;

import fi.tarjotin.model.RecordKind;
import fi.tarjotin.system.SqlArrays;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Source records as they came (payload, content hash, first and last seen, retired) and their mapped
 * documents. Writes take a whole page at a time.
 */
@Repository
public class JdbcSourceRecordRepository {

    private static final String FIND_STORED = """
            SELECT s.id, s.source_id, s.content_hash, s.retired_at IS NOT NULL AS retired, m.mapping_hash, em.entity_id
              FROM source_record s
              LEFT JOIN mapped_record m ON m.source_record_id = s.id
              LEFT JOIN entity_member em ON em.source_record_id = s.id
             WHERE s.source = :source AND s.kind = :kind AND s.source_id = ANY(:sourceIds)""";

    private static final String UPSERT = """
            INSERT INTO source_record (source, kind, source_id, source_url, mapping_set, payload, content_hash,
                                       source_modified_at, first_seen_at, last_seen_at, last_seen_run_id, changed_run_id)
            SELECT :source, :kind, t.source_id, t.source_url, :mappingSet, CAST(t.payload AS jsonb), t.content_hash,
                   CAST(t.modified_at AS timestamptz), :now, :now, :runId, :runId
              FROM unnest(:sourceIds, :sourceUrls, :payloads, :hashes, :modifiedAts)
                   AS t(source_id, source_url, payload, content_hash, modified_at)
            ON CONFLICT (source, kind, source_id) DO UPDATE
               SET source_url = EXCLUDED.source_url, mapping_set = EXCLUDED.mapping_set, payload = EXCLUDED.payload,
                   content_hash = EXCLUDED.content_hash, source_modified_at = EXCLUDED.source_modified_at,
                   last_seen_at = EXCLUDED.last_seen_at, last_seen_run_id = EXCLUDED.last_seen_run_id,
                   changed_run_id = EXCLUDED.changed_run_id, retired_at = NULL, retired_run_id = NULL
            RETURNING id, source_id""";

    private static final String UPSERT_MAPPED = """
            INSERT INTO mapped_record (source_record_id, entity_type, document, mapping_hash, mapped_at)
            SELECT t.id, :entityType, CAST(t.document AS jsonb), t.mapping_hash, :now
              FROM unnest(:ids, :documents, :mappingHashes) AS t(id, document, mapping_hash)
            ON CONFLICT (source_record_id) DO UPDATE
               SET document = EXCLUDED.document, mapping_hash = EXCLUDED.mapping_hash, mapped_at = EXCLUDED.mapped_at""";

    private static final String MARK_SEEN = """
            UPDATE source_record SET last_seen_at = :now, last_seen_run_id = :runId WHERE id = ANY(:ids)""";

    private static final String MARK_SEEN_BY_SOURCE_IDS = """
            UPDATE source_record SET last_seen_at = :now, last_seen_run_id = :runId
             WHERE source = :source AND kind = :kind AND source_id = ANY(:sourceIds)""";

    private static final String COUNT_ACTIVE = """
            SELECT count(*) FROM source_record WHERE source = :source AND retired_at IS NULL""";

    private static final String RETIRE_UNSEEN = """
            UPDATE source_record SET retired_at = :now, retired_run_id = :runId
             WHERE source = :source AND retired_at IS NULL AND last_seen_run_id IS DISTINCT FROM :runId
            RETURNING id""";

    private static final String RETIRE_BY_SOURCE_IDS = """
            UPDATE source_record SET retired_at = :now, retired_run_id = :runId
             WHERE source = :source AND kind = :kind AND source_id = ANY(:sourceIds) AND retired_at IS NULL
            RETURNING id""";

    private static final String FIND_ACTIVE_IDS = """
            SELECT source_id FROM source_record
             WHERE source = :source AND kind = :kind AND source_id = ANY(:sourceIds) AND retired_at IS NULL""";

    private static final String FIND_STALE_MAPPINGS = """
            SELECT s.id, s.source_id, s.source_url, s.payload::text AS payload, s.source_modified_at
              FROM source_record s JOIN mapped_record m ON m.source_record_id = s.id
             WHERE s.source = :source AND s.kind = :kind AND s.mapping_set = :mappingSet AND s.retired_at IS NULL
               AND m.mapping_hash <> :mappingHash AND s.id > :afterId
             ORDER BY s.id LIMIT :limit""";

    private final NamedParameterJdbcTemplate jdbc;

    JdbcSourceRecordRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What is stored for these records, by source id; records never seen are absent. */
    public Map<String, StoredRecord> findStored(String source, RecordKind kind, Collection<String> sourceIds) {
        Map<String, StoredRecord> stored = new HashMap<>();
        jdbc.query(FIND_STORED, new MapSqlParameterSource().addValue("source", source)
                .addValue("kind", kind.value()).addValue("sourceIds", SqlArrays.of("text", sourceIds)), rs -> {
                    stored.put(rs.getString("source_id"), new StoredRecord(rs.getLong("id"), rs.getString("content_hash"),
                            rs.getBoolean("retired"), rs.getString("mapping_hash"),
                            rs.getObject("entity_id", UUID.class)));
                });
        return stored;
    }

    /**
     * Inserts or replaces these records (un-retiring any that were retired) and returns their ids by source id.
     *
     * @param mappingSet the mapping folder for the shape these payloads came in (e.g. {@code ptv/v12})
     */
    public Map<String, Long> upsert(String source, RecordKind kind, String mappingSet, long runId, Instant now,
            List<RecordWrite> writes) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("source", source).addValue("kind", kind.value()).addValue("runId", runId)
                .addValue("mappingSet", mappingSet)
                .addValue("now", Timestamp.from(now))
                .addValue("sourceIds", SqlArrays.of("text", writes.stream().map(RecordWrite::sourceId).toList()))
                .addValue("sourceUrls", SqlArrays.of("text", writes.stream().map(RecordWrite::sourceUrl).toList()))
                .addValue("payloads", SqlArrays.of("text", writes.stream().map(RecordWrite::payload).toList()))
                .addValue("hashes", SqlArrays.of("text", writes.stream().map(RecordWrite::contentHash).toList()))
                .addValue("modifiedAts", SqlArrays.of("text", writes.stream()
                        .map(write -> write.modifiedAt() == null ? null : write.modifiedAt().toString()).toList()));
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(UPSERT, parameters, rs -> {
            ids.put(rs.getString("source_id"), rs.getLong("id"));
        });
        return ids;
    }

    public void upsertMapped(RecordKind kind, Instant now, List<Long> ids, List<String> documents,
            List<String> mappingHashes) {
        jdbc.update(UPSERT_MAPPED, new MapSqlParameterSource().addValue("entityType", kind.value())
                .addValue("now", Timestamp.from(now)).addValue("ids", SqlArrays.of("bigint", ids))
                .addValue("documents", SqlArrays.of("text", documents))
                .addValue("mappingHashes", SqlArrays.of("text", mappingHashes)));
    }

    /** Notes that this run saw these records unchanged, so a full run does not retire them. */
    public void markSeen(long runId, Instant now, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(MARK_SEEN, new MapSqlParameterSource().addValue("runId", runId)
                .addValue("now", Timestamp.from(now)).addValue("ids", SqlArrays.of("bigint", ids)));
    }

    /** Marks records seen by their source ids: the source still has them, though this run rejected them. */
    public void markSeen(String source, RecordKind kind, Collection<String> sourceIds, long runId, Instant now) {
        jdbc.update(MARK_SEEN_BY_SOURCE_IDS, new MapSqlParameterSource().addValue("source", source)
                .addValue("kind", kind.value()).addValue("sourceIds", SqlArrays.of("text", sourceIds))
                .addValue("runId", runId).addValue("now", Timestamp.from(now)));
    }

    /** How many records of the source are active (not retired). */
    public int countActive(String source) {
        Integer count = jdbc.queryForObject(COUNT_ACTIVE, new MapSqlParameterSource("source", source), Integer.class);
        return count == null ? 0 : count;
    }

    /** Retires every active record of the source that this (complete, full) run did not see. */
    public List<Long> retireUnseen(String source, long runId, Instant now) {
        return jdbc.queryForList(RETIRE_UNSEEN, new MapSqlParameterSource().addValue("source", source)
                .addValue("runId", runId).addValue("now", Timestamp.from(now)), Long.class);
    }

    /** Retires the records the source reports as archived or deleted. */
    public List<Long> retire(String source, RecordKind kind, Collection<String> sourceIds, long runId, Instant now) {
        return jdbc.queryForList(RETIRE_BY_SOURCE_IDS, new MapSqlParameterSource().addValue("source", source)
                .addValue("kind", kind.value()).addValue("sourceIds", SqlArrays.of("text", sourceIds))
                .addValue("runId", runId).addValue("now", Timestamp.from(now)), Long.class);
    }

    /** Which of these records are stored and active. */
    public Set<String> findActiveIds(String source, RecordKind kind, Collection<String> sourceIds) {
        return new HashSet<>(jdbc.queryForList(FIND_ACTIVE_IDS, new MapSqlParameterSource().addValue("source", source)
                .addValue("kind", kind.value()).addValue("sourceIds", SqlArrays.of("text", sourceIds)), String.class));
    }

    /**
     * Active records of this shape whose mapped document was made by another version of the mapping, in id
     * order after {@code afterId}: what a remap run maps again.
     */
    public List<StoredPayload> findStaleMappings(String source, RecordKind kind, String mappingSet, String mappingHash,
            long afterId, int limit) {
        return jdbc.query(FIND_STALE_MAPPINGS, new MapSqlParameterSource().addValue("source", source)
                .addValue("kind", kind.value()).addValue("mappingSet", mappingSet).addValue("mappingHash", mappingHash)
                .addValue("afterId", afterId).addValue("limit", limit), (rs, rowNum) -> new StoredPayload(
                        rs.getLong("id"), rs.getString("source_id"), rs.getString("source_url"), rs.getString("payload"),
                        rs.getTimestamp("source_modified_at") == null ? null
                                : rs.getTimestamp("source_modified_at").toInstant()));
    }

    /** A stored payload, as a remap run reads it back. */
    public record StoredPayload(long id, String sourceId, String sourceUrl, String payload, Instant modifiedAt) {
    }

    /**
     * A record's stored state.
     *
     * @param mappingHash the mapping that produced its stored document, null if it has none
     * @param entityId the entity it belongs to, null if none yet
     */
    public record StoredRecord(long id, String contentHash, boolean retired, String mappingHash, UUID entityId) {
    }

    /** A record to store. */
    public record RecordWrite(String sourceId, String sourceUrl, String payload, String contentHash, Instant modifiedAt) {
    }
}
