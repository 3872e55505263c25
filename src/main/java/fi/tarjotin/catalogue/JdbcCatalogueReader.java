package fi.tarjotin.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.SqlArrays;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the published catalogue ({@code catalogue_entry}): pages of filtered entries, single entries,
 * facet counts, and a stream of everything for mirroring. Filters are built only from bound parameters.
 */
@Repository
public class JdbcCatalogueReader {

    private static final String COLUMNS = """
            c.entity_id, c.entity_type, c.status, c.last_modified, c.assured_date, e.assured_by, c.organization_id,
            c.service_id, c.location_id, c.successor_id, e.document::text AS document""";
    // The document is the entity's own; this join is the only way documents reach the public API.
    private static final String ENTRIES = "catalogue_entry c JOIN entity e ON e.id = c.entity_id";
    /** The one member of the model that holds everything private; see {@code PrivateDetails}. */
    private static final String PRIVATE_DETAILS = "privateDetails";

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final Taxonomies taxonomies;
    private final ServiceIndex services;
    private final ServiceSearch search;
    private final ObjectMapper json;
    private final GenerationCache<List<String>, List<UUID>> searchMatches;
    private final GenerationCache<CatalogueFilter, ServiceIndex.Facets> facets;

    JdbcCatalogueReader(NamedParameterJdbcTemplate jdbc, DataSource dataSource, Taxonomies taxonomies,
            ServiceIndex services, ServiceSearch search, ObjectMapper json,
            @Value("${tarjotin.api.query-cache-size:2000}") int queryCacheSize) {
        this.jdbc = jdbc;
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        // PostgreSQL streams rows in batches of the fetch size only inside a transaction (see forEach).
        cursor.setFetchSize(500);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.taxonomies = taxonomies;
        this.services = services;
        this.search = search;
        this.json = json;
        this.searchMatches = new GenerationCache<>(services::generation, queryCacheSize);
        this.facets = new GenerationCache<>(services::generation, queryCacheSize);
    }

    /**
     * One page (1-based) of entries of a type that pass the filter, and how many pass in all, by SQL: for
     * the change feed, organisations and services at locations. Active services are paged faster through
     * {@link #activeServiceIds}.
     */
    public EntryPage list(String entityType, CatalogueFilter filter, int page, int perPage) {
        Query query = query(entityType, filter);
        long total = jdbc.queryForObject("SELECT count(*) " + query.from(), query.parameters(), Long.class);
        List<CatalogueEntry> entries = total <= (long) (page - 1) * perPage ? List.of() : jdbc.query(
                "SELECT " + COLUMNS + " " + query.from() + " ORDER BY " + query.order() + " LIMIT :limit OFFSET :offset",
                new MapSqlParameterSource(query.parameters().getValues()).addValue("limit", perPage)
                        .addValue("offset", (long) (page - 1) * perPage), this::entry);
        return new EntryPage(entries, total);
    }

    /**
     * Every entry of a type that passes the filter, in listing order, handed over one at a time while the
     * rows stream from the database (a cursor, so memory stays flat for the whole catalogue).
     */
    @Transactional(readOnly = true)
    public void forEach(String entityType, CatalogueFilter filter, Consumer<CatalogueEntry> consumer) {
        Query query = query(entityType, filter);
        streaming.query("SELECT " + COLUMNS + " " + query.from() + " ORDER BY " + query.order(), query.parameters(),
                row -> {
                    consumer.accept(entry(row, 0));
                });
    }

    public Optional<CatalogueEntry> find(String entityType, UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + ENTRIES + " WHERE c.entity_id = :id AND c.entity_type = :type",
                new MapSqlParameterSource("id", id).addValue("type", entityType), this::entry).stream().findFirst();
    }

    /**
     * Entries by id, active or not, in no particular order. Null ids (unresolved references) and repeats
     * are ignored, so callers can pass the references of a page as they are.
     */
    public Map<UUID, CatalogueEntry> findAll(Collection<UUID> ids) {
        Map<UUID, CatalogueEntry> entries = new LinkedHashMap<>();
        Set<UUID> wanted = new HashSet<>(ids);
        wanted.remove(null);
        if (!wanted.isEmpty()) {
            jdbc.query("SELECT " + COLUMNS + " FROM " + ENTRIES + " WHERE c.entity_id = ANY(:ids)",
                    new MapSqlParameterSource("ids", SqlArrays.of("uuid", wanted)), this::entry)
                    .forEach(entry -> entries.put(entry.entityId(), entry));
        }
        return entries;
    }

    /** Entries of one type by id, active or not, in no particular order; ids of other types are left out. */
    public Map<UUID, CatalogueEntry> findAll(String entityType, Collection<UUID> ids) {
        Map<UUID, CatalogueEntry> entries = new LinkedHashMap<>();
        Set<UUID> wanted = new HashSet<>(ids);
        wanted.remove(null);
        if (!wanted.isEmpty()) {
            jdbc.query("SELECT " + COLUMNS + " FROM " + ENTRIES + " WHERE c.entity_id = ANY(:ids) AND c.entity_type = :type",
                    new MapSqlParameterSource("ids", SqlArrays.of("uuid", wanted)).addValue("type", entityType),
                    this::entry).forEach(entry -> entries.put(entry.entityId(), entry));
        }
        return entries;
    }

    /**
     * The stored detail of an entity in a language (Flyway V16), when it is current on {@code today}: its bytes as
     * the API answers them, without reading the document. Empty when no entry of the type has the id; the body is
     * null when there is no current copy (not rendered yet, or a freshness flag in it has turned since).
     */
    public Optional<StoredDetail> storedDetail(String entityType, UUID id, String language, LocalDate today) {
        return jdbc.query("""
                SELECT c.successor_id, d.body, d.etag, d.nested_length FROM catalogue_entry c
                  LEFT JOIN catalogue_detail d ON d.entity_id = c.entity_id AND d.language = :language
                       AND d.rendered_on <= :today AND (d.fresh_until IS NULL OR d.fresh_until > :today)
                 WHERE c.entity_id = :id AND c.entity_type = :type""",
                new MapSqlParameterSource("id", id).addValue("type", entityType).addValue("language", language)
                        .addValue("today", java.sql.Date.valueOf(today)),
                (row, number) -> new StoredDetail(row.getObject("successor_id", UUID.class),
                        // A text column's bytes as the server sent them: UTF-8, nothing decoded.
                        row.getBytes("body"), row.getString("etag"), (Integer) row.getObject("nested_length")))
                .stream().findFirst();
    }

    /** The active entries of a type that point to the given entity (services of an organisation, links of a service). */
    public List<CatalogueEntry> activeReferrers(String entityType, String referenceColumn, UUID target) {
        String column = switch (referenceColumn) {
            case "organization_id", "service_id", "location_id" -> referenceColumn;
            default -> throw new IllegalArgumentException("not a reference column: " + referenceColumn);
        };
        return jdbc.query("SELECT " + COLUMNS + " FROM " + ENTRIES + " WHERE c.entity_type = :type AND c." + column
                + " = :target AND c.status = 'active' ORDER BY c.sort_name, c.entity_id",
                new MapSqlParameterSource("type", entityType).addValue("target", target), this::entry);
    }

    /**
     * The active entries of a type that point to any of the targets, by target, each list in listing order:
     * the links of a page of services, or the services of a page of organisations, in one query.
     */
    public Map<UUID, List<CatalogueEntry>> activeReferrers(String entityType, String referenceColumn,
            Collection<UUID> targets) {
        String column = switch (referenceColumn) {
            case "organization_id", "service_id", "location_id" -> referenceColumn;
            default -> throw new IllegalArgumentException("not a reference column: " + referenceColumn);
        };
        Map<UUID, List<CatalogueEntry>> byTarget = new LinkedHashMap<>();
        Set<UUID> wanted = new HashSet<>(targets);
        wanted.remove(null);
        if (wanted.isEmpty()) {
            return byTarget;
        }
        jdbc.query("SELECT " + COLUMNS + ", c." + column + " AS target FROM " + ENTRIES + " WHERE c.entity_type = :type AND c."
                + column + " = ANY(:targets) AND c.status = 'active' ORDER BY c.sort_name, c.entity_id",
                new MapSqlParameterSource("type", entityType).addValue("targets", SqlArrays.of("uuid", wanted)),
                (row, number) -> byTarget.computeIfAbsent(row.getObject("target", UUID.class), key -> new ArrayList<>())
                        .add(entry(row, number)));
        return byTarget;
    }

    /**
     * Services with everything their details nest, in one query (one round trip is most of what a detail
     * costs the database): each service by id (active or not), its active services at locations in listing
     * order, and the locations and organisations these point to. Ids that are no service are left out.
     */
    public ServiceParts servicesWithParts(Collection<UUID> ids) {
        Map<UUID, CatalogueEntry> services = new LinkedHashMap<>();
        Map<UUID, List<CatalogueEntry>> links = new HashMap<>();
        Map<UUID, CatalogueEntry> related = new HashMap<>();
        Set<UUID> wanted = new HashSet<>(ids);
        wanted.remove(null);
        if (wanted.isEmpty()) {
            return new ServiceParts(services, links, related);
        }
        jdbc.query("""
                WITH services AS (
                     SELECT entity_id, organization_id FROM catalogue_entry
                      WHERE entity_id = ANY(:ids) AND entity_type = 'service'),
                links AS (
                     SELECT entity_id, location_id FROM catalogue_entry
                      WHERE service_id = ANY(:ids) AND entity_type = 'service_at_location' AND status = 'active'),
                parts AS (
                     SELECT entity_id, 0 AS part FROM services
                     UNION ALL SELECT entity_id, 1 FROM links
                     UNION SELECT location_id, 2 FROM links WHERE location_id IS NOT NULL
                     UNION SELECT organization_id, 2 FROM services WHERE organization_id IS NOT NULL)
                SELECT p.part, %s FROM parts p JOIN %s ON c.entity_id = p.entity_id
                 ORDER BY p.part, c.sort_name, c.entity_id""".formatted(COLUMNS, ENTRIES),
                new MapSqlParameterSource("ids", SqlArrays.of("uuid", wanted)), row -> {
                    CatalogueEntry entry = entry(row, 0);
                    switch (row.getInt("part")) {
                        case 0 -> services.put(entry.entityId(), entry);
                        case 1 -> links.computeIfAbsent(entry.serviceId(), service -> new ArrayList<>()).add(entry);
                        default -> related.put(entry.entityId(), entry);
                    }
                });
        return new ServiceParts(services, links, related);
    }

    /**
     * Where a postcode is, from the catalogue's own located addresses (no postal-code area data set is
     * shipped): the centroid of the active locations with that postal code, and the municipality most of
     * them are in (their address's, else the one municipality a location is offered in: PTV addresses
     * name none). Empty when no located address has the postcode.
     */
    public Optional<PostcodeArea> postcodeArea(String postcode) {
        return jdbc.query("""
                SELECT avg(latitude) AS latitude, avg(longitude) AS longitude, count(*) AS locations,
                       mode() WITHIN GROUP (ORDER BY coalesce(address_municipality,
                           CASE WHEN cardinality(municipalities) = 1 THEN municipalities[1] END)) AS municipality
                  FROM catalogue_entry
                 WHERE entity_type = 'location' AND latitude IS NOT NULL AND postal_code = :postcode
                   AND status = 'active'
                HAVING count(*) > 0""", new MapSqlParameterSource("postcode", postcode),
                (row, number) -> new PostcodeArea(postcode, new Point(row.getDouble("latitude"), row.getDouble("longitude")),
                        row.getString("municipality"), row.getInt("locations"))).stream().findFirst();
    }

    /**
     * One page of active services at locations passing the filter, nearest to the point first, with their
     * distances in metres; with {@code withinMetres}, only those at most that far (those without a located
     * location are left out), without it every match, those without a place last. With
     * {@code coveringMunicipality}, only those whose service is offered there.
     */
    public NearPage servicesAtLocationsNear(CatalogueFilter filter, Point point, Double withinMetres,
            String coveringMunicipality, int page, int perPage) {
        Query query = query("service_at_location", filter);
        StringBuilder from = new StringBuilder(query.from());
        MapSqlParameterSource parameters = new MapSqlParameterSource(query.parameters().getValues())
                .addValue("latitude", point.latitude()).addValue("longitude", point.longitude());
        String distance = """
                2 * %s * asin(sqrt(power(sin(radians(l.latitude - :latitude) / 2), 2)
                  + cos(radians(:latitude)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - :longitude) / 2), 2)))"""
                .formatted(Point.EARTH_RADIUS_METRES);
        if (withinMetres != null) {
            // A box around the circle first (index on latitude), then the exact great-circle distance.
            double latitudeSpan = Math.toDegrees(withinMetres / Point.EARTH_RADIUS_METRES);
            double cosine = Math.cos(Math.toRadians(Math.min(89.0, Math.abs(point.latitude()) + latitudeSpan)));
            double longitudeSpan = Math.min(180.0, latitudeSpan / Math.max(cosine, 1e-6));
            from.append(" AND l.entity_type = 'location' AND l.latitude IS NOT NULL"
                    + " AND l.latitude BETWEEN :minLatitude AND :maxLatitude"
                    + " AND l.longitude BETWEEN :minLongitude AND :maxLongitude AND ").append(distance)
                    .append(" <= :within");
            parameters.addValue("minLatitude", point.latitude() - latitudeSpan)
                    .addValue("maxLatitude", point.latitude() + latitudeSpan)
                    .addValue("minLongitude", point.longitude() - longitudeSpan)
                    .addValue("maxLongitude", point.longitude() + longitudeSpan).addValue("within", withinMetres);
        }
        if (coveringMunicipality != null) {
            from.append(" AND (s.coverage = 'whole-country'");
            if (!taxonomies.isAland(coveringMunicipality)) {
                from.append(" OR s.coverage = 'whole-country-except-aland'");
            }
            from.append(" OR s.municipalities && :coveringMunicipality)");
            parameters.addValue("coveringMunicipality", SqlArrays.of("text", List.of(coveringMunicipality)));
        }
        long total = jdbc.queryForObject("SELECT count(*) " + from, parameters, Long.class);
        Map<UUID, Double> distances = new HashMap<>();
        // The page is chosen on ids and distances alone; only its rows' documents are then read.
        List<CatalogueEntry> entries = total <= (long) (page - 1) * perPage ? List.of() : jdbc.query(
                "SELECT " + COLUMNS + ", near.distance FROM (SELECT c.entity_id AS id, " + distance + " AS distance, "
                        + "row_number() OVER (ORDER BY " + distance + " NULLS LAST, " + query.order() + ") AS position "
                        + from + " ORDER BY position LIMIT :limit OFFSET :offset) near"
                        + " JOIN " + ENTRIES + " ON c.entity_id = near.id ORDER BY near.position",
                parameters.addValue("limit", perPage).addValue("offset", (long) (page - 1) * perPage),
                (row, number) -> {
                    CatalogueEntry entry = entry(row, number);
                    double metres = row.getDouble("distance");
                    if (!row.wasNull()) {
                        distances.put(entry.entityId(), metres);
                    }
                    return entry;
                });
        return new NearPage(entries, distances, total);
    }

    /**
     * Counts of active services per activity category, need and municipality for a filter; each
     * dimension is counted without its own filter (see {@link ServiceIndex#facets}).
     */
    public ServiceIndex.Facets serviceFacets(CatalogueFilter filter) {
        return facets.get(filter, key -> services.facets(key, key.searches() ? searchMatches(key) : null));
    }

    /**
     * The ids of one page of active services passing the filter (no change-feed bound), in list order,
     * and how many pass in all: for callers that keep rendered services and need to read only the rest.
     */
    public IdPage activeServiceIds(CatalogueFilter filter, int page, int perPage) {
        List<UUID> ids;
        long total;
        if (filter.searches()) {
            ServiceIndex.Selection selection = services.select(filter, null);
            List<UUID> ranked = searchMatches(filter).stream().filter(selection::contains).toList();
            total = ranked.size();
            int from = (int) Math.min(ranked.size(), (long) (page - 1) * perPage);
            ids = ranked.subList(from, Math.min(ranked.size(), from + perPage));
        } else {
            ServiceIndex.Selection selection = services.select(filter, null);
            total = selection.size();
            ids = selection.page(page, perPage);
        }
        return new IdPage(ids, total, services.generation());
    }

    /**
     * Active services matching the search words, best first (rank, then name), from the in-process
     * {@link ServiceSearch}. Kept per word list until the catalogue changes, since trays repeat words.
     */
    private List<UUID> searchMatches(CatalogueFilter filter) {
        return searchMatches.get(filter.searchWords(), search::search);
    }

    private Query query(String entityType, CatalogueFilter filter) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("type", entityType);
        boolean changeFeed = filter.modifiedAfter() != null;
        StringBuilder from = new StringBuilder("FROM " + ENTRIES);
        // A service-at-location is found through its service: the three clicks and search describe services.
        String subject = "c";
        if ("service_at_location".equals(entityType)) {
            // Its place is its location's (l: unused joins on the key are removed by the planner).
            from.append(" JOIN catalogue_entry s ON s.entity_id = c.service_id"
                    + " LEFT JOIN catalogue_entry l ON l.entity_id = c.location_id");
            subject = "s";
        }
        from.append(" WHERE c.entity_type = :type");
        if (!changeFeed) {
            from.append(" AND c.status = 'active'");
            if (!"c".equals(subject)) {
                from.append(" AND ").append(subject).append(".status = 'active'");
            }
        } else {
            from.append(" AND c.last_modified >= :modifiedAfter");
            parameters.addValue("modifiedAfter", Timestamp.from(filter.modifiedAfter()));
        }
        if ("organization".equals(entityType)) {
            organizationServiceFilters(filter, from, parameters);
        } else {
            arrayFilter(from, parameters, subject + ".categories", "categories", filter.categories());
            arrayFilter(from, parameters, subject + ".needs", "needs", filter.needs());
            arrayFilter(from, parameters, subject + ".languages", "serviceLanguages", filter.serviceLanguages());
        }
        if (!filter.municipalities().isEmpty()) {
            boolean anyOutsideAland = filter.municipalities().stream().anyMatch(code -> !taxonomies.isAland(code));
            from.append(" AND (").append(subject).append(".coverage = 'whole-country'");
            if (anyOutsideAland) {
                from.append(" OR ").append(subject).append(".coverage = 'whole-country-except-aland'");
            }
            from.append(" OR ").append(subject).append(".municipalities && :municipalities)");
            parameters.addValue("municipalities", SqlArrays.of("text", filter.municipalities()));
        }
        if (filter.organizationId() != null) {
            from.append(" AND ").append("organization".equals(entityType) ? "c.entity_id" : subject + ".organization_id")
                    .append(" = :organizationId");
            parameters.addValue("organizationId", filter.organizationId());
        }
        String order;
        if (filter.searches()) {
            from.append(" AND ").append(subject).append(".search_vector @@ catalogue_search_query(:words)");
            parameters.addValue("words", SqlArrays.of("text", filter.searchWords()));
            order = "ts_rank_cd(" + subject + ".search_vector, catalogue_search_query(:words)) DESC, c.sort_name, c.entity_id";
        } else if (changeFeed) {
            order = "c.last_modified, c.entity_id";
        } else {
            order = "c.sort_name, c.entity_id";
        }
        return new Query(from.toString(), order, parameters);
    }

    /** An organisation matches categories and needs when one of its active services matches them all. */
    private static void organizationServiceFilters(CatalogueFilter filter, StringBuilder from,
            MapSqlParameterSource parameters) {
        if (filter.categories().isEmpty() && filter.needs().isEmpty() && filter.serviceLanguages().isEmpty()) {
            return;
        }
        from.append(" AND EXISTS (SELECT 1 FROM catalogue_entry os WHERE os.entity_type = 'service'"
                + " AND os.status = 'active' AND os.organization_id = c.entity_id");
        arrayFilter(from, parameters, "os.categories", "categories", filter.categories());
        arrayFilter(from, parameters, "os.needs", "needs", filter.needs());
        arrayFilter(from, parameters, "os.languages", "serviceLanguages", filter.serviceLanguages());
        from.append(")");
    }

    private static void arrayFilter(StringBuilder from, MapSqlParameterSource parameters, String column,
            String parameter, List<String> values) {
        if (!values.isEmpty()) {
            from.append(" AND ").append(column).append(" && :").append(parameter);
            parameters.addValue(parameter, SqlArrays.of("text", values));
        }
    }

    /** An entry with its public document: the private details are removed here, before anyone sees it. */
    private CatalogueEntry entry(ResultSet row, int rowNumber) throws SQLException {
        ObjectNode document;
        try {
            document = (ObjectNode) json.readTree(row.getString("document"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("entity " + row.getString("entity_id") + " has no JSON document", e);
        }
        document.remove(PRIVATE_DETAILS);
        Timestamp lastModified = row.getTimestamp("last_modified");
        java.sql.Date assured = row.getDate("assured_date");
        return new CatalogueEntry(row.getObject("entity_id", UUID.class), row.getString("entity_type"),
                row.getString("status"), lastModified.toInstant(), assured == null ? null : assured.toLocalDate(),
                row.getString("assured_by"), row.getObject("organization_id", UUID.class),
                row.getObject("service_id", UUID.class), row.getObject("location_id", UUID.class),
                row.getObject("successor_id", UUID.class), document);
    }

    private record Query(String from, String order, MapSqlParameterSource parameters) {
    }

    public record EntryPage(List<CatalogueEntry> entries, long total) {
    }

    /**
     * Services and what their details nest: their links by service id (listing order), and the locations and
     * organisations the services and links point to, by id.
     */
    public record ServiceParts(Map<UUID, CatalogueEntry> services, Map<UUID, List<CatalogueEntry>> links,
            Map<UUID, CatalogueEntry> related) {
    }

    /**
     * What a detail request needs before anything is rendered: the successor of a merged entity, and the stored
     * copy's bytes and ETag (null when there is no current copy); for a service, how many bytes of it a service at
     * a location nests.
     */
    public record StoredDetail(UUID successorId, byte[] body, String etag, Integer nestedLength) {
    }

    /** A WGS84 point. */
    public record Point(double latitude, double longitude) {
        /** The mean Earth radius (IUGG), for great-circle distances. */
        public static final double EARTH_RADIUS_METRES = 6_371_008.8;
    }

    /** Where the catalogue's located addresses with a postcode are: their centroid, and their municipality. */
    public record PostcodeArea(String postcode, Point centroid, String municipality, int locations) {
    }

    /** A page of entries with the distance of each located one from the point asked about, in metres. */
    public record NearPage(List<CatalogueEntry> entries, Map<UUID, Double> distances, long total) {
    }

    /** A page of ids, and the catalogue generation they were selected at. */
    public record IdPage(List<UUID> ids, long total, long generation) {
    }
}
