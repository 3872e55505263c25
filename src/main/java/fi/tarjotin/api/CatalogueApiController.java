package fi.tarjotin.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import fi.tarjotin.api.ApiParameters.Place;
import fi.tarjotin.api.ApiParameters.Shape;
import fi.tarjotin.api.TaxonomyTerms.Term;
import fi.tarjotin.api.TaxonomyTerms.Vocabulary;
import fi.tarjotin.catalogue.CatalogueEntry;
import fi.tarjotin.catalogue.CatalogueFilter;
import fi.tarjotin.catalogue.GenerationCache;
import fi.tarjotin.catalogue.JdbcCatalogueReader.EntryPage;
import fi.tarjotin.catalogue.JdbcCatalogueReader.IdPage;
import fi.tarjotin.catalogue.JdbcCatalogueReader.NearPage;
import fi.tarjotin.catalogue.JdbcCatalogueReader.Point;
import fi.tarjotin.catalogue.JdbcCatalogueReader.PostcodeArea;
import fi.tarjotin.catalogue.JdbcCatalogueReader.ServiceParts;
import fi.tarjotin.catalogue.JdbcCatalogueReader.StoredDetail;
import fi.tarjotin.catalogue.JdbcCatalogueReader;
import fi.tarjotin.catalogue.ServiceIndex.Facets;
import fi.tarjotin.catalogue.ServiceIndex;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public catalogue in the shape of the HSDS 3.0 API, with the Tarjotin profile: services,
 * organisations, services at locations, taxonomies and terms, facet counts for the three clicks, and a
 * change feed ({@code modified_after}, {@code format=ndjson}). The contract is {@code /openapi.json}.
 */
@RestController
class CatalogueApiController {

    static final String NDJSON = "application/x-ndjson";
    private static final Set<String> LIST_PARAMETERS = Set.of("page", "per_page", "search", "need", "category",
            "municipality", "taxonomy_term_id", "organization_id", "modified_after", "language", "service_language",
            "format");
    // Each list's own parameters of the HSDS 3.0 API reference, besides the common ones above.
    private static final Set<String> SERVICE_LIST_PARAMETERS = union(LIST_PARAMETERS, "taxonomy_id", "minimal", "full");
    private static final Set<String> ORGANIZATION_LIST_PARAMETERS = union(LIST_PARAMETERS, "full", "full_service");
    private static final Set<String> SERVICE_AT_LOCATION_LIST_PARAMETERS = union(LIST_PARAMETERS, "taxonomy_id", "full",
            "postcode", "proximity", "latitude", "longitude");
    private static final Set<String> FACET_PARAMETERS = Set.of("search", "need", "category", "municipality",
            "taxonomy_term_id", "organization_id", "language", "service_language");
    private static final Set<String> DETAIL_PARAMETERS = Set.of("language");
    // full is accepted for clients that send it to every organisation call: a detail is always full.
    private static final Set<String> ORGANIZATION_DETAIL_PARAMETERS = Set.of("language", "full_service", "full");
    private static final Set<String> TAXONOMY_PARAMETERS = Set.of("page", "per_page", "language", "search", "format");
    private static final Set<String> TERM_PARAMETERS = Set.of("page", "per_page", "language", "taxonomy_id",
            "parent_id", "top_only", "search", "format");
    /** Rows read per query when a list of services at locations near a place is streamed. */
    private static final int NEAR_STREAM_PAGE = 500;

    private final JdbcCatalogueReader catalogue;
    private final HsdsDocuments hsds;
    private final HsdsDetails details;
    private final TaxonomyTerms terms;
    private final ApiProperties properties;
    private final ObjectMapper json;
    private final GenerationCache<String, String> renderedListItems;

    CatalogueApiController(JdbcCatalogueReader catalogue, HsdsDocuments hsds, HsdsDetails details, TaxonomyTerms terms,
            ApiProperties properties, ObjectMapper json, ServiceIndex serviceIndex) {
        this.catalogue = catalogue;
        this.hsds = hsds;
        this.details = details;
        this.terms = terms;
        this.properties = properties;
        this.json = json;
        this.renderedListItems = new GenerationCache<>(serviceIndex::generation, properties.renderedCacheSize());
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode about(HttpServletRequest request) {
        ApiParameters.of(request.getParameterMap(), Set.of(), properties);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        ObjectNode about = json.createObjectNode();
        about.put("version", "3.0");
        about.put("profile", base + "/profile");
        about.put("openapi_url", base + "/openapi.json");
        about.put("description", "Tarjotin: the merged catalogue of wellbeing services, activities and organisations "
                + "for hyvinvointitarjotin frontends (Open Referral HSDS 3.0 with the Tarjotin profile).");
        return about;
    }

    // ---- services -------------------------------------------------------------------------------------

    @GetMapping(path = "/services", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    Object services(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), SERVICE_LIST_PARAMETERS, properties);
        String language = parameters.language();
        CatalogueFilter filter = parameters.filter(terms);
        Shape shape = parameters.shape();
        if (ndjson(parameters, request)) {
            stream(request, response, "service", filter, entry -> switch (shape) {
                case MINIMAL -> hsds.serviceMinimal(entry, language);
                case LIST -> hsds.serviceListItem(entry, null, language);
                case FULL -> details.services(List.of(entry.entityId()), language).get(0);
            });
            return null;
        }
        if (filter.modifiedAfter() == null && shape == Shape.LIST) {
            IdPage page = catalogue.activeServiceIds(filter, parameters.page(), parameters.perPage());
            ObjectNode body = pageHeader(page.total(), page.ids().size(), parameters);
            ArrayNode contents = body.putArray("contents");
            renderedServices(page.ids(), language).forEach(item -> contents.addRawValue(new RawValue(item)));
            return body;
        }
        EntryPage page;
        if (filter.modifiedAfter() == null) {
            IdPage ids = catalogue.activeServiceIds(filter, parameters.page(), parameters.perPage());
            Map<UUID, CatalogueEntry> found = catalogue.findAll(ids.ids());
            page = new EntryPage(ids.ids().stream().map(found::get).filter(entry -> entry != null).toList(), ids.total());
        } else {
            page = catalogue.list("service", filter, parameters.page(), parameters.perPage());
        }
        ObjectNode body = pageHeader(page.total(), page.entries().size(), parameters);
        ArrayNode contents = body.putArray("contents");
        switch (shape) {
            case MINIMAL -> page.entries().forEach(entry -> contents.add(hsds.serviceMinimal(entry, language)));
            case FULL -> contents.addAll(details.services(page.entries().stream().map(CatalogueEntry::entityId).toList(),
                    language));
            case LIST -> {
                Map<UUID, CatalogueEntry> organizations = organizationsOf(page.entries());
                page.entries().forEach(entry -> contents.add(hsds.serviceListItem(entry,
                        organizations.get(entry.organizationId()), language)));
            }
        }
        return body;
    }

    /**
     * How many active services each choice of the three clicks would give, for the filters given: each
     * dimension is counted without its own filter, so its other values show what choosing them would add.
     */
    @GetMapping(path = "/services/facets", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode serviceFacets(HttpServletRequest request) {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), FACET_PARAMETERS, properties);
        String language = parameters.language();
        Facets facets = catalogue.serviceFacets(parameters.filter(terms));
        ObjectNode body = json.createObjectNode();
        body.put("total_items", facets.total());
        body.set("categories", facetValues(Vocabulary.CATEGORY, facets.categories(), language));
        body.set("needs", facetValues(Vocabulary.NEED, facets.needs(), language));
        body.set("municipalities", facetValues(Vocabulary.MUNICIPALITY, facets.municipalities(), language));
        return body;
    }

    @GetMapping(path = "/services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> service(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        StoredDetail stored = storedDetail("service", id, language);
        if (stored.body() != null) {
            return storedBody(request, stored);
        }
        UUID serviceId = ApiParameters.parseUuid("id", id);
        ServiceParts parts = catalogue.servicesWithParts(List.of(serviceId));
        CatalogueEntry service = parts.services().get(serviceId);
        if (service == null) {
            throw new NotFoundException("service", id);
        }
        if (service.successorId() != null) {
            throw new MergedEntityException("services", service.entityId(), service.successorId());
        }
        return ResponseEntity.ok(details.service(service, parts, language));
    }

    // ---- organisations --------------------------------------------------------------------------------

    @GetMapping(path = "/organizations", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    Object organizations(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), ORGANIZATION_LIST_PARAMETERS, properties);
        String language = parameters.language();
        CatalogueFilter filter = parameters.filter(terms);
        // HSDS full_service: the full organisation, with its services as full as their details.
        boolean fullServices = parameters.flag("full_service");
        boolean full = fullServices || parameters.flag("full");
        if (ndjson(parameters, request)) {
            stream(request, response, "organization", filter, entry -> full
                    ? details.organizations(List.of(entry), fullServices, language).get(0)
                    : hsds.organizationListItem(entry, language));
            return null;
        }
        EntryPage page = catalogue.list("organization", filter, parameters.page(), parameters.perPage());
        if (!full) {
            return envelope(page, parameters, entry -> hsds.organizationListItem(entry, language));
        }
        ObjectNode body = pageHeader(page.total(), page.entries().size(), parameters);
        body.putArray("contents").addAll(details.organizations(page.entries(), fullServices, language));
        return body;
    }

    @GetMapping(path = "/organizations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> organization(@PathVariable String id, HttpServletRequest request) {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), ORGANIZATION_DETAIL_PARAMETERS, properties);
        String language = parameters.language();
        boolean fullServices = parameters.flag("full_service");
        parameters.flag("full"); // checked, and always so: a detail is the full organisation
        if (!fullServices) {
            StoredDetail stored = storedDetail("organization", id, language);
            if (stored.body() != null) {
                return storedBody(request, stored);
            }
        }
        return ResponseEntity.ok(details.organizations(List.of(find("organization", id)), fullServices, language).get(0));
    }

    // ---- services at locations ------------------------------------------------------------------------

    @GetMapping(path = "/service_at_locations", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    Object servicesAtLocations(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), SERVICE_AT_LOCATION_LIST_PARAMETERS,
                properties);
        String language = parameters.language();
        CatalogueFilter filter = parameters.filter(terms);
        boolean full = parameters.flag("full");
        Place place = parameters.place();
        if (place != null) {
            return servicesAtLocationsNear(request, response, parameters, filter, place, full, language);
        }
        if (ndjson(parameters, request)) {
            stream(request, response, "service_at_location", filter, entry -> full
                    ? servicesAtLocationDetails(List.of(entry), language).get(0)
                    : hsds.serviceAtLocation(entry, null, null, language));
            return null;
        }
        EntryPage page = catalogue.list("service_at_location", filter, parameters.page(), parameters.perPage());
        ObjectNode body = pageHeader(page.total(), page.entries().size(), parameters);
        body.putArray("contents").addAll(full ? servicesAtLocationDetails(page.entries(), language)
                : servicesAtLocationItems(page.entries(), language));
        return body;
    }

    /**
     * Services at locations around a place, nearest first, each with {@code tarjotin.distance} (metres) when
     * its location has coordinates. A postcode's point is the centroid of the catalogue's located addresses
     * with it; a postcode without {@code proximity} also keeps only services offered in its municipality
     * (HSDS: "the postcode exists within the service_area").
     */
    private Object servicesAtLocationsNear(HttpServletRequest request, HttpServletResponse response,
            ApiParameters parameters, CatalogueFilter filter, Place place, boolean full, String language)
            throws HttpMediaTypeNotAcceptableException {
        Point point;
        String coveringMunicipality = null;
        if (place.postcode() != null) {
            PostcodeArea area = catalogue.postcodeArea(place.postcode()).orElseThrow(() -> new InvalidParameterException(
                    "postcode", "'" + place.postcode() + "' is the postal code of no located address in the catalogue,"
                    + " so where it is is not known; give latitude and longitude instead"));
            point = area.centroid();
            if (place.proximityMetres() == null) {
                coveringMunicipality = area.municipality();
            }
        } else {
            point = new Point(place.latitude(), place.longitude());
        }
        String municipality = coveringMunicipality;
        Function<NearPage, List<ObjectNode>> render = near -> {
            List<ObjectNode> items = full ? servicesAtLocationDetails(near.entries(), language)
                    : servicesAtLocationItems(near.entries(), language);
            for (int index = 0; index < items.size(); index++) {
                Double metres = near.distances().get(near.entries().get(index).entityId());
                if (metres != null) {
                    ((ObjectNode) items.get(index).path(HsdsDocuments.EXTENSION)).put("distance", Math.round(metres));
                }
            }
            return items;
        };
        if (ndjson(parameters, request)) {
            writeLines(request, response, out -> {
                for (int number = 1; ; number++) {
                    NearPage near = catalogue.servicesAtLocationsNear(filter, point, place.proximityMetres(),
                            municipality, number, NEAR_STREAM_PAGE);
                    for (ObjectNode item : render.apply(near)) {
                        out.accept(item);
                    }
                    if ((long) number * NEAR_STREAM_PAGE >= near.total()) {
                        return;
                    }
                }
            });
            return null;
        }
        NearPage near = catalogue.servicesAtLocationsNear(filter, point, place.proximityMetres(), municipality,
                parameters.page(), parameters.perPage());
        ObjectNode body = pageHeader(near.total(), near.entries().size(), parameters);
        body.putArray("contents").addAll(render.apply(near));
        return body;
    }

    @GetMapping(path = "/service_at_locations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> serviceAtLocation(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        CatalogueEntry link = find("service_at_location", id);
        StoredDetail service = link.serviceId() == null ? null
                : catalogue.storedDetail("service", link.serviceId(), language, details.today()).orElse(null);
        if (service == null || service.body() == null || service.successorId() != null) {
            return ResponseEntity.ok(servicesAtLocationDetails(List.of(link), language).get(0));
        }
        // The service is nested as its stored detail holds it, up to its own locations: only the link and its
        // location are rendered here.
        CatalogueEntry location = catalogue.findAll("location", Collections.singleton(link.locationId()))
                .get(link.locationId());
        byte[] own = write(hsds.serviceAtLocation(link, null, location, language));
        byte[] nesting = ",\"service\":".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[own.length - 1 + nesting.length + service.nestedLength() + 2];
        System.arraycopy(own, 0, body, 0, own.length - 1);
        System.arraycopy(nesting, 0, body, own.length - 1, nesting.length);
        System.arraycopy(service.body(), 0, body, own.length - 1 + nesting.length, service.nestedLength());
        body[body.length - 2] = '}';
        body[body.length - 1] = '}';
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    // ---- taxonomies -----------------------------------------------------------------------------------

    @GetMapping(path = "/taxonomies", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    ObjectNode taxonomies(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), TAXONOMY_PARAMETERS, properties);
        String language = parameters.language();
        List<String> words = parameters.searchWords();
        List<Vocabulary> matching = Stream.of(Vocabulary.values()).filter(vocabulary -> containsAll(
                ApiParameters.LANGUAGES.stream().map(vocabulary::name).toList(), words)).toList();
        return inMemoryList(request, response, parameters, matching, vocabulary -> hsds.taxonomy(vocabulary, language));
    }

    @GetMapping(path = "/taxonomies/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode taxonomy(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        UUID uuid = ApiParameters.parseUuid("id", id);
        return Stream.of(Vocabulary.values()).filter(vocabulary -> vocabulary.id().equals(uuid)).findFirst()
                .map(vocabulary -> hsds.taxonomy(vocabulary, language))
                .orElseThrow(() -> new NotFoundException("taxonomy", id));
    }

    @GetMapping(path = "/taxonomy_terms", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    ObjectNode taxonomyTerms(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), TERM_PARAMETERS, properties);
        String language = parameters.language();
        Vocabulary taxonomy = parameters.taxonomy(terms);
        UUID parentId = parameters.uuid("parent_id");
        boolean topOnly = parameters.flag("top_only");
        List<String> words = parameters.searchWords();
        List<Term> matching = new ArrayList<>();
        for (Term term : terms.all()) {
            UUID termParent = term.parentCode() == null ? null
                    : terms.find(term.vocabulary(), term.parentCode()).map(Term::id).orElse(null);
            boolean matches = (taxonomy == null || term.vocabulary() == taxonomy)
                    && (parentId == null || parentId.equals(termParent))
                    && (!topOnly || termParent == null)
                    && containsAll(term.names().values(), words);
            if (matches) {
                matching.add(term);
            }
        }
        return inMemoryList(request, response, parameters, matching, term -> hsds.taxonomyTerm(term, language));
    }

    @GetMapping(path = "/taxonomy_terms/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode taxonomyTerm(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        return terms.find(ApiParameters.parseUuid("id", id)).map(term -> hsds.taxonomyTerm(term, language))
                .orElseThrow(() -> new NotFoundException("taxonomy term", id));
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /**
     * Whether a list answers as NDJSON: {@code format} says so when given, else the {@code Accept} header's
     * weights (JSON when they are equal). A format the header refuses is a 406, not a body the client said it
     * cannot read.
     */
    private static boolean ndjson(ApiParameters parameters, HttpServletRequest request)
            throws HttpMediaTypeNotAcceptableException {
        Boolean format = parameters.format();
        List<MediaType> accepted = AcceptedMediaTypes.of(request);
        double json = AcceptedMediaTypes.weight(accepted, MediaType.APPLICATION_JSON);
        double lines = AcceptedMediaTypes.weight(accepted, MediaType.parseMediaType(NDJSON));
        boolean ndjson = format != null ? format : lines > json;
        if ((ndjson ? lines : json) == 0) {
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.parseMediaType(ndjson ? NDJSON
                    : MediaType.APPLICATION_JSON_VALUE)));
        }
        return ndjson;
    }

    private byte[] write(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entity's stored detail lookup; an unknown id is a 404 and a merged one a 301, as when rendered. */
    private StoredDetail storedDetail(String entityType, String given, String language) {
        UUID id = ApiParameters.parseUuid("id", given);
        StoredDetail stored = catalogue.storedDetail(entityType, id, language, details.today())
                .orElseThrow(() -> new NotFoundException(entityType.replace('_', ' '), given));
        if (stored.successorId() != null) {
            throw new MergedEntityException(entityType + "s", id, stored.successorId());
        }
        return stored;
    }

    /**
     * A stored detail as it is: its bytes written straight to the response with their stored ETag (a matching
     * {@code If-None-Match} is a 304), so the ETag filter need not buffer and hash them.
     */
    private static ResponseEntity<byte[]> storedBody(HttpServletRequest request, StoredDetail stored) {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(stored.etag()).body(stored.body());
    }

    /** Services at locations as lists give them: the location nested, the service as a list item. */
    private List<ObjectNode> servicesAtLocationItems(List<CatalogueEntry> links, String language) {
        Map<UUID, CatalogueEntry> entries = catalogue.findAll(links.stream()
                .flatMap(link -> Stream.of(link.serviceId(), link.locationId())).toList());
        return links.stream().map(link -> hsds.serviceAtLocation(link, entries.get(link.serviceId()),
                entries.get(link.locationId()), language)).toList();
    }

    /**
     * Services at locations fully nested, as their detail gives them: the location, and the service as its
     * detail gives it except its own list of locations (the link is one of them).
     */
    private List<ObjectNode> servicesAtLocationDetails(List<CatalogueEntry> links, String language) {
        Map<UUID, CatalogueEntry> entries = catalogue.findAll(links.stream()
                .flatMap(link -> Stream.of(link.serviceId(), link.locationId())).toList());
        List<CatalogueEntry> services = links.stream().map(link -> entries.get(link.serviceId()))
                .filter(service -> service != null).distinct().toList();
        Map<UUID, CatalogueEntry> organizations = organizationsOf(services);
        return links.stream().map(link -> {
            ObjectNode item = hsds.serviceAtLocation(link, null, entries.get(link.locationId()), language);
            CatalogueEntry service = entries.get(link.serviceId());
            if (service != null) {
                ObjectNode nested = hsds.service(service, organizations.get(service.organizationId()), List.of(), Map.of(),
                        language);
                nested.remove("service_at_locations");
                item.set("service", nested);
            }
            return item;
        }).toList();
    }

    /** Whether every word occurs in one of the names (any language, ignoring case). */
    private static boolean containsAll(Collection<String> names, List<String> words) {
        return words.stream().allMatch(word -> names.stream()
                .anyMatch(name -> name != null && name.toLowerCase(Locale.ROOT).contains(word)));
    }

    private static Set<String> union(Set<String> common, String... own) {
        Set<String> all = new java.util.HashSet<>(common);
        all.addAll(Arrays.asList(own));
        return Set.copyOf(all);
    }

    /**
     * Services as list items (JSON text) in the given order. Rendered items are kept until the catalogue
     * changes, so a page of the three clicks reads from the database only the services not yet rendered.
     */
    private List<String> renderedServices(List<UUID> ids, String language) {
        Map<UUID, String> rendered = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            String item = renderedListItems.getIfPresent(id + "/" + language);
            if (item == null) {
                missing.add(id);
            } else {
                rendered.put(id, item);
            }
        }
        if (!missing.isEmpty()) {
            Map<UUID, CatalogueEntry> services = catalogue.findAll(missing);
            Map<UUID, CatalogueEntry> organizations = organizationsOf(services.values());
            services.values().forEach(service -> {
                String item = hsds.serviceListItem(service, organizations.get(service.organizationId()), language)
                        .toString();
                renderedListItems.put(service.entityId() + "/" + language, item);
                rendered.put(service.entityId(), item);
            });
        }
        return ids.stream().map(rendered::get).filter(item -> item != null).toList();
    }

    private Map<UUID, CatalogueEntry> organizationsOf(Collection<CatalogueEntry> entries) {
        return catalogue.findAll(entries.stream().map(CatalogueEntry::organizationId).toList());
    }

    private CatalogueEntry find(String entityType, String id) {
        CatalogueEntry entry = catalogue.find(entityType, ApiParameters.parseUuid("id", id))
                .orElseThrow(() -> new NotFoundException(entityType.replace('_', ' '), id));
        if (entry.successorId() != null) {
            throw new MergedEntityException(entityType + "s", entry.entityId(), entry.successorId());
        }
        return entry;
    }

    private ArrayNode facetValues(Vocabulary vocabulary, Map<String, Long> counts, String language) {
        ArrayNode values = json.createArrayNode();
        counts.forEach((code, count) -> {
            ObjectNode value = values.addObject().put("code", code);
            terms.find(vocabulary, code).ifPresent(term -> value.put("name", term.name(language))
                    .put("taxonomy_term_id", term.id().toString()));
            value.put("count", count);
        });
        return values;
    }

    /** The HSDS paging envelope around one page of entries. */
    private ObjectNode envelope(EntryPage page, ApiParameters parameters, Function<CatalogueEntry, ObjectNode> render) {
        ObjectNode body = pageHeader(page.total(), page.entries().size(), parameters);
        ArrayNode contents = body.putArray("contents");
        page.entries().forEach(entry -> contents.add(render.apply(entry)));
        return body;
    }

    /**
     * A list held in memory (taxonomies and terms): a page of it in the paging envelope, or with
     * {@code format=ndjson} all of it, one item per line.
     */
    private <T> ObjectNode inMemoryList(HttpServletRequest request, HttpServletResponse response,
            ApiParameters parameters, List<T> all, Function<T, ObjectNode> render)
            throws HttpMediaTypeNotAcceptableException {
        if (ndjson(parameters, request)) {
            writeLines(request, response, out -> all.forEach(item -> out.accept(render.apply(item))));
            return null;
        }
        int perPage = parameters.perPage();
        int from = (int) Math.min(all.size(), (long) (parameters.page() - 1) * perPage);
        List<T> page = all.subList(from, Math.min(all.size(), from + perPage));
        ObjectNode body = pageHeader(all.size(), page.size(), parameters);
        ArrayNode contents = body.putArray("contents");
        page.forEach(item -> contents.add(render.apply(item)));
        return body;
    }

    private ObjectNode pageHeader(long total, int size, ApiParameters parameters) {
        int perPage = parameters.perPage();
        int pageNumber = parameters.page();
        long totalPages = total == 0 ? 0 : (total + perPage - 1) / perPage;
        ObjectNode body = json.createObjectNode();
        body.put("total_items", total);
        body.put("total_pages", totalPages);
        body.put("page_number", pageNumber);
        body.put("size", size);
        body.put("first_page", pageNumber == 1);
        body.put("last_page", pageNumber >= totalPages);
        body.put("empty", size == 0);
        return body;
    }

    /**
     * Writes every matching entry as one JSON line, streaming from a database cursor: the whole catalogue
     * without paging, for mirroring.
     */
    private void stream(HttpServletRequest request, HttpServletResponse response, String entityType,
            CatalogueFilter filter, Function<CatalogueEntry, ObjectNode> render) {
        writeLines(request, response, out -> catalogue.forEach(entityType, filter, entry -> out.accept(render.apply(entry))));
    }

    /** An NDJSON response: each item the writer hands over is one line. Not buffered for an ETag (it can be large). */
    private void writeLines(HttpServletRequest request, HttpServletResponse response,
            Consumer<Consumer<ObjectNode>> writer) {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        // Jackson would close the response stream after the first line.
        ObjectWriter lines = json.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try {
            OutputStream out = response.getOutputStream();
            writer.accept(item -> {
                try {
                    lines.writeValue(out, item);
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
