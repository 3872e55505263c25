package fi.tarjotin.support;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The PTV v11 stand-in serving Kuopio's records of {@code src/test/resources/ptv/v11/}, as a full import reads them. */
public final class PtvV11Fixtures {

    public static final String KUOPIO = "/area/Municipality/code/297";

    private PtvV11Fixtures() {
    }

    /** The id lists of Kuopio's services, channels and organisations, and the records they name. */
    public static void serveKuopio() {
        for (String[] type : new String[][] {{"Service", "service-ids"}, {"ServiceChannel", "channel-ids"},
                {"Organization", "organization-ids"}}) {
            StandIns.PTV.stubFor(get(urlPathEqualTo("/api/v11/" + type[0] + KUOPIO)).withQueryParam("page", equalTo("1"))
                    .withQueryParam("date", absent()).willReturn(okJson(Fixtures.read("ptv/v11/" + type[1] + ".json"))));
        }
        StandIns.PTV.stubFor(get(urlPathEqualTo("/api/v11/Service/list"))
                .willReturn(okJson(Fixtures.read("ptv/v11/services.json"))));
        StandIns.PTV.stubFor(get(urlPathEqualTo("/api/v11/ServiceChannel/list"))
                .willReturn(okJson(Fixtures.read("ptv/v11/channels.json"))));
        StandIns.PTV.stubFor(get(urlPathEqualTo("/api/v11/Organization/list"))
                .willReturn(okJson(Fixtures.read("ptv/v11/organizations.json"))));
    }
}
