package fi.tarjotin.source.ptv;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.PtvApiV11Context;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every value of real-shaped PTV v11 records (src/test/resources/ptv/fidelity/v11) reaches the API or is listed. */
@PtvApiV11Context
class PtvV11CompletenessTests extends PtvCompletenessTestSupport {

    private static final String FIXTURES = "ptv/fidelity/v11/";
    private static final String AREA = "/area/Municipality/code/297";

    @Test
    void everyValueReachesTheApiOrIsListedAsNotCarried() throws Exception {
        Completeness completeness = importAndWalk();

        assertThat(completeness.failures).as("values neither in the API nor listed in mappings/ptv/README.md")
                .isEmpty();
        assertThat(completeness.share()).as("share of values carried").isGreaterThanOrEqualTo(REQUIRED_SHARE);
        // the e-mail "value", www.example.com, http://example.com/ and 012 345 6789 (twice)
        assertThat(completeness.run.counts().warnings()).isEqualTo(5);
    }

    @Override
    String shape(String kind) {
        return "v11 " + Map.of("organization", "organization", "service", "service", "location", "channel",
                "service_at_location", "connection").get(kind);
    }

    /** A service's serviceChannels are stored as the connection records, whose values are walked there. */
    @Override
    Set<String> walkedElsewhere(String kind) {
        return "service".equals(kind) ? Set.of("serviceChannels") : Set.of();
    }

    @Override
    void stubFixtures() {
        for (String[] type : new String[][] {{"Service", "service"}, {"ServiceChannel", "channel"},
                {"Organization", "organization"}}) {
            PTV.stubFor(get(urlPathEqualTo("/api/v11/" + type[0] + AREA)).withQueryParam("page", equalTo("1"))
                    .willReturn(okJson(Fixtures.read(FIXTURES + type[1] + "-ids.json"))));
            PTV.stubFor(get(urlPathEqualTo("/api/v11/" + type[0] + "/list"))
                    .willReturn(okJson(Fixtures.read(FIXTURES + type[1] + "s.json"))));
        }
    }
}
