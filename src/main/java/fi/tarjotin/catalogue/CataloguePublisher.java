package fi.tarjotin.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.system.Hashes;
import fi.tarjotin.system.SqlArrays;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the read model ({@code catalogue_entry}) from the entity layer. Every import run ends by
 * publishing the entities it changed, so the API shows a run's result when the run is recorded as
 * finished; a start-up with another read-model format or other taxonomy tables rebuilds every entry.
 */
@Component
public class CataloguePublisher {

    /** Raise when what an entry holds changes, so existing databases are rebuilt at the next start. */
    private static final String FORMAT_VERSION = "catalogue-entry-1";
    private static final int BATCH_SIZE = 1000;
    private static final Logger log = LoggerFactory.getLogger(CataloguePublisher.class);

    private static final String SEARCH_VECTOR = Stream.of("A", "B", "C", "D")
            .flatMap(weight -> Stream.of("finnish:fi", "swedish:sv", "english:en").map(config -> {
                String[] parts = config.split(":");
                return "setweight(to_tsvector('" + parts[0] + "', coalesce(f#>>'{texts," + weight + "," + parts[1] + "}', '')), '"
                        + weight + "')";
            }))
            .collect(Collectors.joining("\n || "));

    private static final String UPSERT = """
            INSERT INTO catalogue_entry (entity_id, entity_type, status, last_modified, assured_date, source,
                    organization_ref, service_ref, location_ref, sort_name, categories, needs, municipalities,
                    coverage, languages, search_vector, published_at, successor_id)
            SELECT e.id, e.entity_type, e.status, e.last_modified, e.assured_date, f->>'source',
                   f->>'organizationRef', f->>'serviceRef', f->>'locationRef', f->>'sortName',
                   ARRAY(SELECT jsonb_array_elements_text(f->'categories')),
                   ARRAY(SELECT jsonb_array_elements_text(f->'needs')),
                   ARRAY(SELECT jsonb_array_elements_text(f->'municipalities')),
                   f->>'coverage',
                   ARRAY(SELECT jsonb_array_elements_text(f->'languages')),
                   %s,
                   :now, e.successor_id
              FROM unnest(:ids, :facts) AS t(id, facts)
             CROSS JOIN LATERAL (SELECT t.facts::jsonb AS f) AS parsed
              JOIN entity e ON e.id = t.id
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
                   published_at = EXCLUDED.published_at, successor_id = EXCLUDED.successor_id""".formatted(SEARCH_VECTOR);

    // A reference names the target by the source's own id; the entity it resolves to is the one whose
    // member is that source record (so a merged target resolves to the merged entity). Entity resolution
    // unresolves the references to entities that lost records, so they are resolved here again.
    private static final String RESOLVE = """
            UPDATE catalogue_entry c SET %1$s_id = em.entity_id
              FROM source_record s JOIN entity_member em ON em.source_record_id = s.id
             WHERE c.%1$s_ref IS NOT NULL AND c.%1$s_id IS NULL
               AND s.source = c.source AND s.kind = '%2$s' AND s.source_id = c.%1$s_ref""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CatalogueEntryFacts entryFacts;
    private final ObjectMapper json;
    private final ServiceIndex serviceIndex;
    private final ServiceSearch serviceSearch;
    private final int publishThreads;
    private final String fingerprint;

    CataloguePublisher(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
            CatalogueEntryFacts entryFacts, Taxonomies taxonomies, ObjectMapper json, ServiceIndex serviceIndex,
            ServiceSearch serviceSearch, @Value("${tarjotin.catalogue.publish-threads:2}") int publishThreads) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.entryFacts = entryFacts;
        this.json = json;
        this.serviceIndex = serviceIndex;
        this.serviceSearch = serviceSearch;
        this.publishThreads = publishThreads;
        this.fingerprint = Hashes.sha256(FORMAT_VERSION + "\n" + taxonomies.fingerprint());
    }

    /** Publishes every entity changed at or after the instant (an import run's start); returns how many. */
    public int publishChangedSince(Instant since) {
        return publishWhere("e.last_modified >= :since", new MapSqlParameterSource("since", Timestamp.from(since)));
    }

    /** Publishes every entity again: after a read-model format or taxonomy change. */
    public int rebuild() {
        Instant started = Instant.now();
        int published = publishWhere("true", new MapSqlParameterSource());
        jdbc.update("""
                INSERT INTO catalogue_state (singleton, fingerprint, built_at) VALUES (true, :fingerprint, :now)
                ON CONFLICT (singleton) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, built_at = EXCLUDED.built_at""",
                new MapSqlParameterSource("fingerprint", fingerprint).addValue("now", Timestamp.from(Instant.now())));
        log.info("Catalogue read model rebuilt: {} entries in {} s", published,
                Duration.between(started, Instant.now()).toSeconds());
        return published;
    }

    /**
     * Makes the next start rebuild the read model: for when publishing a run's changes failed, since no
     * later run would publish them again.
     */
    public void markOutdated() {
        jdbc.update("DELETE FROM catalogue_state", new MapSqlParameterSource());
    }

    /** Whether the read model was built with this version's format and the current taxonomy tables. */
    public boolean isCurrent() {
        List<String> built = jdbc.queryForList("SELECT fingerprint FROM catalogue_state", new MapSqlParameterSource(),
                String.class);
        return built.equals(List.of(fingerprint));
    }

    /**
     * At start-up, an outdated read model is rebuilt in the background: the API answers from the old
     * entries meanwhile, and a new database (no entities) is current at once.
     */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildIfOutdated() {
        if (isCurrent()) {
            return;
        }
        Thread rebuild = new Thread(() -> {
            try {
                rebuild();
            } catch (RuntimeException e) {
                log.error("Rebuilding the catalogue read model failed; it is tried again at the next start", e);
            }
        }, "catalogue-rebuild");
        rebuild.setDaemon(true);
        rebuild.start();
    }

    /**
     * Publishes the entities matching the condition in batches of {@value #BATCH_SIZE}, in id order, on
     * {@code tarjotin.catalogue.publish-threads} connections at once (batches never share a row).
     */
    private int publishWhere(String condition, MapSqlParameterSource parameters) {
        ExecutorService workers = Executors.newFixedThreadPool(publishThreads, runnable -> {
            Thread thread = new Thread(runnable, "catalogue-publish");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        int published = 0;
        try {
            UUID after = new UUID(0, 0); // PostgreSQL orders uuids as unsigned bytes: the nil uuid is the smallest
            while (true) {
                List<UUID> ids = jdbc.queryForList("SELECT e.id FROM entity e WHERE " + condition
                        + " AND e.id > :after ORDER BY e.id LIMIT " + BATCH_SIZE,
                        new MapSqlParameterSource(parameters.getValues()).addValue("after", after), UUID.class);
                if (ids.isEmpty()) {
                    break;
                }
                inFlight.add(workers.submit(() -> transaction.executeWithoutResult(status -> publish(ids))));
                if (inFlight.size() > publishThreads) {
                    inFlight.removeFirst().get();
                }
                published += ids.size();
                after = ids.get(ids.size() - 1);
            }
            for (Future<?> batch : inFlight) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } finally {
            workers.shutdownNow();
        }
        transaction.executeWithoutResult(status -> resolveReferences());
        jdbc.queryForObject("SELECT nextval('catalogue_generation')", new MapSqlParameterSource(), Long.class);
        serviceIndex.refreshIfChanged();
        serviceSearch.refreshIfChanged();
        return published;
    }

    private void publish(List<UUID> ids) {
        List<UUID> entityIds = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        jdbc.query("SELECT id, entity_type, document::text AS document FROM entity WHERE id = ANY(:ids) ORDER BY id",
                new MapSqlParameterSource("ids", SqlArrays.of("uuid", ids)), row -> {
                    JsonNode document = read(row.getString("document"));
                    entityIds.add(row.getObject("id", UUID.class));
                    facts.add(write(entryFacts.facts(row.getString("entity_type"), document)));
                });
        jdbc.update(UPSERT, new MapSqlParameterSource("ids", SqlArrays.of("uuid", entityIds))
                .addValue("facts", SqlArrays.of("text", facts))
                .addValue("now", Timestamp.from(Instant.now())));
    }

    private void resolveReferences() {
        jdbc.update(RESOLVE.formatted("organization", "organization"), new MapSqlParameterSource());
        jdbc.update(RESOLVE.formatted("service", "service"), new MapSqlParameterSource());
        jdbc.update(RESOLVE.formatted("location", "location"), new MapSqlParameterSource());
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
