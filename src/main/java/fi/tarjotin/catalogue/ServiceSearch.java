package fi.tarjotin.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.language.Morphology;
import fi.tarjotin.search.SearchDocument;
import fi.tarjotin.search.TextIndex;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The services' texts in an in-process {@link TextIndex}, fed from the read model: the {@code search}
 * parameter of {@code /services} ranks here instead of in PostgreSQL, which at a tray's load (a different
 * word in nearly every request) spent most of two cores ranking matches. The index follows the read
 * model's generation like {@link ServiceIndex}: after a publish it reads only the entries published since
 * its last look (with their entity documents) and replaces or drops them.
 */
@Component
public class ServiceSearch {

    private static final Logger log = LoggerFactory.getLogger(ServiceSearch.class);
    /**
     * Entries published this long before the newest one seen are read again: a publish that began earlier
     * may commit later, and reading an entry twice costs little.
     */
    private static final Duration OVERLAP = Duration.ofHours(1);

    private final NamedParameterJdbcTemplate jdbc;
    private final CatalogueEntryFacts entryFacts;
    private final ServiceIndex services;
    private final ObjectMapper json;
    /** Ids as UUIDs, parsed once per index snapshot: a common word returns thousands of ids per search. */
    private final TextIndex<UUID> index;
    private long indexedGeneration = Long.MIN_VALUE;
    private Instant newestPublished;

    ServiceSearch(NamedParameterJdbcTemplate jdbc, CatalogueEntryFacts entryFacts, ServiceIndex services,
            ObjectMapper json, Morphology morphology) {
        this.jdbc = jdbc;
        this.entryFacts = entryFacts;
        this.services = services;
        this.json = json;
        this.index = new TextIndex<>(morphology, UUID::fromString);
    }

    @PreDestroy
    void close() {
        index.close();
    }

    /** Active services matching every word, most relevant first. */
    public List<UUID> search(List<String> words) {
        if (indexedGeneration != services.generation()) {
            refreshIfChanged();
        }
        return index.search(words);
    }

    /**
     * Brings the index up to the read model's current generation; on an error the previous index stays. Also
     * run once at start-up (route {@code search-index-build-at-startup}), so the first searches need not wait.
     */
    public synchronized void refreshIfChanged() {
        long generation = services.generation();
        if (generation == indexedGeneration) {
            return;
        }
        try {
            long started = System.nanoTime();
            Instant since = newestPublished == null ? Instant.EPOCH : newestPublished.minus(OVERLAP);
            List<SearchDocument> active = new ArrayList<>();
            List<String> inactive = new ArrayList<>();
            Instant[] newest = {newestPublished};
            jdbc.query("""
                    SELECT c.entity_id, c.status, c.sort_name, c.published_at, e.document::text AS document
                      FROM catalogue_entry c JOIN entity e ON e.id = c.entity_id
                     WHERE c.entity_type = 'service' AND c.published_at >= :since""",
                    new MapSqlParameterSource("since", Timestamp.from(since)), row -> {
                        String id = row.getString("entity_id");
                        Instant published = row.getTimestamp("published_at").toInstant();
                        if (newest[0] == null || published.isAfter(newest[0])) {
                            newest[0] = published;
                        }
                        if ("active".equals(row.getString("status"))) {
                            active.add(document(id, row.getString("sort_name"), row.getString("document")));
                        } else {
                            inactive.add(id);
                        }
                    });
            index.remove(inactive);
            index.put(active);
            index.refresh();
            newestPublished = newest[0];
            indexedGeneration = generation;
            log.debug("Search index: {} services read in {} ms, {} indexed", active.size() + inactive.size(),
                    (System.nanoTime() - started) / 1_000_000, index.size());
        } catch (RuntimeException e) {
            log.warn("Could not refresh the search index; the previous one stays in use: {}", e.toString());
        }
    }

    private SearchDocument document(String id, String sortName, String documentText) {
        JsonNode document;
        try {
            document = json.readTree(documentText);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("entity " + id + " has a document that is not JSON", e);
        }
        JsonNode texts = entryFacts.facts("service", document).path("texts");
        Map<String, Map<String, String>> byWeight = new LinkedHashMap<>();
        texts.fields().forEachRemaining(weight -> {
            Map<String, String> byLanguage = new LinkedHashMap<>();
            weight.getValue().fields().forEachRemaining(text -> byLanguage.put(text.getKey(), text.getValue().asText()));
            byWeight.put(weight.getKey(), byLanguage);
        });
        return new SearchDocument(id, sortName == null ? "" : sortName, byWeight);
    }
}
