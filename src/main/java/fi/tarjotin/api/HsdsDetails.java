package fi.tarjotin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.catalogue.CatalogueEntry;
import fi.tarjotin.catalogue.DetailRenderer;
import fi.tarjotin.catalogue.JdbcCatalogueReader.ServiceParts;
import fi.tarjotin.catalogue.JdbcCatalogueReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * The details of services and organisations: rendered on request by the controller and, by the same code, at
 * publish time for the read model's stored copies ({@link DetailRenderer}), so the two are the same bytes.
 */
@Component
class HsdsDetails implements DetailRenderer {

    /** Raise when the shape of a detail changes, so stored copies are rendered again at the next start. */
    private static final String FORMAT_VERSION = "hsds-details-1";
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    private static final String SERVICE_LOCATIONS = "service_at_locations";

    private final JdbcCatalogueReader catalogue;
    private final HsdsDocuments hsds;
    private final Freshness freshness;
    private final ObjectMapper json;

    HsdsDetails(JdbcCatalogueReader catalogue, HsdsDocuments hsds, Freshness freshness, ObjectMapper json) {
        this.catalogue = catalogue;
        this.hsds = hsds;
        this.freshness = freshness;
        this.json = json;
    }

    /**
     * Services as their detail gives them (phones, areas, languages, attributes, locations), read with their
     * links, locations and organisations in one query, in the order given.
     */
    List<ObjectNode> services(List<UUID> ids, String language) {
        ServiceParts parts = catalogue.servicesWithParts(ids);
        return ids.stream().map(parts.services()::get).filter(service -> service != null)
                .map(service -> service(service, parts, language)).toList();
    }

    ObjectNode service(CatalogueEntry service, ServiceParts parts, String language) {
        return hsds.service(service, parts.related().get(service.organizationId()),
                parts.links().getOrDefault(service.entityId(), List.of()), parts.related(), language);
    }

    /** Organisations as their detail gives them; their services as list items or, with fullServices, as details. */
    List<ObjectNode> organizations(List<CatalogueEntry> organizations, boolean fullServices, String language) {
        Map<UUID, List<CatalogueEntry>> services = catalogue.activeReferrers("service", "organization_id",
                organizations.stream().map(CatalogueEntry::entityId).toList());
        Map<UUID, ObjectNode> serviceDetails = new HashMap<>();
        if (fullServices) {
            List<UUID> all = services.values().stream().flatMap(List::stream).map(CatalogueEntry::entityId).toList();
            List<ObjectNode> details = services(all, language);
            for (int index = 0; index < all.size(); index++) {
                serviceDetails.put(all.get(index), details.get(index));
            }
        }
        return organizations.stream().map(organization -> {
            List<CatalogueEntry> own = services.getOrDefault(organization.entityId(), List.of());
            ObjectNode detail = hsds.organization(organization, fullServices ? List.of() : own, language);
            if (fullServices) {
                ArrayNode list = detail.putArray("services");
                own.forEach(service -> list.add(serviceDetails.get(service.entityId())));
            }
            return detail;
        }).toList();
    }

    @Override
    public String fingerprint() {
        return FORMAT_VERSION + " stale after " + freshness.staleAfter();
    }

    @Override
    public LocalDate today() {
        return freshness.today();
    }

    @Override
    public List<RenderedDetail> render(Collection<UUID> entityIds) {
        LocalDate today = today();
        List<RenderedDetail> rendered = new ArrayList<>();
        ServiceParts parts = catalogue.servicesWithParts(entityIds);
        for (CatalogueEntry service : parts.services().values()) {
            if (service.successorId() != null) {
                continue; // answered with a redirect to its successor
            }
            LocalDate freshUntil = earliest(freshness.turnsStaleOn(service, today),
                    freshness.turnsStaleOn(parts.related().get(service.organizationId()), today));
            for (String language : LANGUAGES) {
                ObjectNode detail = service(service, parts, language);
                // A service at a location nests the service as its detail gives it up to its own locations (the
                // last member), so the stored copy says where that part ends.
                JsonNode locations = detail.remove(SERVICE_LOCATIONS);
                String nested = write(detail);
                String body = nested.substring(0, nested.length() - 1) + ",\"" + SERVICE_LOCATIONS + "\":"
                        + write(locations) + "}";
                rendered.add(detail(service.entityId(), language, body,
                        nested.getBytes(StandardCharsets.UTF_8).length - 1, freshUntil, today));
            }
        }
        List<CatalogueEntry> organizations = catalogue.findAll(entityIds).values().stream()
                .filter(entry -> "organization".equals(entry.entityType()) && entry.successorId() == null).toList();
        if (!organizations.isEmpty()) {
            Map<UUID, List<CatalogueEntry>> services = catalogue.activeReferrers("service", "organization_id",
                    organizations.stream().map(CatalogueEntry::entityId).toList());
            for (CatalogueEntry organization : organizations) {
                List<CatalogueEntry> own = services.getOrDefault(organization.entityId(), List.of());
                LocalDate freshUntil = freshness.turnsStaleOn(organization, today);
                for (CatalogueEntry service : own) {
                    freshUntil = earliest(freshUntil, freshness.turnsStaleOn(service, today));
                }
                for (String language : LANGUAGES) {
                    rendered.add(detail(organization.entityId(), language,
                            write(hsds.organization(organization, own, language)), null, freshUntil, today));
                }
            }
        }
        return rendered;
    }

    private static RenderedDetail detail(UUID id, String language, String body, Integer nestedLength,
            LocalDate freshUntil, LocalDate today) {
        return new RenderedDetail(id, language, body, weakEtag(body.getBytes(StandardCharsets.UTF_8)), nestedLength,
                freshUntil, today);
    }

    /** The ETag the API's ETag filter gives these bytes (Spring's ShallowEtagHeaderFilter, weak). */
    static String weakEtag(byte[] body) {
        return "W/\"0" + DigestUtils.md5DigestAsHex(body) + "\"";
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
