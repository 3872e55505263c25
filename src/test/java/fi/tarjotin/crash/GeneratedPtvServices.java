package fi.tarjotin.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import fi.tarjotin.support.Fixtures;
import java.util.List;
import java.util.UUID;

/**
 * A PTV v11 stand-in for as many services as a test asks for: the id listing names them, and
 * {@code /Service/list?guids=} answers each id with the recorded exercise-counselling service under that id
 * and a name of its own, so a run has many pages to be killed in the middle of.
 */
final class GeneratedPtvServices implements ResponseDefinitionTransformerV2 {

    static final String NAME = "generated-ptv-services";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode template;

    GeneratedPtvServices() {
        try {
            template = JSON.readTree(Fixtures.read("ptv/v11/services.json")).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the n-th generated service (1-based): stable, so two stand-ins serve the same catalogue. */
    static String id(int n) {
        return UUID.nameUUIDFromBytes(("generated-ptv-service-" + n).getBytes()).toString();
    }

    /** The v11 id listing of services 1..count, in one page. */
    static String idListing(int count) {
        ObjectNode listing = JSON.createObjectNode().put("pageNumber", 1).put("pageSize", count).put("pageCount", 1);
        ArrayNode items = listing.putArray("itemList");
        for (int n = 1; n <= count; n++) {
            items.addObject().put("id", id(n)).putNull("name");
        }
        return listing.toString();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        List<String> ids = List.of(serveEvent.getRequest().queryParameter("guids").firstValue().split(","));
        ArrayNode services = JSON.createArrayNode();
        for (String id : ids) {
            ObjectNode service = template.deepCopy();
            service.put("id", id);
            for (JsonNode name : service.withArray("serviceNames")) {
                ((ObjectNode) name).put("value", name.path("value").asText() + " " + id.substring(0, 8));
            }
            services.add(service);
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(services.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
