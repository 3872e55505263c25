package fi.tarjotin.catalogue;

import fi.tarjotin.model.Taxonomies;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
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
 * The active services' filter values in memory, one bit set per code: the three clicks, facet counts and
 * paging become bit operations instead of reading thousands of rows. Each service has an ordinal, its
 * position in name order, so the set bits of a filter are already the sorted result.
 *
 * <p>The index is rebuilt from the read model whenever the catalogue's generation moves (the publisher
 * advances it after every publish, on any instance); this instance's own publishes refresh it at once,
 * others' within {@code tarjotin.api.index-refresh-interval} (route {@code service-index-follows-catalogue}).
 */
@Component
public class ServiceIndex {

    private static final Logger log = LoggerFactory.getLogger(ServiceIndex.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final Taxonomies taxonomies;
    private volatile Snapshot snapshot;

    ServiceIndex(NamedParameterJdbcTemplate jdbc, Taxonomies taxonomies) {
        this.jdbc = jdbc;
        this.taxonomies = taxonomies;
    }

    /** Loads the index again if the read model changed since it was loaded. */
    public synchronized void refreshIfChanged() {
        try {
            long generation = currentGeneration();
            if (snapshot == null || snapshot.generation != generation) {
                snapshot = load(generation);
            }
        } catch (RuntimeException e) {
            log.warn("Could not refresh the service index; the previous one stays in use: {}", e.toString());
        }
    }

    /**
     * The services that pass the filter's code filters (search and change-feed bounds excluded), as
     * ordinals; {@code within} (ids from a search) narrows it further when not null.
     */
    public Selection select(CatalogueFilter filter, Collection<UUID> within) {
        Snapshot current = current();
        return new Selection(current, current.matching(filter, within, null));
    }

    /**
     * Counts per category, need and municipality, each dimension without its own filter, plus the total
     * with all filters. Same semantics as {@link #select}.
     */
    public Facets facets(CatalogueFilter filter, Collection<UUID> within) {
        Snapshot current = current();
        BitSet all = current.matching(filter, within, null);
        Map<String, Long> categories = sortedCounts(current.words(current.categories),
                current.matching(filter, within, Dimension.CATEGORY).toLongArray());
        Map<String, Long> needs = sortedCounts(current.words(current.needs),
                current.matching(filter, within, Dimension.NEED).toLongArray());
        long[] forMunicipalities = current.matching(filter, within, Dimension.MUNICIPALITY).toLongArray();
        long everywhere = intersectionSize(current.wholeCountry.toLongArray(), forMunicipalities);
        long exceptAland = intersectionSize(current.wholeCountryExceptAland.toLongArray(), forMunicipalities);
        Map<String, long[]> municipalityWords = current.words(current.municipalities);
        Map<String, Long> municipalities = new LinkedHashMap<>();
        for (String code : taxonomies.municipalityCodes().stream().sorted().toList()) {
            long[] limited = municipalityWords.get(code);
            long count = (limited == null ? 0 : intersectionSize(limited, forMunicipalities)) + everywhere
                    + (taxonomies.isAland(code) ? 0 : exceptAland);
            if (count > 0) {
                municipalities.put(code, count);
            }
        }
        return new Facets(all.cardinality(), categories, needs, municipalities);
    }

    /** The catalogue generation the index was loaded at: results computed from it are valid while it holds. */
    public long generation() {
        return current().generation;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null) {
            refreshIfChanged();
            current = snapshot;
        }
        if (current == null) {
            throw new IllegalStateException("the service index could not be loaded");
        }
        return current;
    }

    private long currentGeneration() {
        // A new sequence reports last_value 1 before its first nextval (is_called false), and 1 after it.
        Long generation = jdbc.queryForObject(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM catalogue_generation",
                new MapSqlParameterSource(), Long.class);
        return generation == null ? 0 : generation;
    }

    private Snapshot load(long generation) {
        List<UUID> ids = new ArrayList<>();
        Snapshot loading = new Snapshot(generation);
        jdbc.query("""
                SELECT entity_id, organization_id, categories, needs, municipalities, coverage, languages
                  FROM catalogue_entry WHERE entity_type = 'service' AND status = 'active'
                 ORDER BY sort_name, entity_id""", new MapSqlParameterSource(), row -> {
                    int ordinal = ids.size();
                    ids.add(row.getObject("entity_id", UUID.class));
                    loading.all.set(ordinal);
                    UUID organization = row.getObject("organization_id", UUID.class);
                    if (organization != null) {
                        loading.organizations.computeIfAbsent(organization, key -> new BitSet()).set(ordinal);
                    }
                    mark(loading.categories, row.getArray("categories"), ordinal);
                    mark(loading.needs, row.getArray("needs"), ordinal);
                    mark(loading.municipalities, row.getArray("municipalities"), ordinal);
                    mark(loading.languages, row.getArray("languages"), ordinal);
                    switch (row.getString("coverage")) {
                        case "whole-country" -> loading.wholeCountry.set(ordinal);
                        case "whole-country-except-aland" -> loading.wholeCountryExceptAland.set(ordinal);
                        default -> {
                            // limited: its municipalities are marked above
                        }
                    }
                });
        loading.ids = ids.toArray(UUID[]::new);
        for (int ordinal = 0; ordinal < loading.ids.length; ordinal++) {
            loading.ordinals.put(loading.ids[ordinal], ordinal);
        }
        log.debug("Service index loaded: {} active services (generation {})", ids.size(), generation);
        return loading;
    }

    private static void mark(Map<String, BitSet> index, Array codes, int ordinal) throws SQLException {
        for (Object code : (Object[]) codes.getArray()) {
            index.computeIfAbsent((String) code, key -> new BitSet()).set(ordinal);
        }
    }

    private static Map<String, Long> sortedCounts(Map<String, long[]> index, long[] selection) {
        List<Map.Entry<String, Long>> counts = new ArrayList<>();
        index.forEach((code, members) -> {
            long count = intersectionSize(members, selection);
            if (count > 0) {
                counts.add(Map.entry(code, count));
            }
        });
        counts.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** |a ∧ b| without building the intersection: facets take hundreds of these per request. */
    private static long intersectionSize(long[] left, long[] right) {
        long count = 0;
        for (int i = Math.min(left.length, right.length) - 1; i >= 0; i--) {
            count += Long.bitCount(left[i] & right[i]);
        }
        return count;
    }

    private enum Dimension {
        CATEGORY, NEED, MUNICIPALITY
    }

    /** One loaded state of the index; never changed after loading. */
    private final class Snapshot {
        final long generation;
        final BitSet all = new BitSet();
        final Map<String, BitSet> categories = new HashMap<>();
        final Map<String, BitSet> needs = new HashMap<>();
        final Map<String, BitSet> municipalities = new HashMap<>();
        final Map<String, BitSet> languages = new HashMap<>();
        final Map<UUID, BitSet> organizations = new HashMap<>();
        final BitSet wholeCountry = new BitSet();
        final BitSet wholeCountryExceptAland = new BitSet();
        final Map<UUID, Integer> ordinals = new HashMap<>();
        UUID[] ids = new UUID[0];

        private final Map<Map<String, BitSet>, Map<String, long[]>> words = new java.util.IdentityHashMap<>();

        Snapshot(long generation) {
            this.generation = generation;
        }

        /** The sets of an index as words (long arrays), made once per snapshot for counting. */
        synchronized Map<String, long[]> words(Map<String, BitSet> index) {
            return words.computeIfAbsent(index, sets -> {
                Map<String, long[]> asWords = new HashMap<>();
                sets.forEach((code, members) -> asWords.put(code, members.toLongArray()));
                return asWords;
            });
        }

        /** The services passing every filter except the one of {@code ignored} (null: all filters). */
        BitSet matching(CatalogueFilter filter, Collection<UUID> within, Dimension ignored) {
            BitSet result = (BitSet) all.clone();
            if (within != null) {
                BitSet found = new BitSet();
                within.forEach(id -> {
                    Integer ordinal = ordinals.get(id);
                    if (ordinal != null) {
                        found.set(ordinal);
                    }
                });
                result.and(found);
            }
            if (ignored != Dimension.CATEGORY) {
                result.and(anyOf(categories, filter.categories()));
            }
            if (ignored != Dimension.NEED) {
                result.and(anyOf(needs, filter.needs()));
            }
            if (ignored != Dimension.MUNICIPALITY && !filter.municipalities().isEmpty()) {
                BitSet offered = anyOf(municipalities, filter.municipalities());
                offered.or(wholeCountry);
                if (filter.municipalities().stream().anyMatch(code -> !taxonomies.isAland(code))) {
                    offered.or(wholeCountryExceptAland);
                }
                result.and(offered);
            }
            result.and(anyOf(languages, filter.serviceLanguages()));
            if (filter.organizationId() != null) {
                result.and(organizations.getOrDefault(filter.organizationId(), new BitSet()));
            }
            return result;
        }

        /** The union of the codes' sets; no codes means no filter (everything). */
        private BitSet anyOf(Map<String, BitSet> index, List<String> codes) {
            if (codes.isEmpty()) {
                return all;
            }
            BitSet union = new BitSet();
            codes.forEach(code -> {
                BitSet members = index.get(code);
                if (members != null) {
                    union.or(members);
                }
            });
            return union;
        }
    }

    /** The services a filter selected, in name order. */
    public static final class Selection {
        private final Snapshot snapshot;
        private final BitSet ordinals;

        private Selection(Snapshot snapshot, BitSet ordinals) {
            this.snapshot = snapshot;
            this.ordinals = ordinals;
        }

        public int size() {
            return ordinals.cardinality();
        }

        public boolean contains(UUID id) {
            Integer ordinal = snapshot.ordinals.get(id);
            return ordinal != null && ordinals.get(ordinal);
        }

        /** The ids of one page (1-based), in name order. */
        public List<UUID> page(int page, int perPage) {
            List<UUID> ids = new ArrayList<>(perPage);
            long skip = (long) (page - 1) * perPage;
            for (int ordinal = ordinals.nextSetBit(0); ordinal >= 0 && ids.size() < perPage;
                    ordinal = ordinals.nextSetBit(ordinal + 1)) {
                if (skip-- <= 0) {
                    ids.add(snapshot.ids[ordinal]);
                }
            }
            return ids;
        }
    }

    /** Facet counts: needs and categories by count (largest first) then code, municipalities by code. */
    public record Facets(long total, Map<String, Long> categories, Map<String, Long> needs,
            Map<String, Long> municipalities) {
    }
}
