package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.support.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every value of real-shaped PTV v12 records (src/test/resources/ptv/fidelity/v12) reaches the API or is listed. */
class PtvV12CompletenessTests extends PtvCompletenessTestSupport {

    private static final String FIXTURES = "ptv/fidelity/v12/";

    @Test
    void everyValueReachesTheApiOrIsListedAsNotCarried() throws Exception {
        Completeness completeness = importAndWalk();

        assertThat(completeness.failures).as("values neither in the API nor listed in mappings/ptv/README.md")
                .isEmpty();
        assertThat(completeness.share()).as("share of values carried").isGreaterThanOrEqualTo(REQUIRED_SHARE);
        assertThat(completeness.run.counts().warnings()).isZero();
    }

    @Override
    String shape(String kind) {
        return "v12 " + Map.of("organization", "organization", "service", "service", "location", "channel",
                "service_at_location", "connection").get(kind);
    }

    @Override
    void stubFixtures() {
        for (String type : new String[] {"organization", "service", "service-channel", "connection"}) {
            PTV.stubFor(get(urlPathEqualTo("/api/v12/" + type + "/search")).withHeader("x-api-key", equalTo("test-key"))
                    .withQueryParam("page", equalTo("1"))
                    .willReturn(okJson(Fixtures.read(FIXTURES + type + "-search.json"))));
        }
    }
}
