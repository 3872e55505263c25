package fi.tarjotin.source.toimeksi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.FetchedRecord;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.http.ResilientHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads one Toimeksi network site (pohjoissavolaiset.fi, toimeksi.fi, …) through the WordPress REST API:
 * organisations ({@code tm_organization}) and activities ({@code tm_activity}), filtered by the site's
 * region and municipality terms, ordered by modification. Each item's term ids are resolved to names
 * (see {@link WordPressTerms}) and stored with it under {@value #TERMS}, so the mapping works with names
 * and a renamed term changes the record. An activity's places (its ACF location rows) become locations
 * linked to it; an organisation an activity names that the filtered listing did not return is fetched
 * by id.
 *
 * <p>Incremental runs ask for {@code modified_after} the given time. WordPress does not list deleted or
 * unpublished posts anywhere, so they are retired by the next full run, which sees that they are gone;
 * so is the location of a row removed from an activity.
 */
final class ToimeksiFetcher implements SourceFetcher {

    static final String REST_PATH = "/wp-json/wp/v2/";
    /** The payload member the fetcher adds: the item's terms by taxonomy, as {@code [{id, name, slug}]}. */
    private static final String TERMS = "_terms";
    // ASSUMED ACF field names (no public source shows tm_activity's fields); see mappings/toimeksi/service.jsonata.
    private static final String ORGANIZATION_FIELD = "organization";
    private static final String LOCATIONS_FIELD = "activity_location";
    private static final String LOCATION_MAP_FIELD = "activity_location_map";

    private final ResilientHttpClient http;
    private final WordPressAnswers answers;
    private final WordPressPages pages;
    private final URI baseUrl;
    private final List<String> regions;
    private final List<String> municipalities;
    private final int perPage;

    ToimeksiFetcher(ResilientHttpClient http, ObjectMapper json, URI baseUrl, List<String> regions,
            List<String> municipalities, int perPage, int maxPages) {
        this.http = http;
        this.answers = new WordPressAnswers(json);
        this.pages = new WordPressPages(http, answers, maxPages);
        this.baseUrl = baseUrl;
        this.regions = List.copyOf(regions);
        this.municipalities = List.copyOf(municipalities);
        this.perPage = perPage;
    }

    @Override
    public String source() {
        return ToimeksiConfiguration.SOURCE;
    }

    @Override
    public String version() {
        return "wp/v2";
    }

    @Override
    public String mappingSet() {
        return ToimeksiConfiguration.SOURCE;
    }

    @Override
    public void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws IOException, InterruptedException {
        Run run = new Run(sink, new WordPressTerms(http, answers, baseUrl));
        Map<String, String> query = run.filters();
        if (changesSince != null) {
            // UTC with its zone, which WordPress converts to the site's time; whole seconds, rounded down.
            query.put("modified_after", changesSince.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        run.list(PostType.ORGANIZATION, query);
        run.list(PostType.ACTIVITY, query);
        run.fillInOrganizations(changesSince != null);
    }

    /** The post types read, and the record kind each becomes. */
    private enum PostType {
        ORGANIZATION("tm_organization", RecordKind.ORGANIZATION),
        ACTIVITY("tm_activity", RecordKind.SERVICE);

        final String path;
        final RecordKind kind;

        PostType(String path, RecordKind kind) {
            this.path = path;
            this.kind = kind;
        }
    }

    private URI listingUri(PostType type, Map<String, String> query, int page) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(baseUrl).path(REST_PATH + type.path)
                .queryParam("per_page", perPage).queryParam("page", page)
                .queryParam("orderby", "modified").queryParam("order", "asc");
        query.forEach(builder::queryParam);
        return builder.build().encode().toUri();
    }

    private String recordUrl(PostType type, String id) {
        return UriComponentsBuilder.fromUri(baseUrl).path(REST_PATH + type.path + "/" + id).build().toUriString();
    }

    /** The post's id as text, or null when it has no positive integer id (or is no object at all). */
    private static String postId(JsonNode item) {
        JsonNode id = item.path("id");
        return item.isObject() && id.isIntegralNumber() && id.asLong() > 0 ? id.asText() : null;
    }

    /** The activity's organisation: ASSUMED to be an ACF post-object field holding the post id. */
    private static String organizationOf(JsonNode activity) {
        JsonNode organization = activity.path("acf").path(ORGANIZATION_FIELD);
        return organization.isIntegralNumber() && organization.asLong() > 0 ? organization.asText() : null;
    }

    /** {@code modified_gmt} is UTC without a zone ({@code 2024-05-02T10:15:00}). */
    private static Instant modifiedAt(JsonNode item) {
        String text = item.path("modified_gmt").asText(null);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The state of one run: its terms, what it has seen and which organisations activities name. */
    private final class Run {

        private final ImportSink sink;
        private final WordPressTerms terms;
        private final Set<String> organizationsSeen = new LinkedHashSet<>();
        private final Set<String> organizationsNamed = new TreeSet<>();

        Run(ImportSink sink, WordPressTerms terms) {
            this.sink = sink;
            this.terms = terms;
        }

        /**
         * The term filters of the listings. With both regions and municipalities configured an item in
         * either is read ({@code tax_relation=OR}; WordPress would otherwise require both).
         */
        Map<String, String> filters() throws IOException, InterruptedException {
            Map<String, String> query = new LinkedHashMap<>();
            addFilter(query, "tm_sote-alue", regions, "regions");
            addFilter(query, "tm_municipality", municipalities, "municipalities");
            if (query.size() > 1) {
                query.put("tax_relation", "OR");
            }
            return query;
        }

        private void addFilter(Map<String, String> query, String taxonomy, List<String> names, String property)
                throws IOException, InterruptedException {
            Set<Long> ids = new TreeSet<>();
            for (String name : names) {
                ids.addAll(terms.idsNamed(taxonomy, name, ToimeksiConfiguration.PREFIX + property));
            }
            if (!ids.isEmpty()) {
                query.put(taxonomy, ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
            }
        }

        void list(PostType type, Map<String, String> query) throws IOException, InterruptedException {
            pages.readAll(page -> listingUri(type, query, page), sink,
                    (location, items) -> sink.page(records(type, location, items)));
        }

        /**
         * Organisations that activities name but the filtered listing did not return (a national
         * organisation's local activity), by id; in an incremental run only those the catalogue lacks.
         */
        void fillInOrganizations(boolean incremental) throws IOException, InterruptedException {
            Set<String> missing = new TreeSet<>(organizationsNamed);
            missing.removeAll(organizationsSeen);
            if (incremental && !missing.isEmpty()) {
                missing.removeAll(sink.knownIds(RecordKind.ORGANIZATION, missing));
            }
            List<String> ids = new ArrayList<>(missing);
            for (int start = 0; start < ids.size(); start += perPage) {
                String include = String.join(",", ids.subList(start, Math.min(ids.size(), start + perPage)));
                list(PostType.ORGANIZATION, Map.of("include", include));
            }
        }

        private List<FetchedRecord> records(PostType type, URI location, List<JsonNode> items)
                throws IOException, InterruptedException {
            terms.lookUp(items);
            List<FetchedRecord> records = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                String id = postId(item);
                if (id == null) {
                    sink.reject(type.kind, null, item.isObject() ? "item has no numeric id" : "item is not a JSON object",
                            location.toString(), item.toString());
                    continue;
                }
                ((ObjectNode) item).set(TERMS, terms.of(item));
                String url = recordUrl(type, id);
                records.add(new FetchedRecord(type.kind, id, item, modifiedAt(item), url));
                if (type == PostType.ORGANIZATION) {
                    organizationsSeen.add(id);
                } else {
                    String organization = organizationOf(item);
                    if (organization != null) {
                        organizationsNamed.add(organization);
                    }
                    records.addAll(places(id, item, url));
                }
            }
            return records;
        }

        /**
         * An activity's places: each ACF location row with a map becomes a location ({@code <activity
         * id>/<row number>}) and the link of the activity to it (the same id).
         */
        private List<FetchedRecord> places(String activityId, JsonNode activity, String url) {
            JsonNode rows = activity.path("acf").path(LOCATIONS_FIELD);
            List<FetchedRecord> records = new ArrayList<>();
            if (!rows.isArray()) {
                return records;
            }
            Instant modifiedAt = modifiedAt(activity);
            for (int row = 0; row < rows.size(); row++) {
                if (!rows.get(row).path(LOCATION_MAP_FIELD).isObject()) {
                    continue;
                }
                String placeId = activityId + "/" + (row + 1);
                ObjectNode place = JsonNodeFactory.instance.objectNode();
                place.put("activity", activity.path("id").asLong());
                place.put("row", row + 1);
                JsonNode organization = activity.path("acf").path(ORGANIZATION_FIELD);
                if (!organization.isMissingNode()) {
                    place.set(ORGANIZATION_FIELD, organization);
                }
                place.set(LOCATIONS_FIELD, rows.get(row));
                ObjectNode link = JsonNodeFactory.instance.objectNode();
                link.put("service", activityId);
                link.put("location", placeId);
                records.add(new FetchedRecord(RecordKind.LOCATION, placeId, place, modifiedAt, url));
                records.add(new FetchedRecord(RecordKind.SERVICE_AT_LOCATION, placeId, link, modifiedAt, url));
            }
            return records;
        }
    }
}
