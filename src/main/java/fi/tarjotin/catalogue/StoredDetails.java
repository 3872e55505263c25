package fi.tarjotin.catalogue;

import fi.tarjotin.catalogue.DetailRenderer.RenderedDetail;
import fi.tarjotin.system.SqlArrays;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model's rendered details ({@code catalogue_detail}, Flyway V16): written with the entry they belong
 * to, and again when an entry they embed changed (queued by a trigger in that change's transaction).
 *
 * <p>Every transaction that writes details first takes one advisory lock, so details are written one transaction
 * at a time across instances, each rendering after the previous one committed; and a renderer deletes only the
 * queue rows it read before rendering. So a change that committed is in a stored detail or still queued, whatever
 * ran concurrently or crashed when.
 */
@Component
class StoredDetails {

    /** The advisory lock of detail writers ("tarjdeta"). */
    private static final long WRITERS = 0x7461726a64657461L;
    /** Entities rendered per read of their parts: bounds the documents held in memory at once. */
    private static final int RENDER_CHUNK = 100;
    /** Queue rows claimed per transaction when queued details are rendered. */
    private static final int QUEUE_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(StoredDetails.class);

    // Unchanged copies are not written again (a republish of every entity renders the same bytes).
    private static final String UPSERT = """
            INSERT INTO catalogue_detail (entity_id, language, body, etag, nested_length, fresh_until, rendered_on)
            SELECT * FROM unnest(:ids, :languages, :bodies, :etags, :nestedLengths, :freshUntil, :renderedOn)
            ON CONFLICT (entity_id, language) DO UPDATE SET body = EXCLUDED.body, etag = EXCLUDED.etag,
                   nested_length = EXCLUDED.nested_length, fresh_until = EXCLUDED.fresh_until,
                   rendered_on = EXCLUDED.rendered_on
             WHERE (catalogue_detail.etag, catalogue_detail.nested_length, catalogue_detail.fresh_until)
                   IS DISTINCT FROM (EXCLUDED.etag, EXCLUDED.nested_length, EXCLUDED.fresh_until)
                OR catalogue_detail.rendered_on > EXCLUDED.rendered_on""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DetailRenderer renderer;

    StoredDetails(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, DetailRenderer renderer) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.renderer = renderer;
    }

    String fingerprint() {
        return renderer.fingerprint();
    }

    /**
     * In the caller's transaction, which has just written the entities' entries: renders and stores their details
     * and takes them out of the queue (the entries' trigger queued them too).
     */
    void renderWithEntries(Collection<UUID> entityIds) {
        if (entityIds.isEmpty()) {
            return;
        }
        lockWriters();
        List<Long> queued = jdbc.queryForList("SELECT seq FROM catalogue_detail_pending WHERE entity_id = ANY(:ids)",
                new MapSqlParameterSource("ids", SqlArrays.of("uuid", entityIds)), Long.class);
        store(entityIds);
        dequeue(queued);
    }

    /**
     * Renders every queued detail, and first queues those a freshness flag has turned in since they were
     * rendered; returns how many entities' details were rendered.
     */
    int renderQueued() {
        jdbc.update("""
                INSERT INTO catalogue_detail_pending (entity_id)
                SELECT DISTINCT d.entity_id FROM catalogue_detail d
                 WHERE d.fresh_until <= :today
                   AND NOT EXISTS (SELECT 1 FROM catalogue_detail_pending p WHERE p.entity_id = d.entity_id)""",
                new MapSqlParameterSource("today", Date.valueOf(renderer.today())));
        int rendered = 0;
        while (true) {
            int batch;
            try {
                Integer done = transaction.execute(status -> renderQueuedBatch());
                batch = done == null ? 0 : done;
            } catch (RuntimeException e) {
                batch = renderQueuedOneByOne(e);
            }
            if (batch == 0) {
                return rendered;
            }
            rendered += batch;
        }
    }

    private int renderQueuedBatch() {
        lockWriters();
        List<UUID> ids = jdbc.queryForList("""
                SELECT DISTINCT entity_id FROM (SELECT entity_id FROM catalogue_detail_pending ORDER BY seq LIMIT :limit) q""",
                new MapSqlParameterSource("limit", QUEUE_BATCH), UUID.class);
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> queued = jdbc.queryForList("SELECT seq FROM catalogue_detail_pending WHERE entity_id = ANY(:ids)",
                new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids)), Long.class);
        store(ids);
        dequeue(queued);
        return ids.size();
    }

    /**
     * One detail that cannot be rendered must not hold up the others: each alone; one that still fails loses its
     * stored copy (the API renders it on request, and says what fails) and leaves the queue until it changes.
     */
    private int renderQueuedOneByOne(RuntimeException batchFailure) {
        log.warn("Rendering a batch of queued details failed ({}); rendering them one at a time", batchFailure.toString());
        List<UUID> ids = jdbc.queryForList("""
                SELECT DISTINCT entity_id FROM (SELECT entity_id FROM catalogue_detail_pending ORDER BY seq LIMIT :limit) q""",
                new MapSqlParameterSource("limit", QUEUE_BATCH), UUID.class);
        for (UUID id : ids) {
            MapSqlParameterSource one = new MapSqlParameterSource("ids", SqlArrays.of("uuid", List.of(id)));
            try {
                transaction.executeWithoutResult(status -> {
                    lockWriters();
                    List<Long> queued = jdbc.queryForList(
                            "SELECT seq FROM catalogue_detail_pending WHERE entity_id = ANY(:ids)", one, Long.class);
                    store(List.of(id));
                    dequeue(queued);
                });
            } catch (RuntimeException e) {
                log.error("The detail of entity {} could not be rendered; it is rendered on request until the entity"
                        + " changes: {}", id, e.toString());
                transaction.executeWithoutResult(status -> {
                    lockWriters();
                    jdbc.update("DELETE FROM catalogue_detail WHERE entity_id = ANY(:ids)", one);
                    jdbc.update("DELETE FROM catalogue_detail_pending WHERE entity_id = ANY(:ids)", one);
                });
            }
        }
        return ids.size();
    }

    private void lockWriters() {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(:lock)::text", new MapSqlParameterSource("lock", WRITERS),
                String.class);
    }

    private void store(Collection<UUID> entityIds) {
        List<UUID> all = List.copyOf(new HashSet<>(entityIds));
        for (int from = 0; from < all.size(); from += RENDER_CHUNK) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + RENDER_CHUNK));
            List<RenderedDetail> details = renderer.render(chunk);
            Set<UUID> rendered = new HashSet<>();
            details.forEach(detail -> rendered.add(detail.entityId()));
            if (!details.isEmpty()) {
                jdbc.update(UPSERT, new MapSqlParameterSource()
                        .addValue("ids", SqlArrays.of("uuid", details.stream().map(RenderedDetail::entityId).toList()))
                        .addValue("languages", SqlArrays.of("text", details.stream().map(RenderedDetail::language).toList()))
                        .addValue("bodies", SqlArrays.of("text", details.stream().map(RenderedDetail::body).toList()))
                        .addValue("etags", SqlArrays.of("text", details.stream().map(RenderedDetail::etag).toList()))
                        .addValue("nestedLengths", SqlArrays.of("int4",
                                details.stream().map(RenderedDetail::nestedLength).toList()))
                        .addValue("freshUntil", SqlArrays.of("date", details.stream()
                                .map(detail -> date(detail.freshUntil())).toList()))
                        .addValue("renderedOn", SqlArrays.of("date", details.stream()
                                .map(detail -> date(detail.renderedOn())).toList())));
            }
            // Merged away, or no longer an entry: nothing is served from a copy.
            List<UUID> without = new ArrayList<>(chunk);
            without.removeAll(rendered);
            if (!without.isEmpty()) {
                jdbc.update("DELETE FROM catalogue_detail WHERE entity_id = ANY(:ids)",
                        new MapSqlParameterSource("ids", SqlArrays.of("uuid", without)));
            }
        }
    }

    private void dequeue(List<Long> queued) {
        if (!queued.isEmpty()) {
            jdbc.update("DELETE FROM catalogue_detail_pending WHERE seq = ANY(:queued)",
                    new MapSqlParameterSource("queued", SqlArrays.of("bigint", queued)));
        }
    }

    private static Date date(LocalDate day) {
        return day == null ? null : Date.valueOf(day);
    }
}
