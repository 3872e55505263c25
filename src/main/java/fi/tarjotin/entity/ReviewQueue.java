package fi.tarjotin.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.EntitiesChanged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pairs of records waiting for a coordinator, and the coordinators' decisions. A decision is stored by the
 * pair's source records, applied at once (resolution and publishing), and honoured by every later resolution:
 * a merged pair stays one entity and a pair kept apart never becomes one, whatever the scores say.
 */
@Component
public class ReviewQueue {

    /** The two answers a coordinator gives. */
    public static final List<String> DECISIONS = List.of("merge", "keep-apart");

    // Review pairs with their decision, if any.
    private static final String REVIEWS = """
            SELECT r.id, r.entity_type, r.score, r.decided_by, r.contributions::text AS contributions, r.status,
                   r.first_seen_at, r.last_seen_at,
                   r.source_a, r.source_id_a, r.source_b, r.source_id_b, d.decision, d.decided_by AS coordinator,
                   d.decided_at, d.note
              FROM match_review r
              LEFT JOIN match_decision d ON d.entity_type = r.entity_type AND d.source_a = r.source_a
                   AND d.source_id_a = r.source_id_a AND d.source_b = r.source_b AND d.source_id_b = r.source_id_b
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EntityResolution resolution;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    ReviewQueue(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, EntityResolution resolution,
            ApplicationEventPublisher events, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = transaction;
        this.resolution = resolution;
        this.events = events;
    }

    /** A record of a pair, as a coordinator needs to see it to decide. */
    public record RecordView(String source, String sourceId, String name, String sourceUrl, UUID entityId,
            boolean retired) {
    }

    /**
     * A pair in the queue, with the decision if there is one.
     *
     * @param contributions each compared field's evidence in bits, for (positive) or against (negative); empty for
     *     pairs queued before contributions were kept
     */
    public record ReviewItem(long id, String entityType, double score, String decidedBy,
            Map<String, Double> contributions, String status, Instant firstSeenAt, Instant lastSeenAt, RecordView a,
            RecordView b, Decision decision) {
    }

    /** A coordinator's decision on a pair. */
    public record Decision(String decision, String coordinator, Instant decidedAt, String note) {
    }

    /** A decision on any two records, with what resolving again did. */
    public record DecisionOutcome(String entityType, RecordView a, RecordView b, Decision decision,
            List<EntityResolution.Outcome> resolution) {
    }

    /**
     * An entity as a coordinator checks a merge: its records and its whole document, private details and
     * {@code fieldSources} included (this is for the authenticated admin API only).
     */
    public record EntityView(UUID id, String entityType, String status, UUID successorId, List<RecordView> records,
            JsonNode document) {
    }

    /** An entity with its records; empty when there is no such entity. */
    public Optional<EntityView> entity(UUID id) {
        return jdbc.query("SELECT id, entity_type, status, successor_id, document::text AS document FROM entity"
                + " WHERE id = :id", new MapSqlParameterSource("id", id), (row, number) -> {
                    String type = row.getString("entity_type");
                    List<RecordView> records = jdbc.query("""
                            SELECT s.source, s.source_id FROM entity_member em
                              JOIN source_record s ON s.id = em.source_record_id
                             WHERE em.entity_id = :id ORDER BY s.source, s.source_id""",
                            new MapSqlParameterSource("id", id),
                            (member, index) -> record(type, member.getString("source"), member.getString("source_id")));
                    return new EntityView(id, type, row.getString("status"), row.getObject("successor_id", UUID.class),
                            records, readJson(row.getString("document")));
                }).stream().findFirst();
    }

    /** Review pairs by status ({@code open}, {@code decided}, {@code withdrawn}), strongest first. */
    public List<ReviewItem> list(String status, String entityType) {
        return jdbc.query(REVIEWS + """
                WHERE r.status = :status AND (CAST(:type AS text) IS NULL OR r.entity_type = :type)
                ORDER BY r.score DESC, r.id""", new MapSqlParameterSource("status", status).addValue("type", entityType),
                this::item);
    }

    public Optional<ReviewItem> find(long id) {
        return jdbc.query(REVIEWS + """
                WHERE r.id = :id""", new MapSqlParameterSource("id", id), this::item).stream().findFirst();
    }

    /** Every decision, newest first. */
    public List<DecisionOutcome> decisions() {
        return jdbc.query("""
                SELECT entity_type, source_a, source_id_a, source_b, source_id_b, decision, decided_by, decided_at, note
                  FROM match_decision ORDER BY decided_at DESC, id DESC""", new MapSqlParameterSource(),
                (row, number) -> new DecisionOutcome(row.getString("entity_type"),
                        record(row.getString("entity_type"), row.getString("source_a"), row.getString("source_id_a")),
                        record(row.getString("entity_type"), row.getString("source_b"), row.getString("source_id_b")),
                        new Decision(row.getString("decision"), row.getString("decided_by"),
                                row.getTimestamp("decided_at").toInstant(), row.getString("note")), null));
    }

    /** Decides a queued pair; empty when there is no such pair. */
    public Optional<DecisionOutcome> decide(long reviewId, String decision, String note, String coordinator) {
        return find(reviewId).map(item -> decidePair(item.entityType(), new RecordRef(item.a().source(),
                item.a().sourceId()), new RecordRef(item.b().source(), item.b().sourceId()), decision, note,
                coordinator, reviewId));
    }

    /**
     * Decides any two records of one type (to split an automatic merge, or to merge what scored too low),
     * replacing an earlier decision on the same pair, then resolves and publishes at once.
     *
     * @throws IllegalArgumentException when the decision is unknown or a record does not exist
     */
    public DecisionOutcome decidePair(String entityType, RecordRef first, RecordRef second, String decision,
            String note, String coordinator) {
        return decidePair(entityType, first, second, decision, note, coordinator, null);
    }

    private DecisionOutcome decidePair(String entityType, RecordRef first, RecordRef second, String decision,
            String note, String coordinator, Long reviewId) {
        if (!DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("decision must be merge or keep-apart, not '" + decision + "'");
        }
        if (!List.of("organization", "service").contains(entityType)) {
            throw new IllegalArgumentException("entity_type must be organization or service");
        }
        for (RecordRef record : List.of(first, second)) {
            if (record(entityType, record.source(), record.sourceId()) == null) {
                throw new IllegalArgumentException("there is no " + entityType + " record " + record.sourceId()
                        + " from " + record.source());
            }
        }
        if (first.equals(second)) {
            throw new IllegalArgumentException("a decision needs two different records");
        }
        RecordRef a = first.before(second) ? first : second;
        RecordRef b = a == first ? second : first;
        Instant decidedAt = Instant.now();
        transaction.executeWithoutResult(status -> {
            MapSqlParameterSource parameters = new MapSqlParameterSource("type", entityType)
                    .addValue("sourceA", a.source()).addValue("sourceIdA", a.sourceId())
                    .addValue("sourceB", b.source()).addValue("sourceIdB", b.sourceId())
                    .addValue("decision", decision).addValue("coordinator", coordinator)
                    .addValue("now", Timestamp.from(decidedAt)).addValue("note", note)
                    .addValue("reviewId", reviewId);
            jdbc.update("""
                    INSERT INTO match_decision (entity_type, source_a, source_id_a, source_b, source_id_b, decision,
                                                decided_by, decided_at, note, review_id)
                    VALUES (:type, :sourceA, :sourceIdA, :sourceB, :sourceIdB, :decision, :coordinator, :now, :note,
                            :reviewId)
                    ON CONFLICT (entity_type, source_a, source_id_a, source_b, source_id_b) DO UPDATE
                       SET decision = EXCLUDED.decision, decided_by = EXCLUDED.decided_by,
                           decided_at = EXCLUDED.decided_at, note = EXCLUDED.note,
                           review_id = coalesce(EXCLUDED.review_id, match_decision.review_id)""", parameters);
            jdbc.update("""
                    UPDATE match_review SET status = 'decided'
                     WHERE entity_type = :type AND source_a = :sourceA AND source_id_a = :sourceIdA
                       AND source_b = :sourceB AND source_id_b = :sourceIdB""", parameters);
        });
        List<EntityResolution.Outcome> outcomes = resolution.resolve();
        events.publishEvent(EntitiesChanged.AWAITED);
        return new DecisionOutcome(entityType, record(entityType, a.source(), a.sourceId()),
                record(entityType, b.source(), b.sourceId()), new Decision(decision, coordinator, decidedAt, note),
                outcomes);
    }

    /**
     * Takes back the decision on two records: the pair is scored like any other again (back in the queue if
     * still uncertain), and the catalogue follows at once. False when the pair had no decision.
     */
    public boolean undo(String entityType, RecordRef first, RecordRef second) {
        RecordRef a = first.before(second) ? first : second;
        RecordRef b = a == first ? second : first;
        MapSqlParameterSource parameters = new MapSqlParameterSource("type", entityType)
                .addValue("sourceA", a.source()).addValue("sourceIdA", a.sourceId())
                .addValue("sourceB", b.source()).addValue("sourceIdB", b.sourceId());
        Boolean undone = transaction.execute(status -> {
            int deleted = jdbc.update("""
                    DELETE FROM match_decision
                     WHERE entity_type = :type AND source_a = :sourceA AND source_id_a = :sourceIdA
                       AND source_b = :sourceB AND source_id_b = :sourceIdB""", parameters);
            // Open until the resolution below scores the pair again (and withdraws it if no longer in doubt).
            jdbc.update("""
                    UPDATE match_review SET status = 'open'
                     WHERE entity_type = :type AND source_a = :sourceA AND source_id_a = :sourceIdA
                       AND source_b = :sourceB AND source_id_b = :sourceIdB AND status = 'decided'""", parameters);
            return deleted > 0;
        });
        if (!Boolean.TRUE.equals(undone)) {
            return false;
        }
        resolution.resolve();
        events.publishEvent(EntitiesChanged.AWAITED);
        return true;
    }

    /** A record's mapped document, as its source described it before any merge; empty for an unknown record. */
    public Optional<JsonNode> recordDocument(String entityType, RecordRef record) {
        return jdbc.query("""
                SELECT m.document::text AS document FROM source_record s
                  JOIN mapped_record m ON m.source_record_id = s.id
                 WHERE s.source = :source AND s.kind = :kind AND s.source_id = :sourceId""",
                new MapSqlParameterSource("source", record.source()).addValue("kind", entityType)
                        .addValue("sourceId", record.sourceId()),
                (row, number) -> readJson(row.getString("document"))).stream().findFirst();
    }

    private Map<String, Double> contributions(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A review pair's contributions are not JSON", e);
        }
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An entity document is not JSON", e);
        }
    }

    private RecordView record(String entityType, String source, String sourceId) {
        return jdbc.query("""
                SELECT s.source, s.source_id, s.source_url, s.retired_at IS NOT NULL AS retired, em.entity_id,
                       coalesce(m.document #>> '{name,fi}', m.document #>> '{name,sv}', m.document #>> '{name,en}') AS name
                  FROM source_record s
                  LEFT JOIN mapped_record m ON m.source_record_id = s.id
                  LEFT JOIN entity_member em ON em.source_record_id = s.id
                 WHERE s.source = :source AND s.kind = :kind AND s.source_id = :sourceId""",
                new MapSqlParameterSource("source", source).addValue("kind", entityType).addValue("sourceId", sourceId),
                (row, number) -> new RecordView(row.getString("source"), row.getString("source_id"),
                        row.getString("name"), row.getString("source_url"), row.getObject("entity_id", UUID.class),
                        row.getBoolean("retired"))).stream().findFirst().orElse(null);
    }

    private ReviewItem item(ResultSet row, int number) throws SQLException {
        String type = row.getString("entity_type");
        Timestamp decidedAt = row.getTimestamp("decided_at");
        Decision decision = row.getString("decision") == null ? null : new Decision(row.getString("decision"),
                row.getString("coordinator"), decidedAt.toInstant(), row.getString("note"));
        return new ReviewItem(row.getLong("id"), type, row.getDouble("score"), row.getString("decided_by"),
                contributions(row.getString("contributions")), row.getString("status"), row.getTimestamp("first_seen_at").toInstant(),
                row.getTimestamp("last_seen_at").toInstant(),
                record(type, row.getString("source_a"), row.getString("source_id_a")),
                record(type, row.getString("source_b"), row.getString("source_id_b")), decision);
    }
}
