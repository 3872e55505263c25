package fi.tarjotin.needs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.InferredNeed.Evidence;
import fi.tarjotin.model.InferredNeed;
import fi.tarjotin.system.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coordinators' decisions on inferred needs, kept in {@code need_decision} by source record (source, source
 * id) and need code, as dedup decisions are, so they outlive re-imports, remaps and merges: the inference
 * stage reads them for every page it maps ({@link #forRecords}) and honours them. A decision made now is
 * applied at once to the record's stored mapped document (the stage run again on it) and, for an entity of
 * that one record, to the entity's document; the entity's version then moves and the read model follows. An
 * entity of several records takes its document from entity resolution, which the caller runs
 * ({@link Outcome#entityHasOtherRecords()}).
 */
@Component
public class NeedDecisions {

    /** Which inferred needs a list shows. */
    public static final List<String> STATUSES = List.of("open", "confirmed", "rejected");

    private static final String LIVE_SERVICE_RECORD = """
            SELECT s.id, m.document::text AS document, em.entity_id,
                   (SELECT count(*) FROM entity_member other WHERE other.entity_id = em.entity_id) AS members
              FROM source_record s
              JOIN mapped_record m ON m.source_record_id = s.id
              LEFT JOIN entity_member em ON em.source_record_id = s.id
             WHERE s.source = :source AND s.kind = 'service' AND s.source_id = :sourceId AND s.retired_at IS NULL
               FOR UPDATE OF m""";

    // The inferred needs in the live service records' mapped documents, with any decision on them.
    private static final String INFERRED = """
              FROM source_record s
              JOIN mapped_record m ON m.source_record_id = s.id
              LEFT JOIN entity_member em ON em.source_record_id = s.id
             CROSS JOIN LATERAL jsonb_array_elements(m.document->'inferredNeeds') n(inferred)
              LEFT JOIN need_decision d ON d.source = s.source AND d.source_id = s.source_id
                                       AND d.need = n.inferred->>'need'
             WHERE s.kind = 'service' AND s.retired_at IS NULL""";

    // Rejected needs have left the documents: they are listed from the decisions, as the coordinator saw them.
    private static final String REJECTED = """
              FROM need_decision d
              JOIN source_record s ON s.source = d.source AND s.kind = 'service' AND s.source_id = d.source_id
              JOIN mapped_record m ON m.source_record_id = s.id
              LEFT JOIN entity_member em ON em.source_record_id = s.id
             CROSS JOIN LATERAL (SELECT d.inferred) n(inferred)
             WHERE d.decision = 'reject' AND s.retired_at IS NULL""";

    private static final String ITEM_COLUMNS = """
            SELECT s.source, s.source_id, em.entity_id, m.document->'name' AS name, n.inferred::text AS inferred,
                   d.decision, d.decided_by, d.decided_at, d.note""";

    /** The entity's document is its one record's, as ingest writes it (JdbcEntityRepository's rule). */
    private static final String WRITE_THROUGH_SINGLE_RECORD_ENTITY = """
            UPDATE entity e SET document = m.document, last_modified = :now
              FROM entity_member em JOIN mapped_record m ON m.source_record_id = em.source_record_id
             WHERE em.source_record_id = :recordId AND e.id = em.entity_id AND e.successor_id IS NULL
               AND e.document IS DISTINCT FROM m.document
               AND NOT EXISTS (SELECT 1 FROM entity_member other
                                WHERE other.entity_id = e.id AND other.source_record_id <> em.source_record_id)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NeedInference inference;
    private final ObjectMapper json;

    NeedDecisions(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, NeedInference inference,
            ObjectMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.inference = inference;
        this.json = json;
    }

    /** A decision as the admin API shows it. */
    public record Decision(String decision, String coordinator, Instant decidedAt, String note) {
    }

    /**
     * An inferred need on one record, with its score and evidence, and the decision on it if any.
     *
     * @param name the record's name (Finnish, else Swedish, else English)
     */
    public record Item(String source, String sourceId, UUID entityId, String name, String need, double score,
            List<Evidence> evidence, Decision decision) {
    }

    /** A page of items and how many there are in all. */
    public record Page(List<Item> items, long total) {
    }

    /** What a decision or its undoing did. */
    public record Outcome(Item item, boolean entityHasOtherRecords) {
    }

    /** The decisions on these service records of a source, by source id and need code. */
    public Map<String, Map<String, NeedDecision>> forRecords(String source, Collection<String> sourceIds) {
        Map<String, Map<String, NeedDecision>> decisions = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return decisions;
        }
        jdbc.query("""
                SELECT source_id, need, decision, inferred::text AS inferred FROM need_decision
                 WHERE source = :source AND source_id = ANY(:sourceIds)""",
                new MapSqlParameterSource("source", source).addValue("sourceIds", SqlArrays.of("text", sourceIds)),
                row -> {
                    decisions.computeIfAbsent(row.getString("source_id"), id -> new LinkedHashMap<>())
                            .put(row.getString("need"), new NeedDecision(row.getString("need"),
                                    row.getString("decision"), inferredNeed(row.getString("inferred"))));
                });
        return decisions;
    }

    /**
     * Inferred needs of live service records: {@code open} (no decision) and {@code confirmed} from the mapped
     * documents, {@code rejected} from the decisions; optionally of one need or source. Weakest first, as the
     * doubtful ones are the ones to look at; then by source, source id and need.
     */
    public Page list(String status, String need, String source, int limit, int offset) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be open, confirmed or rejected, not '" + status + "'");
        }
        StringBuilder from = new StringBuilder("rejected".equals(status) ? REJECTED : INFERRED);
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        if ("open".equals(status)) {
            from.append(" AND d.decision IS NULL");
        } else if ("confirmed".equals(status)) {
            from.append(" AND d.decision = 'confirm'");
        }
        if (need != null) {
            from.append(" AND n.inferred->>'need' = :need");
            parameters.addValue("need", need);
        }
        if (source != null) {
            from.append(" AND s.source = :source");
            parameters.addValue("source", source);
        }
        Long total = jdbc.queryForObject("SELECT count(*)\n" + from, parameters, Long.class);
        List<Item> items = jdbc.query(ITEM_COLUMNS + "\n" + from + """

                 ORDER BY (n.inferred->>'score')::double precision, s.source, s.source_id, n.inferred->>'need'
                 LIMIT :limit OFFSET :offset""",
                parameters.addValue("limit", limit).addValue("offset", offset), (row, i) -> item(row));
        return new Page(items, total == null ? 0 : total);
    }

    /**
     * Confirms or rejects an inferred need of a live service record, replacing an earlier decision on it, and
     * applies it to the record and its entity. Empty when there is no such record, or the need is neither
     * inferred on it nor decided before.
     */
    public Optional<Outcome> decide(String source, String sourceId, String need, String decision, String note,
            String coordinator) {
        if (!NeedDecision.CONFIRM.equals(decision) && !NeedDecision.REJECT.equals(decision)) {
            throw new IllegalArgumentException("decision must be confirm or reject, not '" + decision + "'");
        }
        return transaction.execute(status -> {
            Optional<StoredService> stored = stored(source, sourceId);
            if (stored.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            Map<String, NeedDecision> decisions = forRecords(source, List.of(sourceId)).getOrDefault(sourceId, Map.of());
            Optional<InferredNeed> seen = inferredIn(stored.get().document(), need)
                    .or(() -> Optional.ofNullable(decisions.get(need)).map(NeedDecision::asDecided));
            if (seen.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            Instant now = Instant.now();
            InferredNeed asDecided = new InferredNeed(need, seen.get().score(), seen.get().evidence());
            jdbc.update("""
                    INSERT INTO need_decision (source, source_id, need, decision, inferred, decided_by, decided_at, note)
                    VALUES (:source, :sourceId, :need, :decision, CAST(:inferred AS jsonb), :coordinator, :now, :note)
                    ON CONFLICT (source, source_id, need) DO UPDATE
                       SET decision = EXCLUDED.decision, inferred = EXCLUDED.inferred,
                           decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at, note = EXCLUDED.note""",
                    new MapSqlParameterSource("source", source).addValue("sourceId", sourceId).addValue("need", need)
                            .addValue("decision", decision).addValue("inferred", write(asDecided))
                            .addValue("coordinator", coordinator).addValue("now", Timestamp.from(now))
                            .addValue("note", note));
            apply(stored.get(), source, sourceId, now);
            Item item = new Item(source, sourceId, stored.get().entityId(), name(stored.get().document().path("name")), need,
                    asDecided.score(), asDecided.evidence(), new Decision(decision, coordinator, now, note));
            return Optional.of(new Outcome(item, stored.get().members() > 1));
        });
    }

    /**
     * Takes back the decision on a need of a record: the inference decides again as for any need. Empty when
     * there was no decision (or the record is gone).
     */
    public Optional<Outcome> undo(String source, String sourceId, String need) {
        return transaction.execute(status -> {
            Optional<StoredService> stored = stored(source, sourceId);
            if (stored.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            List<String> removed = jdbc.queryForList("""
                    DELETE FROM need_decision WHERE source = :source AND source_id = :sourceId AND need = :need
                    RETURNING inferred::text""", new MapSqlParameterSource("source", source)
                    .addValue("sourceId", sourceId).addValue("need", need), String.class);
            if (removed.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            InferredNeed asDecided = inferredNeed(removed.get(0));
            apply(stored.get(), source, sourceId, Instant.now());
            Item item = new Item(source, sourceId, stored.get().entityId(), name(stored.get().document().path("name")), need,
                    asDecided.score(), asDecided.evidence(), null);
            return Optional.of(new Outcome(item, stored.get().members() > 1));
        });
    }

    private record StoredService(long id, ObjectNode document, UUID entityId, long members) {
    }

    private Optional<StoredService> stored(String source, String sourceId) {
        return jdbc.query(LIVE_SERVICE_RECORD, new MapSqlParameterSource("source", source).addValue("sourceId", sourceId),
                (row, i) -> new StoredService(row.getLong("id"), (ObjectNode) read(row.getString("document")),
                        row.getObject("entity_id", UUID.class), row.getLong("members"))).stream().findFirst();
    }

    /**
     * Runs the inference stage again on the stored mapped document with the record's decisions, as a re-map
     * would, and writes the result through to a single-record entity.
     */
    private void apply(StoredService stored, String source, String sourceId, Instant now) {
        ObjectNode document = stored.document().deepCopy();
        inference.annotate(document, json, forRecords(source, List.of(sourceId)).getOrDefault(sourceId, Map.of()));
        if (document.equals(stored.document())) {
            return;
        }
        jdbc.update("UPDATE mapped_record SET document = CAST(:document AS jsonb) WHERE source_record_id = :recordId",
                new MapSqlParameterSource("document", document.toString()).addValue("recordId", stored.id()));
        jdbc.update(WRITE_THROUGH_SINGLE_RECORD_ENTITY, new MapSqlParameterSource("recordId", stored.id())
                .addValue("now", Timestamp.from(now)));
    }

    private Optional<InferredNeed> inferredIn(JsonNode document, String need) {
        for (JsonNode inferred : document.path("inferredNeeds")) {
            if (need.equals(inferred.path("need").asText())) {
                return Optional.of(json.convertValue(inferred, InferredNeed.class));
            }
        }
        return Optional.empty();
    }

    private Item item(ResultSet row) throws SQLException {
        InferredNeed inferred = inferredNeed(row.getString("inferred"));
        Timestamp decidedAt = row.getTimestamp("decided_at");
        Decision decision = decidedAt == null ? null : new Decision(row.getString("decision"),
                row.getString("decided_by"), decidedAt.toInstant(), row.getString("note"));
        return new Item(row.getString("source"), row.getString("source_id"), row.getObject("entity_id", UUID.class),
                name(read(row.getString("name"))), inferred.need(), inferred.score(), inferred.evidence(), decision);
    }

    private static String name(JsonNode name) {
        for (String language : List.of("fi", "sv", "en")) {
            if (name.hasNonNull(language)) {
                return name.get(language).asText();
            }
        }
        return null;
    }

    private InferredNeed inferredNeed(String text) {
        return json.convertValue(read(text), InferredNeed.class);
    }

    private JsonNode read(String text) {
        try {
            return text == null ? json.missingNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is not JSON", e);
        }
    }

    private String write(InferredNeed need) {
        try {
            return json.writeValueAsString(need);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an inferred need", e);
        }
    }
}
