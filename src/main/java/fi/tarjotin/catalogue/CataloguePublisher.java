package fi.tarjotin.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.EntitiesChanged;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.AdvisoryLocks;
import fi.tarjotin.system.Hashes;
import fi.tarjotin.system.SqlArrays;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the read model ({@code catalogue_entry}) from the entity layer, as a function of entity state.
 *
 * <p>Every entity has a version that a database trigger moves on every change and that queues the entity in
 * {@code catalogue_pending}, in the change's own transaction (Flyway V6). Publishing drains that queue: each
 * entry records the entity version it was built from, and a queued entity leaves the queue only in the
 * transaction that published that version. So whatever crashed when, what is stored is published: by the next
 * drain after a page, at the end of a run, on {@code tarjotin.catalogue.reconcile-interval}
 * ({@code routes/catalogue-publisher.yaml}), and at start-up, which also queues every entity whose entry is
 * missing or older than the entity. An entity that cannot be published is recorded with its reason in
 * {@code catalogue_publish_failure} and tried again after its next change; it never holds up the others.
 */
@Component("cataloguePublisher")
public class CataloguePublisher {

    /** Raise when what an entry holds changes, so existing databases are republished at the next start (3: details). */
    private static final String FORMAT_VERSION = "catalogue-entry-3";
    private static final int BATCH_SIZE = 1000;
    private static final Logger log = LoggerFactory.getLogger(CataloguePublisher.class);

    private static final String SEARCH_VECTOR = Stream.of("A", "B", "C", "D")
            .flatMap(weight -> Stream.of("finnish:fi", "swedish:sv", "english:en").map(config -> {
                String[] parts = config.split(":");
                return "setweight(to_tsvector('" + parts[0] + "', coalesce(f#>>'{texts," + weight + "," + parts[1] + "}', '')), '"
                        + weight + "')";
            }))
            .collect(Collectors.joining("\n || "));

    // The entry is built from the entity as the publisher read it (version included), never from a later
    // state: a change after that read queues the entity again. An older read never overwrites a newer entry.
    private static final String UPSERT = """
            INSERT INTO catalogue_entry (entity_id, entity_type, status, last_modified, assured_date, source,
                    organization_ref, service_ref, location_ref, sort_name, categories, needs, municipalities,
                    coverage, languages, search_vector, published_at, successor_id, entity_version,
                    latitude, longitude, postal_code, address_municipality)
            SELECT t.id, t.entity_type, t.status, t.last_modified, t.assured_date, f->>'source',
                   f->>'organizationRef', f->>'serviceRef', f->>'locationRef', f->>'sortName',
                   ARRAY(SELECT jsonb_array_elements_text(f->'categories')),
                   ARRAY(SELECT jsonb_array_elements_text(f->'needs')),
                   ARRAY(SELECT jsonb_array_elements_text(f->'municipalities')),
                   f->>'coverage',
                   ARRAY(SELECT jsonb_array_elements_text(f->'languages')),
                   %s,
                   :now, t.successor_id, t.version,
                   (f->>'latitude')::double precision, (f->>'longitude')::double precision,
                   f->>'postalCode', f->>'addressMunicipality'
              FROM unnest(:ids, :types, :statuses, :lastModified, :assuredDates, :successors, :versions, :facts)
                   AS t(id, entity_type, status, last_modified, assured_date, successor_id, version, facts)
             CROSS JOIN LATERAL (SELECT t.facts::jsonb AS f) AS parsed
            ON CONFLICT (entity_id) DO UPDATE SET
                   status = EXCLUDED.status, last_modified = EXCLUDED.last_modified,
                   assured_date = EXCLUDED.assured_date, source = EXCLUDED.source,
                   organization_id = CASE WHEN catalogue_entry.organization_ref IS NOT DISTINCT FROM EXCLUDED.organization_ref
                                          THEN catalogue_entry.organization_id END,
                   service_id = CASE WHEN catalogue_entry.service_ref IS NOT DISTINCT FROM EXCLUDED.service_ref
                                     THEN catalogue_entry.service_id END,
                   location_id = CASE WHEN catalogue_entry.location_ref IS NOT DISTINCT FROM EXCLUDED.location_ref
                                      THEN catalogue_entry.location_id END,
                   organization_ref = EXCLUDED.organization_ref, service_ref = EXCLUDED.service_ref,
                   location_ref = EXCLUDED.location_ref, sort_name = EXCLUDED.sort_name,
                   categories = EXCLUDED.categories, needs = EXCLUDED.needs,
                   municipalities = EXCLUDED.municipalities, coverage = EXCLUDED.coverage,
                   languages = EXCLUDED.languages, search_vector = EXCLUDED.search_vector,
                   published_at = EXCLUDED.published_at, successor_id = EXCLUDED.successor_id,
                   entity_version = EXCLUDED.entity_version,
                   latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                   postal_code = EXCLUDED.postal_code, address_municipality = EXCLUDED.address_municipality
             WHERE catalogue_entry.entity_version IS NULL
                OR catalogue_entry.entity_version <= EXCLUDED.entity_version""".formatted(SEARCH_VECTOR);

    // Claims queued entities: rows another publisher holds are skipped (it publishes them), so publishers
    // never wait on each other or on an ingest that is queueing the same entity again.
    private static final String CLAIM = """
            SELECT e.id, e.entity_type, e.status, e.last_modified, e.assured_date, e.successor_id, e.version,
                   e.document::text AS document
              FROM catalogue_pending p JOIN entity e ON e.id = p.entity_id
             WHERE %s
             ORDER BY p.entity_id LIMIT :limit
               FOR UPDATE OF p SKIP LOCKED""";

    // Leaves the queue only what was published at the version queued; a newer version stays queued.
    private static final String DEQUEUE = """
            DELETE FROM catalogue_pending p USING unnest(:ids, :versions) AS t(id, version)
             WHERE p.entity_id = t.id AND p.version <= t.version""";

    private static final String QUEUE_OUTDATED = """
            INSERT INTO catalogue_pending (entity_id, version)
            SELECT e.id, e.version FROM entity e
              LEFT JOIN catalogue_entry c ON c.entity_id = e.id
              LEFT JOIN catalogue_publish_failure f ON f.entity_id = e.id AND f.entity_version = e.version
             WHERE (c.entity_id IS NULL OR c.entity_version IS DISTINCT FROM e.version) AND f.entity_id IS NULL
            ON CONFLICT (entity_id) DO NOTHING""";

    // A reference names the target by the source's own id; the entity it resolves to is the one whose
    // member is that source record (so a merged target resolves to the merged entity). Entity resolution
    // unresolves the references to entities that lost records, so they are resolved here again.
    // A SEDA queue of one trigger (routes/catalogue-publisher.yaml): pages never wait for a drain, and a drain
    // under way while more pages arrive is followed by one more.
    private static final String PUBLISH_IN_PASSING = "seda:publish-catalogue-in-passing";
    private static final String RESOLVE = """
            UPDATE catalogue_entry c SET %1$s_id = em.entity_id
              FROM source_record s JOIN entity_member em ON em.source_record_id = s.id
             WHERE c.%1$s_ref IS NOT NULL AND c.%1$s_id IS NULL
               AND s.source = c.source AND s.kind = '%2$s' AND s.source_id = c.%1$s_ref""";
    // The same for the entries a batch has just written, so their details are rendered with their references.
    private static final String RESOLVE_BATCH = RESOLVE + " AND c.entity_id = ANY(:ids)";
    /** The entry types whose details the read model keeps (see {@link StoredDetails}). */
    private static final Set<String> WITH_DETAILS = Set.of("service", "organization");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CatalogueEntryFacts entryFacts;
    private final ObjectMapper json;
    private final ServiceIndex serviceIndex;
    private final ServiceSearch serviceSearch;
    private final StoredDetails details;
    private final String fingerprint;
    private final ProducerTemplate routes;
    // One drain at a time in this instance, so a drain that returns has published everything queued before it.
    private final ReentrantLock draining = new ReentrantLock();

    CataloguePublisher(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
            CatalogueEntryFacts entryFacts, Taxonomies taxonomies, ObjectMapper json, ServiceIndex serviceIndex,
            ServiceSearch serviceSearch, StoredDetails details, ProducerTemplate routes) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.entryFacts = entryFacts;
        this.json = json;
        this.serviceIndex = serviceIndex;
        this.serviceSearch = serviceSearch;
        this.details = details;
        this.routes = routes;
        this.fingerprint = Hashes.sha256(FORMAT_VERSION + "\n" + taxonomies.fingerprint() + "\n" + details.fingerprint());
    }

    /**
     * Publishes every queued entity, waiting for a drain already under way here; returns how many were
     * published. When it returns, every change committed before the call is in the read model (or recorded
     * as a publish failure), except what another instance is publishing at that moment.
     */
    public int publishPending() {
        draining.lock();
        try {
            return drain(true);
        } finally {
            draining.unlock();
        }
    }

    /**
     * Publishes the queued entities unless a drain is already under way here (it takes them too); for the
     * periodic reconcile and the pages of a run, which must not queue up behind each other.
     */
    public int publishPendingIfIdle() {
        if (!draining.tryLock()) {
            return 0;
        }
        try {
            return drain(false);
        } finally {
            draining.unlock();
        }
    }

    /**
     * Entities were written: publishes what they queued. An awaited change is published before this returns; a
     * change in passing (a page of a run) is handed to the {@code publish-catalogue-in-passing} route, whose own
     * thread publishes while the run ingests its next pages.
     */
    @EventListener
    void publishAfter(EntitiesChanged change) {
        if (change.awaited()) {
            publishPending();
        } else {
            try {
                routes.sendBody(PUBLISH_IN_PASSING, null);
            } catch (RuntimeException e) {
                // Camel is stopping: the run's end, or the next start's reconcile, publishes the change.
                log.debug("Publishing in passing not started: {}", e.toString());
            }
        }
    }

    /**
     * The start-up reconcile: with another read-model format or other taxonomy tables every entity is queued,
     * else every entity whose entry is missing or was built from another version; then all is published.
     */
    public int reconcile() {
        transaction.executeWithoutResult(status -> {
            if (isCurrent()) {
                int queued = jdbc.update(QUEUE_OUTDATED, new MapSqlParameterSource());
                if (queued > 0) {
                    log.warn("{} entities were stored but not published (an instance stopped before publishing "
                            + "them); publishing them now", queued);
                }
            } else {
                int queued = jdbc.update("""
                        INSERT INTO catalogue_pending (entity_id, version) SELECT id, version FROM entity
                        ON CONFLICT (entity_id) DO NOTHING""", new MapSqlParameterSource());
                log.info("The read model's format or the taxonomy tables changed: all {} entities are published "
                        + "again", queued);
                // Copies rendered the old way are not served meanwhile: the API renders details on request.
                jdbc.update("DELETE FROM catalogue_detail", new MapSqlParameterSource());
                jdbc.update("""
                        INSERT INTO catalogue_state (singleton, fingerprint, built_at) VALUES (true, :fingerprint, :now)
                        ON CONFLICT (singleton) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, built_at = EXCLUDED.built_at""",
                        new MapSqlParameterSource("fingerprint", fingerprint).addValue("now", Timestamp.from(Instant.now())));
            }
        });
        return publishPending();
    }

    /** Whether the read model was built with this version's format and the current taxonomy tables. */
    public boolean isCurrent() {
        List<String> built = jdbc.queryForList("SELECT fingerprint FROM catalogue_state", new MapSqlParameterSource(),
                String.class);
        return built.equals(List.of(fingerprint));
    }

    /** Entities that could not be published, with the reason, until their next change is published. */
    public List<PublishFailure> failures() {
        return jdbc.query("""
                SELECT f.entity_id, e.entity_type, f.entity_version, f.reason, f.failed_at
                  FROM catalogue_publish_failure f JOIN entity e ON e.id = f.entity_id ORDER BY f.failed_at, f.entity_id""",
                new MapSqlParameterSource(), (row, number) -> new PublishFailure(row.getObject("entity_id", UUID.class),
                        row.getString("entity_type"), row.getLong("entity_version"), row.getString("reason"),
                        row.getTimestamp("failed_at").toInstant()));
    }

    /** An entity the read model could not take, at the version that failed. */
    public record PublishFailure(UUID entityId, String entityType, long entityVersion, String reason, Instant failedAt) {
    }

    /**
     * @param awaited the caller reads the API as soon as this returns (a run's end, a decision), so this
     *     instance's in-memory indexes are refreshed before it does; otherwise (a page of a run, the periodic
     *     drain) they follow within {@code tarjotin.api.index-refresh-interval} (route
     *     {@code service-index-follows-catalogue}), so a national import does not reload them after every page
     */
    private int drain(boolean awaited) {
        Instant started = Instant.now();
        int published = 0;
        UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes: the nil uuid is the smallest
        while (true) {
            UUID from = after;
            Batch batch;
            try {
                batch = transaction.execute(status -> publishBatch(from));
            } catch (RuntimeException e) {
                // One entity that the read model cannot take must not hold up the others: one at a time.
                batch = publishOneByOne(from, e);
            }
            if (batch.size() == 0) {
                break;
            }
            published += batch.published();
            after = batch.last();
        }
        // Entity resolution may have unresolved references without changing an entity that is queued.
        int resolved = resolveReferences();
        // The details that embed what was published (queued with it), and those whose freshness turned.
        int rendered = renderQueuedDetails();
        if (published + resolved > 0) {
            jdbc.queryForObject("SELECT nextval('catalogue_generation')", new MapSqlParameterSource(), Long.class);
            if (published >= BATCH_SIZE) {
                log.info("Catalogue read model: {} entities published, {} details rendered again for what they embed,"
                        + " in {} s", published, rendered, Duration.between(started, Instant.now()).toSeconds());
            }
        }
        if (awaited) {
            // Also after drains in passing that left nothing for this one: their changes are in the read model.
            serviceIndex.refreshIfChanged();
            serviceSearch.refreshIfChanged();
        }
        return published;
    }

    /** The claimed entities of one batch: how many, how many published, the last id. */
    private record Batch(int size, int published, UUID last) {
        static final Batch EMPTY = new Batch(0, 0, null);
    }

    private Batch publishBatch(UUID after) {
        holdMembershipsStill();
        List<Claimed> claimed = claim("p.entity_id > :after", new MapSqlParameterSource("after", after)
                .addValue("limit", BATCH_SIZE));
        if (claimed.isEmpty()) {
            return Batch.EMPTY;
        }
        write(claimed);
        return new Batch(claimed.size(), claimed.size(), claimed.get(claimed.size() - 1).id());
    }

    private Batch publishOneByOne(UUID after, RuntimeException batchFailure) {
        log.warn("Publishing a batch of entities failed ({}); publishing them one at a time", batchFailure.toString());
        List<UUID> ids = jdbc.queryForList("""
                SELECT entity_id FROM catalogue_pending WHERE entity_id > :after ORDER BY entity_id LIMIT :limit""",
                new MapSqlParameterSource("after", after).addValue("limit", BATCH_SIZE), UUID.class);
        int published = 0;
        for (UUID id : ids) {
            try {
                Integer one = transaction.execute(status -> {
                    holdMembershipsStill();
                    List<Claimed> claimed = claim("p.entity_id = :id", new MapSqlParameterSource("id", id)
                            .addValue("limit", 1));
                    write(claimed);
                    return claimed.size();
                });
                published += one;
            } catch (RuntimeException e) {
                recordFailure(id, e);
            }
        }
        return ids.isEmpty() ? Batch.EMPTY : new Batch(ids.size(), published, ids.get(ids.size() - 1));
    }

    private List<Claimed> claim(String condition, MapSqlParameterSource parameters) {
        return jdbc.query(CLAIM.formatted(condition), parameters, (row, number) -> new Claimed(
                row.getObject("id", UUID.class), row.getString("entity_type"), row.getString("status"),
                row.getTimestamp("last_modified"), row.getDate("assured_date"),
                row.getObject("successor_id", UUID.class), row.getLong("version"), row.getString("document")));
    }

    /** An entity as the publisher read it. */
    private record Claimed(UUID id, String entityType, String status, Timestamp lastModified, java.sql.Date assuredDate,
            UUID successorId, long version, String document) {
    }

    private void write(List<Claimed> claimed) {
        List<String> facts = new ArrayList<>(claimed.size());
        for (Claimed entity : claimed) {
            facts.add(write(entryFacts.facts(entity.entityType(), read(entity.document()))));
        }
        List<UUID> ids = claimed.stream().map(Claimed::id).toList();
        List<Long> versions = claimed.stream().map(Claimed::version).toList();
        jdbc.update(UPSERT, new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids))
                .addValue("types", SqlArrays.of("text", claimed.stream().map(Claimed::entityType).toList()))
                .addValue("statuses", SqlArrays.of("text", claimed.stream().map(Claimed::status).toList()))
                .addValue("lastModified", SqlArrays.of("timestamptz", claimed.stream().map(Claimed::lastModified).toList()))
                .addValue("assuredDates", SqlArrays.of("date", claimed.stream().map(Claimed::assuredDate).toList()))
                .addValue("successors", SqlArrays.of("uuid", claimed.stream().map(Claimed::successorId).toList()))
                .addValue("versions", SqlArrays.of("bigint", versions))
                .addValue("facts", SqlArrays.of("text", facts))
                .addValue("now", Timestamp.from(Instant.now())));
        MapSqlParameterSource published = new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids))
                .addValue("versions", SqlArrays.of("bigint", versions));
        jdbc.update(DEQUEUE, published);
        jdbc.update("""
                DELETE FROM catalogue_publish_failure f USING unnest(:ids, :versions) AS t(id, version)
                 WHERE f.entity_id = t.id AND f.entity_version <= t.version""", published);
        // The details of these entries, in the same transaction, with their references resolved first.
        MapSqlParameterSource batch = new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids));
        jdbc.update(RESOLVE_BATCH.formatted("organization", "organization"), batch);
        jdbc.update(RESOLVE_BATCH.formatted("service", "service"), batch);
        jdbc.update(RESOLVE_BATCH.formatted("location", "location"), batch);
        details.renderWithEntries(claimed.stream().filter(entity -> WITH_DETAILS.contains(entity.entityType()))
                .map(Claimed::id).toList());
    }

    private int renderQueuedDetails() {
        try {
            return details.renderQueued();
        } catch (RuntimeException e) {
            // The queue keeps them: the next drain renders them; meanwhile the API renders them on request.
            log.warn("Rendering the details queued for what they embed failed; the next publish tries again: {}",
                    e.toString());
            return 0;
        }
    }

    /** Keeps the reason, and takes the entity out of the queue until its next change queues it again. */
    private void recordFailure(UUID id, RuntimeException failure) {
        String reason = rootMessage(failure);
        log.error("Entity {} could not be published and is left out of the API until it changes: {}", id, reason);
        transaction.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO catalogue_publish_failure (entity_id, entity_version, reason, failed_at)
                    SELECT p.entity_id, p.version, :reason, :now FROM catalogue_pending p WHERE p.entity_id = :id
                    ON CONFLICT (entity_id) DO UPDATE SET entity_version = EXCLUDED.entity_version,
                           reason = EXCLUDED.reason, failed_at = EXCLUDED.failed_at""",
                    new MapSqlParameterSource("id", id).addValue("reason", reason)
                            .addValue("now", Timestamp.from(Instant.now())));
            jdbc.update("""
                    DELETE FROM catalogue_pending p USING catalogue_publish_failure f
                     WHERE p.entity_id = :id AND f.entity_id = p.entity_id AND f.entity_version = p.version""",
                    new MapSqlParameterSource("id", id));
        });
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private int resolveReferences() {
        try {
            Integer resolved = transaction.execute(status -> {
                holdMembershipsStill();
                int organizations = jdbc.update(RESOLVE.formatted("organization", "organization"), new MapSqlParameterSource());
                int services = jdbc.update(RESOLVE.formatted("service", "service"), new MapSqlParameterSource());
                return organizations + services + jdbc.update(RESOLVE.formatted("location", "location"),
                        new MapSqlParameterSource());
            });
            return resolved == null ? 0 : resolved;
        } catch (RuntimeException e) {
            // An entity resolution unresolving the same entries at this moment; the next drain resolves them.
            log.warn("Resolving the read model's references failed; the next publish tries again: {}", e.toString());
            return 0;
        }
    }

    /**
     * Entries resolve their references through the records' memberships: a resolution moving records between
     * entities waits for this transaction, and this one for a resolution under way (the lock is held shared).
     */
    private void holdMembershipsStill() {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock_shared(:lock)::text",
                new MapSqlParameterSource("lock", AdvisoryLocks.ENTITY_MEMBERSHIP), String.class);
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An entity document is not JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
