package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.api.TaxonomyTerms.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each parameter of the HSDS 3.0 API reference means here, with exact results over the fixture
 * catalogue: taxonomy_id, minimal, full, full_service, format, search and the terms' tree, and services at
 * locations around a postcode or a point (the fixture's located addresses: L1 and L2 at 70110 Kuopio,
 * L3 and L5 at 71800 Siilinjärvi, L4 at 77700 Rautalampi, L6 at 00510 Helsinki).
 */
class HsdsReferenceParameterTests extends CatalogueApiTestSupport {

    private static final String L1_CARERS_LIVING_ROOM = "cfee243e-2666-4b07-8997-d176937bb6d9";
    private static final String L2_HAAPANIEMI = "4b740391-f8b6-4bba-b691-b01fd0bb38d6";
    private static final String L3_TUPA = "3570ae94-4bf9-48cc-8c67-d8c066e3c1f0";
    private static final String L5_SIILINJARVI_CENTRE = "697c09dd-b9c4-4f15-b1c9-ebd36fe7e5bb";
    private static final double[] L1 = {62.89205, 27.68281};
    private static final double[] L2 = {62.89594, 27.68642};
    private static final double[] L3 = {63.07488, 27.66087};
    private static final double[] L5 = {63.07713, 27.66318};

    @Test
    void taxonomyIdSelectsServicesTaggedWithAnyTermOfIt() {
        // Every fixture service has a need and a category; together with a code of the same taxonomy it is that code.
        assertThat(getJson("/services?taxonomy_id=" + Vocabulary.NEED.id()).path("total_items").asInt()).isEqualTo(16);
        assertThat(names(getJson("/services?taxonomy_id=" + Vocabulary.NEED.id() + "&need=syopa")))
                .containsExactly("Syöpään sairastuneiden vertaistukiryhmä");
        assertThat(getJson("/service_at_locations?taxonomy_id=" + Vocabulary.CATEGORY.id() + "&category=liikunta")
                .path("total_items").asInt()).isEqualTo(1);
        assertProblem("/services?taxonomy_id=" + TaxonomyTerms.termId(Vocabulary.NEED, "syopa"), "taxonomy_id");
    }

    @Test
    void minimalServicesHaveOnlyTheirOwnIdentifyingFields() {
        JsonNode page = getJson("/services?minimal=true&per_page=100");

        assertThat(page.path("total_items").asInt()).isEqualTo(16);
        for (JsonNode item : page.path("contents")) {
            List<String> fields = new ArrayList<>();
            item.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "organization_id", "name", "status", "last_modified");
        }
        assertThat(names(page)).isEqualTo(names(getJson("/services?per_page=100")));
        assertProblem("/services?minimal=true&full=true", "minimal");
        assertProblem("/services?minimal=yes", "minimal");
    }

    @Test
    void fullListItemsAreTheDetails() {
        for (String list : List.of("/services", "/organizations", "/service_at_locations")) {
            JsonNode page = getJson(list + "?full=true&per_page=100");
            assertThat(page.path("size").asInt()).isEqualTo(page.path("total_items").asInt()).isPositive();
            for (JsonNode item : page.path("contents")) {
                assertThat(item).as("%s item %s", list, item.path("id")).isEqualTo(getJson(list + "/" + item.path("id").asText()));
            }
        }
        JsonNode changed = getJson("/services?full=true&modified_after=2000-01-01&per_page=3");
        assertThat(changed.path("contents").path(0).path("service_areas").isArray()).isTrue();
    }

    @Test
    void aServiceAtALocationIsFullyNested() {
        JsonNode link = getJson("/service_at_locations?full=true&organization_id=" + id("organization", O1_CARERS_ASSOCIATION))
                .path("contents").path(0);
        JsonNode service = getJson("/services/" + link.path("service_id").asText());

        assertThat(link.path("service").path("phones")).isEqualTo(service.path("phones"));
        assertThat(link.path("service").path("attributes")).isEqualTo(service.path("attributes"));
        assertThat(link.path("service").has("service_at_locations")).isFalse();
        assertThat(link.path("location").path("id").asText()).isEqualTo(link.path("location_id").asText());
    }

    @Test
    void fullServiceNestsEachServiceOfAnOrganisationAsItsDetail() {
        String organization = id("organization", O1_CARERS_ASSOCIATION);
        JsonNode detail = getJson("/organizations/" + organization + "?full_service=true");
        JsonNode plain = getJson("/organizations/" + organization);

        assertThat(detail.path("services")).hasSize(3);
        for (JsonNode service : detail.path("services")) {
            assertThat(service).isEqualTo(getJson("/services/" + service.path("id").asText()));
        }
        assertThat(plain.path("services").path(0).has("service_areas")).isFalse();
        assertThat(getJson("/organizations/" + organization + "?full=true")).isEqualTo(plain);
        JsonNode listed = getJson("/organizations?full_service=true&organization_id=" + organization);
        assertThat(listed.path("contents")).containsExactly(detail);
    }

    @Test
    void taxonomiesAndTermsAreSearchedAndStreamed() {
        assertThat(names(getJson("/taxonomies?search=behov"))).containsExactly("Tarpeet ja diagnoosit");
        assertThat(getJson("/taxonomies?search=nothing").path("total_items").asInt()).isZero();
        assertThat(lines("/taxonomies?format=ndjson")).extracting(line -> line.path("id").asText()).containsExactly(
                Vocabulary.CATEGORY.id().toString(), Vocabulary.NEED.id().toString(),
                Vocabulary.MUNICIPALITY.id().toString());
        assertThat(lines("/taxonomy_terms?format=ndjson&taxonomy_id=" + Vocabulary.NEED.id()))
                .hasSize(getJson("/taxonomy_terms?taxonomy_id=" + Vocabulary.NEED.id()).path("total_items").asInt());
        String county = TaxonomyTerms.termId(Vocabulary.MUNICIPALITY, "county-13").toString();
        List<JsonNode> northSavo = lines("/taxonomy_terms?format=ndjson&parent_id=" + county);
        assertThat(northSavo).hasSize(19).allSatisfy(term -> assertThat(term.path("parent_id").asText()).isEqualTo(county));
        assertThat(northSavo).extracting(term -> term.path("code").asText()).contains("297", "749", "686");
        assertThat(lines("/taxonomy_terms?format=ndjson&top_only=true&taxonomy_id=" + Vocabulary.MUNICIPALITY.id()))
                .allSatisfy(term -> assertThat(term.has("parent_id")).isFalse())
                .extracting(term -> term.path("code").asText()).contains("county-13").doesNotContain("297");
        assertProblem("/taxonomies?format=xml", "format");
    }

    @Test
    void servicesAtLocationsAroundAPointAreNearestFirstWithTheirDistance() {
        JsonNode page = getJson("/service_at_locations?latitude=" + L1[0] + "&longitude=" + L1[1] + "&proximity=25000");

        // S1 and S2 at L1 itself, S1 and S11 at L2 (~470 m), S2, S5 and S6 at L3 and S11 at L5 (~20 km).
        assertThat(locations(page)).containsExactly(L1_CARERS_LIVING_ROOM, L1_CARERS_LIVING_ROOM, L2_HAAPANIEMI,
                L2_HAAPANIEMI, L3_TUPA, L3_TUPA, L3_TUPA, L5_SIILINJARVI_CENTRE);
        assertThat(distances(page)).containsExactly(0L, 0L, metres(L1, L2), metres(L1, L2), metres(L1, L3),
                metres(L1, L3), metres(L1, L3), metres(L1, L5));
        assertThat(page.path("total_items").asInt()).isEqualTo(8);
        assertThat(locations(getJson("/service_at_locations?latitude=" + L1[0] + "&longitude=" + L1[1]
                + "&proximity=500"))).containsExactly(L1_CARERS_LIVING_ROOM, L1_CARERS_LIVING_ROOM, L2_HAAPANIEMI,
                L2_HAAPANIEMI);
        // Without proximity every link, nearest first; those without a located location (W1, P1) last, without distance.
        JsonNode all = getJson("/service_at_locations?per_page=100&latitude=60.17&longitude=24.94");
        assertThat(all.path("total_items").asInt()).isEqualTo(13);
        assertThat(all.path("contents").path(0).path("location").path("name").asText()).isEqualTo("Vertaistukitalo Kallio");
        assertThat(all.path("contents").path(10).path(HsdsDocuments.EXTENSION).has("distance")).isFalse();
        assertThat(getJson("/service_at_locations?latitude=" + L1[0] + "&longitude=" + L1[1]
                + "&proximity=500&category=harrastetoiminta").path("total_items").asInt()).isEqualTo(1);
    }

    @Test
    void aPostcodeIsTheCentroidOfTheCatalogueAddressesWithIt() {
        double[] centroid = {(L1[0] + L2[0]) / 2, (L1[1] + L2[1]) / 2};
        JsonNode page = getJson("/service_at_locations?postcode=70110&proximity=1000");

        assertThat(locations(page)).containsExactlyInAnyOrder(L1_CARERS_LIVING_ROOM, L1_CARERS_LIVING_ROOM,
                L2_HAAPANIEMI, L2_HAAPANIEMI);
        assertThat(distances(page)).containsExactlyInAnyOrder(metres(centroid, L1), metres(centroid, L1),
                metres(centroid, L2), metres(centroid, L2));
        assertThat(distances(page)).isSorted();
        // A postcode alone: the services offered in its municipality (71800 is Siilinjärvi, 749), nearest first.
        JsonNode covering = getJson("/service_at_locations?postcode=71800&per_page=100");
        assertThat(services(covering)).containsExactlyInAnyOrder(
                id("service", "729e9050-7d59-4e9f-b79b-95d5bf208c68"), id("service", "729e9050-7d59-4e9f-b79b-95d5bf208c68"),
                id("service", S3_CARER_SUPPORT), id("service", "dc02e5a3-5689-40f0-8f14-4e784b59023b"),
                id("service", "752ee011-4d67-4855-bb43-129b8ed5d97e"), id("service", "083ed775-87fd-4028-924f-43fa38c339c7"),
                id("service", "9acc79c5-99f9-46d8-a060-a82f8ec6857e"), id("service", "9acc79c5-99f9-46d8-a060-a82f8ec6857e"),
                id("service", "7517cc6c-13b2-4608-ab43-c18fb972e439"));
        assertThat(locations(covering).subList(0, 4)).containsOnly(L3_TUPA, L5_SIILINJARVI_CENTRE);
        assertThat(lines("/service_at_locations?postcode=70110&proximity=1000&format=ndjson"))
                .extracting(line -> line.path("id").asText())
                .containsExactlyElementsOf(ids(page));
    }

    @Test
    void badPlacesAreProblemsNamingTheParameter() {
        assertProblem("/service_at_locations?postcode=99999", "postcode");
        assertProblem("/service_at_locations?postcode=7011", "postcode");
        assertProblem("/service_at_locations?proximity=1000", "proximity");
        assertProblem("/service_at_locations?postcode=70110&proximity=-5", "proximity");
        assertProblem("/service_at_locations?postcode=70110&proximity=far", "proximity");
        assertProblem("/service_at_locations?latitude=62.9", "longitude");
        assertProblem("/service_at_locations?latitude=91&longitude=27", "latitude");
        assertProblem("/service_at_locations?postcode=70110&latitude=62.9&longitude=27.6", "postcode");
        assertProblem("/services?postcode=70110", "postcode");
    }

    private void assertProblem(String url, String parameter) {
        HttpResponse<String> response = fetch(url);
        assertThat(response.statusCode()).as("status of %s", url).isEqualTo(400);
        assertThat(read(response.body()).path("parameter").asText()).as("parameter of %s", url).isEqualTo(parameter);
    }

    private List<JsonNode> lines(String url) {
        HttpResponse<String> response = fetch(url);
        assertThat(response.statusCode()).as("status of %s", url).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CatalogueApiController.NDJSON + ";charset=UTF-8");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(read(line));
            }
        }
        return lines;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> locations(JsonNode page) {
        List<String> ptvIds = new ArrayList<>();
        page.path("contents").forEach(item -> ptvIds.add(item.path("location").path(HsdsDocuments.EXTENSION)
                .path("provenance").path(0).path("source_id").asText()));
        return ptvIds;
    }

    private static List<String> services(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("contents").forEach(item -> ids.add(item.path("service_id").asText()));
        return ids;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("contents").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<Long> distances(JsonNode page) {
        List<Long> distances = new ArrayList<>();
        page.path("contents").forEach(item -> distances.add(item.path(HsdsDocuments.EXTENSION).path("distance").asLong()));
        return distances;
    }

    /** The great-circle distance in whole metres (haversine, mean Earth radius), computed here independently. */
    private static long metres(double[] from, double[] to) {
        double dLatitude = Math.toRadians(to[0] - from[0]);
        double dLongitude = Math.toRadians(to[1] - from[1]);
        double a = Math.pow(Math.sin(dLatitude / 2), 2)
                + Math.cos(Math.toRadians(from[0])) * Math.cos(Math.toRadians(to[0])) * Math.pow(Math.sin(dLongitude / 2), 2);
        return Math.round(2 * 6_371_008.8 * Math.asin(Math.sqrt(a)));
    }
}
