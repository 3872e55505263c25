package fi.tarjotin.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import fi.tarjotin.api.TaxonomyTerms.Term;
import fi.tarjotin.api.TaxonomyTerms.Vocabulary;
import fi.tarjotin.catalogue.CatalogueEntry;
import fi.tarjotin.catalogue.CatalogueFilter;
import fi.tarjotin.catalogue.JdbcCatalogueReader;
import fi.tarjotin.catalogue.GenerationCache;
import fi.tarjotin.catalogue.JdbcCatalogueReader.EntryPage;
import fi.tarjotin.catalogue.JdbcCatalogueReader.IdPage;
import fi.tarjotin.catalogue.ServiceIndex;
import fi.tarjotin.catalogue.ServiceIndex.Facets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
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
    private static final Set<String> FACET_PARAMETERS = Set.of("search", "need", "category", "municipality",
            "taxonomy_term_id", "organization_id", "language", "service_language");
    private static final Set<String> DETAIL_PARAMETERS = Set.of("language");
    private static final Set<String> TAXONOMY_PARAMETERS = Set.of("page", "per_page", "language");
    private static final Set<String> TERM_PARAMETERS = Set.of("page", "per_page", "language", "taxonomy_id",
            "parent_id", "top_only", "search");

    private final JdbcCatalogueReader catalogue;
    private final HsdsDocuments hsds;
    private final TaxonomyTerms terms;
    private final ApiProperties properties;
    private final ObjectMapper json;
    private final GenerationCache<String, String> renderedListItems;

    CatalogueApiController(JdbcCatalogueReader catalogue, HsdsDocuments hsds, TaxonomyTerms terms,
            ApiProperties properties, ObjectMapper json, ServiceIndex serviceIndex) {
        this.catalogue = catalogue;
        this.hsds = hsds;
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
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), LIST_PARAMETERS, properties);
        String language = parameters.language();
        CatalogueFilter filter = parameters.filter(terms);
        if (ndjson(parameters, request)) {
            stream(request, response, "service", filter, entry -> hsds.serviceListItem(entry, null, language));
            return null;
        }
        if (filter.modifiedAfter() == null) {
            IdPage page = catalogue.activeServiceIds(filter, parameters.page(), parameters.perPage());
            ObjectNode body = pageHeader(page.total(), page.ids().size(), parameters);
            ArrayNode contents = body.putArray("contents");
            renderedServices(page.ids(), language).forEach(item -> contents.addRawValue(new RawValue(item)));
            return body;
        }
        EntryPage page = catalogue.list("service", filter, parameters.page(), parameters.perPage());
        Map<UUID, CatalogueEntry> organizations = organizationsOf(page.entries());
        return envelope(page, parameters, entry -> hsds.serviceListItem(entry,
                organizations.get(entry.organizationId()), language));
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
    ObjectNode service(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        CatalogueEntry service = find("service", id);
        List<CatalogueEntry> links = catalogue.activeReferrers("service_at_location", "service_id", service.entityId());
        List<UUID> related = new ArrayList<>(links.stream().map(CatalogueEntry::locationId).toList());
        related.add(service.organizationId());
        Map<UUID, CatalogueEntry> entries = catalogue.findAll(related);
        return hsds.service(service, entries.get(service.organizationId()), links, entries, language);
    }

    // ---- organisations --------------------------------------------------------------------------------

    @GetMapping(path = "/organizations", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    Object organizations(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), LIST_PARAMETERS, properties);
        String language = parameters.language();
        CatalogueFilter filter = parameters.filter(terms);
        if (ndjson(parameters, request)) {
            stream(request, response, "organization", filter, entry -> hsds.organizationListItem(entry, language));
            return null;
        }
        EntryPage page = catalogue.list("organization", filter, parameters.page(), parameters.perPage());
        return envelope(page, parameters, entry -> hsds.organizationListItem(entry, language));
    }

    @GetMapping(path = "/organizations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode organization(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        CatalogueEntry organization = find("organization", id);
        return hsds.organization(organization,
                catalogue.activeReferrers("service", "organization_id", organization.entityId()), language);
    }

    // ---- services at locations ------------------------------------------------------------------------

    @GetMapping(path = "/service_at_locations", produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    Object servicesAtLocations(HttpServletRequest request, HttpServletResponse response)
            throws HttpMediaTypeNotAcceptableException {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), LIST_PARAMETERS, properties);
        String language = parameters.language();
        CatalogueFilter filter = parameters.filter(terms);
        if (ndjson(parameters, request)) {
            stream(request, response, "service_at_location", filter,
                    entry -> hsds.serviceAtLocation(entry, null, null, language));
            return null;
        }
        EntryPage page = catalogue.list("service_at_location", filter, parameters.page(), parameters.perPage());
        Map<UUID, CatalogueEntry> entries = catalogue.findAll(page.entries().stream()
                .flatMap(link -> Stream.of(link.serviceId(), link.locationId())).toList());
        return envelope(page, parameters, link -> hsds.serviceAtLocation(link, entries.get(link.serviceId()),
                entries.get(link.locationId()), language));
    }

    @GetMapping(path = "/service_at_locations/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode serviceAtLocation(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        CatalogueEntry link = find("service_at_location", id);
        Map<UUID, CatalogueEntry> entries = catalogue.findAll(Arrays.asList(link.serviceId(), link.locationId()));
        return hsds.serviceAtLocation(link, entries.get(link.serviceId()), entries.get(link.locationId()), language);
    }

    // ---- taxonomies -----------------------------------------------------------------------------------

    @GetMapping(path = "/taxonomies", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode taxonomies(HttpServletRequest request) {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), TAXONOMY_PARAMETERS, properties);
        String language = parameters.language();
        return envelope(List.of(Vocabulary.values()), parameters, vocabulary -> hsds.taxonomy(vocabulary, language));
    }

    @GetMapping(path = "/taxonomies/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode taxonomy(@PathVariable String id, HttpServletRequest request) {
        String language = ApiParameters.of(request.getParameterMap(), DETAIL_PARAMETERS, properties).language();
        UUID uuid = ApiParameters.parseUuid("id", id);
        return Stream.of(Vocabulary.values()).filter(vocabulary -> vocabulary.id().equals(uuid)).findFirst()
                .map(vocabulary -> hsds.taxonomy(vocabulary, language))
                .orElseThrow(() -> new NotFoundException("taxonomy", id));
    }

    @GetMapping(path = "/taxonomy_terms", produces = MediaType.APPLICATION_JSON_VALUE)
    ObjectNode taxonomyTerms(HttpServletRequest request) {
        ApiParameters parameters = ApiParameters.of(request.getParameterMap(), TERM_PARAMETERS, properties);
        String language = parameters.language();
        UUID taxonomyId = parameters.uuid("taxonomy_id");
        UUID parentId = parameters.uuid("parent_id");
        boolean topOnly = parameters.flag("top_only");
        List<String> words = parameters.searchWords();
        if (taxonomyId != null && Stream.of(Vocabulary.values()).noneMatch(v -> v.id().equals(taxonomyId))) {
            throw new InvalidParameterException("taxonomy_id", "'" + taxonomyId + "' is not a taxonomy of /taxonomies");
        }
        List<Term> matching = new ArrayList<>();
        for (Term term : terms.all()) {
            UUID termParent = term.parentCode() == null ? null
                    : terms.find(term.vocabulary(), term.parentCode()).map(Term::id).orElse(null);
            boolean matches = (taxonomyId == null || term.vocabulary().id().equals(taxonomyId))
                    && (parentId == null || parentId.equals(termParent))
                    && (!topOnly || termParent == null)
                    && words.stream().allMatch(word -> term.names().values().stream()
                            .anyMatch(name -> name.toLowerCase(Locale.ROOT).contains(word)));
            if (matches) {
                matching.add(term);
            }
        }
        return envelope(matching, parameters, term -> hsds.taxonomyTerm(term, language));
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

    /** The paging envelope around a page cut from a list held in memory (taxonomies and terms). */
    private <T> ObjectNode envelope(List<T> all, ApiParameters parameters, Function<T, ObjectNode> render) {
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
     * without paging, for mirroring. Not buffered for an ETag (it can be large).
     */
    private void stream(HttpServletRequest request, HttpServletResponse response, String entityType,
            CatalogueFilter filter, Function<CatalogueEntry, ObjectNode> render) {
        ShallowEtagHeaderFilter.disableContentCaching(request);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        // Jackson would close the response stream after the first line.
        ObjectWriter lines = json.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try {
            OutputStream out = response.getOutputStream();
            catalogue.forEach(entityType, filter, entry -> {
                try {
                    lines.writeValue(out, render.apply(entry));
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
