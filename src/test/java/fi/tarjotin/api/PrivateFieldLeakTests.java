package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.catalogue.CataloguePublisher;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Member, employee and volunteer figures, volunteering facts and maintainer e-mails are for coordinators
 * only. Every organisation and service of the catalogue gets such private details with marker values;
 * then every public endpoint — lists, records, facets, search, the change feed, NDJSON — is walked and
 * no response may contain any of them, nor the field that holds them.
 */
class PrivateFieldLeakTests extends CatalogueApiTestSupport {

    private static final String MAINTAINER = "leak-marker.maintainer@example.com";
    private static final List<String> MARKERS = List.of(MAINTAINER, "leak-marker", "987654321", "123456789",
            "24680", "13579", "privateDetails", "private_details", "volunteer", "maintainer", "Leakmarkersector",
            "Leakmarkereducation");

    @Autowired
    CataloguePublisher publisher;

    @BeforeAll
    void giveEveryRecordPrivateDetails() {
        int updated = jdbc.update("""
                UPDATE entity SET document = document || jsonb_build_object('privateDetails', jsonb_build_object(
                    'maintainerEmails', jsonb_build_array(?), 'members', 987654321, 'employees', 123456789,
                    'volunteers', 24680, 'volunteerHoursPerYear', 13579, 'volunteeringProfessionallySupported', true,
                    'sector', 'Leakmarkersector', 'educationBackground', 'Leakmarkereducation'))
                 WHERE entity_type IN ('organization', 'service')""", MAINTAINER);
        assertThat(updated).isEqualTo(6 + 16);
        // Who assured a record is published only as a role: an address stored there must not come out.
        assertThat(jdbc.update("UPDATE entity SET assured_date = DATE '2026-09-15', assured_by = ?"
                + " WHERE entity_type IN ('organization', 'service')", MAINTAINER)).isEqualTo(6 + 16);
        publisher.publishPending();
    }

    @Test
    void noPublicResponseContainsAnyPrivateDetail() {
        List<String> urls = new ArrayList<>(List.of("/", "/services/facets", "/services/facets?need=yksinaisyys",
                "/services?search=leak-marker", "/services?search=987654321", "/organizations?search=leakmarkersector",
                "/services?modified_after=2000-01-01", "/organizations?modified_after=2000-01-01",
                "/service_at_locations?modified_after=2000-01-01", "/services?format=ndjson",
                "/organizations?format=ndjson", "/service_at_locations?format=ndjson", "/taxonomies",
                "/taxonomy_terms?per_page=100", "/openapi.json", "/profile"));
        for (String list : List.of("/services", "/organizations", "/service_at_locations")) {
            for (String language : List.of("fi", "sv", "en")) {
                JsonNode page = getJson(list + "?per_page=100&language=" + language);
                urls.add(list + "?per_page=100&language=" + language);
                page.path("contents").forEach(item -> urls.add(list + "/" + item.path("id").asText()
                        + "?language=" + language));
            }
        }

        for (String url : urls) {
            HttpResponse<String> response = fetch(url);
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            String body = response.body();
            if (url.equals("/profile") || url.equals("/openapi.json")) {
                // The documents may say that private details exist; they must not hold a value.
                assertThat(body).as(url).doesNotContain(MAINTAINER, "987654321", "Leakmarkersector");
            } else {
                assertThat(body).as(url).doesNotContain(MARKERS);
            }
        }
        assertThat(urls).hasSizeGreaterThan(3 * (16 + 6 + 13));
        assertThat(getJson("/services?search=leak-marker").path("total_items").asInt()).isZero();
        assertThat(getJson("/services/" + getJson("/services").path("contents").path(0).path("id").asText())
                .path("assured_date").asText()).as("the assured date itself is public").isEqualTo("2026-09-15");
    }
}
