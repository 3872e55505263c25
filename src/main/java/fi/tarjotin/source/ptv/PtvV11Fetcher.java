package fi.tarjotin.source.ptv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads PTV's open v11 API: id lists per area (with {@code date} for incremental runs), then the full
 * records in batches of 100 through {@code /list?guids=}. v11 embeds a service's locations in the
 * service, so each service also yields its service-at-location records. v11 cannot filter by service
 * class on the server, so services of other classes are counted as skipped here.
 */
final class PtvV11Fetcher implements SourceFetcher {

    private static final int GUIDS_PER_REQUEST = 100;
    private static final DateTimeFormatter V11_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final List<String> GONE_STATUSES = List.of("Archived", "Withdrawn");

    private final PtvPages pages;
    private final URI baseUrl;
    private final PtvScope scope;

    PtvV11Fetcher(ResilientHttpClient http, ObjectMapper json, URI baseUrl, PtvScope scope) {
        this.pages = new PtvPages(http, json, Map.of());
        this.baseUrl = baseUrl;
        this.scope = scope;
    }

    @Override
    public String source() {
        return PtvConfiguration.SOURCE;
    }

    @Override
    public String version() {
        return "v11";
    }

    @Override
    public String mappingSet() {
        return "ptv/v11";
    }

    @Override
    public void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws IOException, InterruptedException {
        Run run = new Run(changesSince, sink);
        run.details("Service", RecordKind.SERVICE, run.idsInScope("Service"));
        run.details("ServiceChannel", RecordKind.LOCATION, run.withReferences(run.idsInScope("ServiceChannel"),
                RecordKind.LOCATION, run.referencedChannels));
        run.details("Organization", RecordKind.ORGANIZATION, run.withReferences(run.idsInScope("Organization"),
                RecordKind.ORGANIZATION, run.referencedOrganizations));
        if (changesSince != null) {
            run.archived("Organization", RecordKind.ORGANIZATION);
            run.archived("Service", RecordKind.SERVICE);
            run.archived("ServiceChannel", RecordKind.LOCATION);
        }
    }

    private URI uri(String path, Map<String, String> parameters, int page) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(baseUrl).path("/api/v11/" + path);
        parameters.forEach(builder::queryParam);
        if (page > 0) {
            builder.queryParam("page", page);
        }
        return builder.build().encode().toUri();
    }

    private static Instant modified(JsonNode item) {
        String text = item.path("modified").asText(null);
        if (text == null) {
            return null;
        }
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The state of one run. */
    private final class Run {

        private final Instant changesSince;
        private final ImportSink sink;
        private final Set<String> referencedChannels = new LinkedHashSet<>();
        private final Set<String> referencedOrganizations = new LinkedHashSet<>();

        Run(Instant changesSince, ImportSink sink) {
            this.changesSince = changesSince;
            this.sink = sink;
        }

        /** Ids of the type in the scope's areas (changed since the last run, when incremental). */
        Set<String> idsInScope(String type) throws IOException, InterruptedException {
            Map<String, String> filters = changesSince == null ? Map.of()
                    : Map.of("date", V11_DATE.format(changesSince.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)));
            Set<String> ids = new LinkedHashSet<>();
            if (scope.national()) {
                readIds(List.of(type), filters, ids);
                return ids;
            }
            Map<String, String> areaFilters = new LinkedHashMap<>(filters);
            areaFilters.put("includeWholeCountry", Boolean.toString(scope.includeWholeCountry()));
            List<String> paths = new ArrayList<>();
            scope.municipalities().forEach(code -> paths.add(type + "/area/Municipality/code/" + code));
            scope.wellbeingServicesCounties().forEach(code -> paths.add(type + "/area/WellbeingServicesCounties/code/" + code));
            readIds(paths, areaFilters, ids);
            return ids;
        }

        /** Adds the records in-scope services point to; in an incremental run only those not yet stored. */
        List<String> withReferences(Set<String> ids, RecordKind kind, Set<String> references) {
            Set<String> missing = new LinkedHashSet<>(references);
            missing.removeAll(ids);
            if (changesSince != null && !missing.isEmpty()) {
                missing.removeAll(sink.knownIds(kind, missing));
            }
            Set<String> all = new LinkedHashSet<>(ids);
            all.addAll(missing);
            return new ArrayList<>(all);
        }

        void details(String type, RecordKind kind, Set<String> ids) throws IOException, InterruptedException {
            details(type, kind, new ArrayList<>(ids));
        }

        void details(String type, RecordKind kind, List<String> ids) throws IOException, InterruptedException {
            List<URI> batches = PtvQuery.chunks(ids, GUIDS_PER_REQUEST).stream()
                    .map(batch -> uri(type + "/list", Map.of("guids", String.join(",", batch)), 0)).toList();
            sink.pagesPlanned(batches.size());
            pages.readEach(batches, sink, (location, items) -> {
                if (!items.isArray()) {
                    sink.unreadablePage(location.toString(), "not a JSON array", items.toString());
                    return;
                }
                sink.page(records(type, kind, location, items));
            });
        }

        void archived(String type, RecordKind kind) throws IOException, InterruptedException {
            String since = V11_DATE.format(changesSince.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
            for (String status : GONE_STATUSES) {
                Set<String> ids = new LinkedHashSet<>();
                readIds(List.of(type), Map.of("status", status, "date", since), ids);
                sink.archived(kind, ids);
            }
        }

        private void readIds(List<String> paths, Map<String, String> filters, Set<String> ids)
                throws IOException, InterruptedException {
            List<IntFunction<URI>> listings = paths.stream()
                    .<IntFunction<URI>>map(path -> page -> uri(path, filters, page)).toList();
            pages.readAll(listings, "itemList", "pageCount", sink, (location, items) -> {
                items.forEach(item -> {
                    String id = item.path("id").asText(null);
                    if (id != null && !id.isBlank()) {
                        ids.add(id);
                    }
                });
                sink.page(List.of());
            });
        }

        private List<FetchedRecord> records(String type, RecordKind kind, URI location, JsonNode items) {
            List<FetchedRecord> records = new ArrayList<>();
            for (JsonNode item : items) {
                String id = item.path("id").asText(null);
                if (!item.isObject() || id == null || id.isBlank()) {
                    sink.reject(kind, null, "item has no id", location.toString(), item.toString());
                    continue;
                }
                String url = uri(type + "/" + id, Map.of(), 0).toString();
                if (kind == RecordKind.SERVICE && !inServiceClassScope(item)) {
                    sink.skipped(1);
                    continue;
                }
                records.add(new FetchedRecord(kind, id, item, modified(item), url));
                if (kind == RecordKind.SERVICE) {
                    records.addAll(connections(id, item, url));
                    item.path("organizations").forEach(role -> {
                        if ("Responsible".equals(role.path("roleType").asText())) {
                            addReference(referencedOrganizations, role.path("organization").path("id"));
                        }
                    });
                } else if (kind == RecordKind.LOCATION) {
                    addReference(referencedOrganizations, item.path("organizationId"));
                }
            }
            return records;
        }

        private boolean inServiceClassScope(JsonNode service) {
            List<String> codes = new ArrayList<>();
            service.path("serviceClasses").forEach(serviceClass -> {
                if (serviceClass.path("code").isTextual()) {
                    codes.add(serviceClass.path("code").asText());
                }
            });
            return scope.includesServiceClassOf(codes);
        }

        /** v11 keeps a service's locations inside it; each becomes its own service-at-location record. */
        private List<FetchedRecord> connections(String serviceId, JsonNode service, String serviceUrl) {
            List<FetchedRecord> connections = new ArrayList<>();
            for (JsonNode connection : service.path("serviceChannels")) {
                String channelId = connection.path("serviceChannel").path("id").asText(null);
                if (channelId == null || channelId.isBlank()) {
                    sink.reject(RecordKind.SERVICE_AT_LOCATION, null, "service channel link has no serviceChannel.id",
                            serviceUrl, connection.toString());
                    continue;
                }
                ObjectNode payload = ((ObjectNode) connection.deepCopy()).put("serviceId", serviceId);
                referencedChannels.add(channelId);
                connections.add(new FetchedRecord(RecordKind.SERVICE_AT_LOCATION, serviceId + "/" + channelId,
                        payload, modified(connection), serviceUrl));
            }
            return connections;
        }

        private static void addReference(Set<String> references, JsonNode id) {
            if (id.isTextual() && !id.asText().isBlank()) {
                references.add(id.asText());
            }
        }
    }
}
