package fi.tarjotin.source.ptv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.FetchedRecord;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.http.ResilientHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads PTV's v12 API. Organisations, services and service locations come from the search endpoints
 * filtered by the scope's area (and services by service class); the service-location links from
 * {@code /connection/search}; a location or organisation that an in-scope service points to but the area
 * search did not return (a channel with no area, a national organisation) is fetched by id. Incremental
 * runs add {@code publishedAtOrAfter} and read the archived lists, which retire records at once.
 */
final class PtvV12Fetcher implements SourceFetcher {

    private static final int MAX_VALUES_PER_FILTER = 20;

    private final PtvPages pages;
    private final URI baseUrl;
    private final PtvScope scope;
    private final int pageSize;

    PtvV12Fetcher(ResilientHttpClient http, ObjectMapper json, URI baseUrl, String apiKey, PtvScope scope,
            int pageSize) {
        this.pages = new PtvPages(http, json, Map.of("x-api-key", apiKey));
        this.baseUrl = baseUrl;
        this.scope = scope;
        this.pageSize = pageSize;
    }

    @Override
    public String source() {
        return PtvConfiguration.SOURCE;
    }

    @Override
    public String version() {
        return "v12";
    }

    @Override
    public String mappingSet() {
        return "ptv/v12";
    }

    @Override
    public void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws IOException, InterruptedException {
        Run run = new Run(changesSince, sink);
        List<PtvQuery> serviceQueries = new ArrayList<>();
        for (PtvQuery area : areaQueries()) {
            serviceClassQueries().forEach(classes -> serviceQueries.add(area.and(classes)));
        }
        run.search("organization", RecordKind.ORGANIZATION, areaQueries());
        run.search("service", RecordKind.SERVICE, serviceQueries);
        run.search("service-channel", RecordKind.LOCATION, areaQueries());
        run.connections();
        run.fillIn("service-channel", RecordKind.LOCATION);
        run.fillIn("organization", RecordKind.ORGANIZATION);
        if (changesSince != null) {
            run.archived("organization", RecordKind.ORGANIZATION);
            run.archived("service", RecordKind.SERVICE);
            run.archived("service-channel", RecordKind.LOCATION);
        }
    }

    /** Area filters: one query per 20 municipalities or counties, plus the whole-country services. */
    private List<PtvQuery> areaQueries() {
        if (scope.national()) {
            return List.of(PtvQuery.NONE);
        }
        List<PtvQuery> queries = new ArrayList<>();
        PtvQuery limited = PtvQuery.of("areaType", "LimitedArea");
        for (List<String> codes : PtvQuery.chunks(scope.municipalities(), MAX_VALUES_PER_FILTER)) {
            queries.add(limited.and("municipalities", codes).and("municipalitiesMatch", List.of("any")));
        }
        for (List<String> codes : PtvQuery.chunks(scope.wellbeingServicesCounties(), MAX_VALUES_PER_FILTER)) {
            queries.add(limited.and("wellbeingServicesCounties", codes)
                    .and("wellbeingServicesCountiesMatch", List.of("any")));
        }
        if (scope.includeWholeCountry()) {
            queries.add(PtvQuery.of("areaType", "WholeCountry"));
            queries.add(PtvQuery.of("areaType", "WholeCountryExceptAland"));
        }
        return queries;
    }

    private List<PtvQuery> serviceClassQueries() {
        if (scope.serviceClasses().isEmpty()) {
            return List.of(PtvQuery.NONE);
        }
        List<String> codes = scope.serviceClasses().stream().sorted().toList();
        return PtvQuery.chunks(codes, MAX_VALUES_PER_FILTER).stream()
                .map(chunk -> PtvQuery.of("serviceClassesMatch", "any").and("serviceClasses", chunk)).toList();
    }

    private URI uri(String path, PtvQuery query, int page) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(baseUrl).path("/api/v12/" + path)
                .queryParam("page", page).queryParam("pageSize", pageSize);
        query.parameters().forEach((name, values) -> builder.queryParam(name, values.toArray()));
        return builder.build().encode().toUri();
    }

    private String recordUrl(String path, String id) {
        return UriComponentsBuilder.fromUri(baseUrl).path("/api/v12/" + path + "/" + id).build().toUriString();
    }

    private static Instant publishedAt(JsonNode item) {
        String text = item.path("publishedAt").asText(null);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The state of one run: what it has seen and what in-scope records point to. */
    private final class Run {

        private final Instant changesSince;
        private final ImportSink sink;
        private final Map<RecordKind, Set<String>> seen = new EnumMap<>(RecordKind.class);
        private final Set<String> referencedOrganizations = new LinkedHashSet<>();
        private final Set<String> referencedChannels = new LinkedHashSet<>();

        Run(Instant changesSince, ImportSink sink) {
            this.changesSince = changesSince;
            this.sink = sink;
            for (RecordKind kind : RecordKind.values()) {
                seen.put(kind, new LinkedHashSet<>());
            }
        }

        void search(String path, RecordKind kind, List<PtvQuery> filters) throws IOException, InterruptedException {
            List<IntFunction<URI>> listings = new ArrayList<>();
            for (PtvQuery filter : filters) {
                PtvQuery query = changesSince == null ? filter
                        : filter.and("publishedAtOrAfter", List.of(changesSince.toString()));
                listings.add(page -> uri(path + "/search", query, page));
            }
            pages.readAll(listings, "items", "totalPages", sink,
                    (location, items) -> sink.page(records(path, kind, location, items)));
        }

        /** Links of in-scope services to their locations. */
        void connections() throws IOException, InterruptedException {
            if (changesSince == null) {
                List<String> services = new ArrayList<>(seen.get(RecordKind.SERVICE));
                List<IntFunction<URI>> listings = new ArrayList<>();
                for (List<String> ids : PtvQuery.chunks(services, MAX_VALUES_PER_FILTER)) {
                    PtvQuery query = PtvQuery.NONE.and("serviceContentIds", ids);
                    listings.add(page -> uri("connection/search", query, page));
                }
                pages.readAll(listings, "items", "totalPages", sink, (location, items) ->
                        sink.page(records("connection", RecordKind.SERVICE_AT_LOCATION, location, items)));
                return;
            }
            PtvQuery query = PtvQuery.of("publishedAtOrAfter", changesSince.toString());
            pages.readAll(page -> uri("connection/search", query, page), "items", "totalPages", sink,
                    (location, items) -> sink.page(connectionsOfKnownServices(location, items)));
        }

        /** Fetches by id the records that in-scope records point to but no search returned. */
        void fillIn(String path, RecordKind kind) throws IOException, InterruptedException {
            Set<String> missing = new LinkedHashSet<>(kind == RecordKind.LOCATION ? referencedChannels
                    : referencedOrganizations);
            missing.removeAll(seen.get(kind));
            if (changesSince != null && !missing.isEmpty()) {
                missing.removeAll(sink.knownIds(kind, missing));
            }
            List<URI> documents = missing.stream().map(id -> URI.create(recordUrl(path, id))).toList();
            List<FetchedRecord> batch = new ArrayList<>();
            pages.readEach(documents, sink, (location, item) -> {
                batch.addAll(records(path, kind, location, wrap(item)));
                if (batch.size() >= pageSize) {
                    pageOf(batch);
                }
            });
            if (!batch.isEmpty()) {
                pageOf(batch);
            }
        }

        /** Hands over records fetched one by one as one page. */
        private void pageOf(List<FetchedRecord> batch) {
            sink.pagesPlanned(1);
            sink.page(List.copyOf(batch));
            batch.clear();
        }

        void archived(String path, RecordKind kind) throws IOException, InterruptedException {
            PtvQuery query = PtvQuery.of("archivedAtOrAfter", changesSince.toString());
            pages.readAll(page -> uri(path + "/archived", query, page), "items", "totalPages", sink,
                    (location, items) -> {
                        List<String> ids = new ArrayList<>();
                        items.forEach(item -> {
                            String id = item.path("contentId").asText(null);
                            if (id != null) {
                                ids.add(id);
                            }
                        });
                        sink.archived(kind, ids);
                        sink.page(List.of());
                    });
        }

        private List<FetchedRecord> connectionsOfKnownServices(URI location, JsonNode items) {
            List<FetchedRecord> records = records("connection", RecordKind.SERVICE_AT_LOCATION, location, items);
            Set<String> services = new LinkedHashSet<>();
            records.forEach(record -> services.add(serviceOf(record)));
            services.removeAll(seen.get(RecordKind.SERVICE));
            Set<String> known = services.isEmpty() ? Set.of() : sink.knownIds(RecordKind.SERVICE, services);
            List<FetchedRecord> inScope = records.stream()
                    .filter(record -> seen.get(RecordKind.SERVICE).contains(serviceOf(record))
                            || known.contains(serviceOf(record)))
                    .toList();
            sink.skipped(records.size() - inScope.size());
            return inScope;
        }

        private String serviceOf(FetchedRecord connection) {
            return connection.payload().path("serviceContentId").asText();
        }

        private List<FetchedRecord> records(String path, RecordKind kind, URI location, JsonNode items) {
            List<FetchedRecord> records = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                String id = kind == RecordKind.SERVICE_AT_LOCATION ? connectionId(item) : item.path("contentId").asText(null);
                if (!item.isObject() || id == null || id.isBlank()) {
                    String what = kind == RecordKind.SERVICE_AT_LOCATION ? "serviceContentId and channelContentId"
                            : "contentId";
                    sink.reject(kind, null, "item has no " + what, location.toString(), item.toString());
                    continue;
                }
                seen.get(kind).add(id);
                switch (kind) {
                    case SERVICE, LOCATION -> addReference(referencedOrganizations, item, "organizationContentId");
                    case SERVICE_AT_LOCATION -> addReference(referencedChannels, item, "channelContentId");
                    default -> {
                    }
                }
                String url = kind == RecordKind.SERVICE_AT_LOCATION ? recordUrl("connection", id) : recordUrl(path, id);
                records.add(new FetchedRecord(kind, id, item, publishedAt(item), url));
            }
            return records;
        }

        private static void addReference(Set<String> references, JsonNode item, String field) {
            String id = item.path(field).asText(null);
            if (id != null && !id.isBlank()) {
                references.add(id);
            }
        }

        private static String connectionId(JsonNode item) {
            String service = item.path("serviceContentId").asText(null);
            String channel = item.path("channelContentId").asText(null);
            return service == null || channel == null ? null : service + "/" + channel;
        }

        private static JsonNode wrap(JsonNode item) {
            return JsonNodeFactory.instance.arrayNode().add(item);
        }
    }
}
