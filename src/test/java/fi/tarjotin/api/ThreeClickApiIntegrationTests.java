package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.support.GoldenFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three clicks a tray makes — need, kind of activity, municipality — with exact results over the
 * fixture catalogue, the facet counts that let a frontend show only choices with results, and the HSDS
 * paging envelope.
 */
class ThreeClickApiIntegrationTests extends CatalogueApiTestSupport {

    @Test
    void rootNamesTheHsdsVersionProfileAndContract() {
        JsonNode about = getJson("/");

        assertThat(about.path("version").asText()).isEqualTo("3.0");
        assertThat(about.path("profile").asText()).isEqualTo("http://localhost:" + port + "/profile");
        assertThat(about.path("openapi_url").asText()).isEqualTo("http://localhost:" + port + "/openapi.json");
        assertThat(fetch("/profile").body()).startsWith("# The Tarjotin profile of HSDS 3.0");
    }

    @Test
    void listsEveryActiveServiceByNameInTheHsdsPageEnvelope() {
        JsonNode page = getJson("/services?per_page=5&page=2");

        assertThat(page.path("total_items").asInt()).isEqualTo(16);
        assertThat(page.path("total_pages").asInt()).isEqualTo(4);
        assertThat(page.path("page_number").asInt()).isEqualTo(2);
        assertThat(page.path("size").asInt()).isEqualTo(5);
        assertThat(page.path("first_page").asBoolean()).isFalse();
        assertThat(page.path("last_page").asBoolean()).isFalse();
        assertThat(page.path("empty").asBoolean()).isFalse();
        assertThat(names(page)).containsExactly("Muistisairaiden ja läheisten kerho", "Nuorten olohuone",
                "Omaishoidon tuen palveluohjaus", "Omaishoitajien verkkovertaisryhmät", "Omaishoitajien vertaistukiryhmä");
    }

    @Test
    void aPageBeyondTheLastIsEmpty() {
        JsonNode page = getJson("/services?per_page=10&page=3");

        assertThat(page.path("total_items").asInt()).isEqualTo(16);
        assertThat(page.path("size").asInt()).isZero();
        assertThat(page.path("empty").asBoolean()).isTrue();
        assertThat(page.path("last_page").asBoolean()).isTrue();
        assertThat(page.path("contents")).isEmpty();
    }

    @Test
    void needThenCategoryThenMunicipalityNarrowTheServices() {
        assertThat(names(getJson("/services?need=yksinaisyys"))).containsExactly("Muistisairaiden ja läheisten kerho",
                "Omaishoitajien verkkovertaisryhmät", "Omaishoitajien vertaistukiryhmä", "Ruokaa ja seuraa -ruokailuryhmä");
        assertThat(names(getJson("/services?need=yksinaisyys&category=vertaistuki")))
                .containsExactly("Omaishoitajien verkkovertaisryhmät", "Omaishoitajien vertaistukiryhmä");
        // S4 is offered in the whole country except Åland, S1 only in Kuopio (297).
        assertThat(names(getJson("/services?need=yksinaisyys&category=vertaistuki&municipality=297")))
                .containsExactly("Omaishoitajien verkkovertaisryhmät", "Omaishoitajien vertaistukiryhmä");
        assertThat(names(getJson("/services?need=yksinaisyys&category=vertaistuki&municipality=749")))
                .containsExactly("Omaishoitajien verkkovertaisryhmät");
    }

    @Test
    void valuesOfOneFilterAreAlternativesWhetherRepeatedOrCommaSeparated() {
        List<String> repeated = names(getJson("/services?need=syopa&need=nuoret"));
        List<String> commaSeparated = names(getJson("/services?need=syopa,nuoret"));

        assertThat(repeated).containsExactly("Nuorten olohuone", "Syöpään sairastuneiden vertaistukiryhmä");
        assertThat(commaSeparated).isEqualTo(repeated);
    }

    @Test
    void aCountyServiceMatchesEachOfItsMunicipalitiesAndAWholeCountryServiceMatchesEverywhere() {
        // Rautalampi (686) is in the Pohjois-Savo county that S2 and S11 name; S3 and S16 cover the whole
        // country, S4 all but Åland; S7 and S12 are Rautalampi's own.
        assertThat(names(getJson("/services?municipality=686&per_page=100"))).containsExactly(
                "Ikäihmisten kuntosaliryhmä", "Monikielinen läheisneuvonta", "Muistisairaiden ja läheisten kerho",
                "Omaishoidon tuen palveluohjaus", "Omaishoitajien verkkovertaisryhmät", "Ruokaa ja seuraa -ruokailuryhmä",
                "Tukea omaishoitajille");
        // Helsinki (091) is in no county the fixtures name.
        assertThat(names(getJson("/services?municipality=091&per_page=100"))).containsExactly(
                "Monikielinen läheisneuvonta", "Omaishoitajien verkkovertaisryhmät",
                "Syöpään sairastuneiden vertaistukiryhmä", "Tukea omaishoitajille");
        // Mariehamn (478) is in Åland: the "except Åland" service is not offered there.
        assertThat(names(getJson("/services?municipality=478&per_page=100"))).containsExactly(
                "Kamratstöd för närståendevårdare på Åland", "Monikielinen läheisneuvonta", "Tukea omaishoitajille");
    }

    @Test
    void filtersByOrganisationServiceLanguageAndTaxonomyTermIds() {
        String organization = id("organization", O1_CARERS_ASSOCIATION);
        assertThat(names(getJson("/services?organization_id=" + organization))).containsExactly(
                "Muistisairaiden ja läheisten kerho", "Omaishoitajien vertaistukiryhmä",
                "Surun jakaminen – vertaisryhmä omaisensa menettäneille");
        assertThat(names(getJson("/services?service_language=ar"))).containsExactly("Monikielinen läheisneuvonta");
        String cancer = TaxonomyTerms.termId(TaxonomyTerms.Vocabulary.NEED, "syopa").toString();
        assertThat(names(getJson("/services?taxonomy_term_id=" + cancer)))
                .containsExactly("Syöpään sairastuneiden vertaistukiryhmä");
    }

    @Test
    void swedishTextsWithFallbackToFinnish() {
        JsonNode page = getJson("/services?language=sv&need=uupumus-ja-stressi");

        assertThat(names(page)).containsExactly("Omaishoitajien vertaistukiryhmä", "Stöd för anhörigvårdare");
    }

    @Test
    void facetsCountEachDimensionWithTheOtherFiltersOnly() {
        JsonNode facets = getJson("/services/facets?need=yksinaisyys&municipality=297");

        assertThat(facets.path("total_items").asInt()).isEqualTo(3);
        // needs: counted without the need filter, in Kuopio (297), the sources' and the inferred ones
        // In Kuopio: S1, S2, S3, S4, S5, S11, S13, S14, S15, S16 (by municipality, county or whole country).
        assertThat(counts(facets.path("needs"))).containsExactly("omaishoito=6", "yksinaisyys=3", "ikaantyminen=2",
                "liikkumisen-tuki=2", "mielenterveys=2", "uupumus-ja-stressi=2", "digituki=1", "kuntoutus=1",
                "laheisen-riippuvuus=1", "lapsiperheet=1", "maahanmuuttajat=1", "paihteet=1", "ruotsinkieliset=1",
                "suru-ja-menetys=1");
        assertThat(counts(facets.path("categories"))).containsExactly("laheisten-tuki=2", "vertaistuki=2",
                "harrastetoiminta=1", "kokemusasiantuntijuus=1");
        // S4 (lonely, whole country except Åland) is offered in every municipality but Åland's 16.
        assertThat(facets.path("municipalities").size()).isEqualTo(309 - 16);
        GoldenFiles.assertMatches("api/facets-yksinaisyys-297.json", facets);
    }

    @Test
    void facetsWithoutFiltersCountTheWholeCatalogue() {
        JsonNode facets = getJson("/services/facets");

        assertThat(facets.path("total_items").asInt()).isEqualTo(16);
        assertThat(counts(facets.path("categories"))).containsExactly("vertaistuki=8", "laheisten-tuki=5",
                "ohjaus-ja-neuvonta=4", "harrastetoiminta=3", "kokemusasiantuntijuus=3", "kuntoutus=2", "liikunta=2",
                "avoin-kohtaamispaikka=1", "ravitsemus=1");
    }

    @Test
    void taxonomiesAndTermsGiveTheCodesTheFiltersTake() {
        JsonNode taxonomies = getJson("/taxonomies");
        assertThat(names(taxonomies)).containsExactly("Toiminnan muodot", "Tarpeet ja diagnoosit", "Kunnat");

        String municipalities = TaxonomyTerms.Vocabulary.MUNICIPALITY.id().toString();
        JsonNode counties = getJson("/taxonomy_terms?per_page=100&top_only=true&taxonomy_id=" + municipalities);
        assertThat(counties.path("total_items").asInt()).isEqualTo(22 + 16);
        String northSavo = TaxonomyTerms.termId(TaxonomyTerms.Vocabulary.MUNICIPALITY, "county-13").toString();
        JsonNode northSavoMunicipalities = getJson("/taxonomy_terms?per_page=100&parent_id=" + northSavo);
        assertThat(northSavoMunicipalities.path("total_items").asInt()).isEqualTo(19);

        JsonNode category = getJson("/taxonomy_terms/" + TaxonomyTerms.termId(TaxonomyTerms.Vocabulary.CATEGORY,
                "vertaistuki") + "?language=sv");
        GoldenFiles.assertMatches("api/taxonomy-term-vertaistuki-sv.json", category);
    }

    private static List<String> counts(JsonNode values) {
        List<String> counts = new ArrayList<>();
        values.forEach(value -> counts.add(value.path("code").asText() + "=" + value.path("count").asInt()));
        return counts;
    }
}
