package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.support.GoldenFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Search in Finnish and Swedish finds inflected and compound forms: a user types the basic form of a
 * word and finds the genitive plural, the start of a compound, or the Swedish compound. Names weigh
 * most in the ranking. Exact results over the fixture catalogue.
 */
class SearchQualityTests extends CatalogueApiTestSupport {

    @Test
    void aFinnishBasicFormFindsItsInflectedForms() {
        // "omaishoitaja" -> "Omaishoitajien" (genitive plural), "omaishoitajille" (allative plural); names rank
        // first, then texts ("Surun jakaminen" mentions omaishoitajille in its description). "Omaishoidon tuen
        // palveluohjaus" speaks of omaishoito (care), another word, and is not found.
        List<String> found = names(getJson("/services?search=omaishoitaja"));
        assertThat(found).hasSize(4);
        assertThat(found.subList(0, 3)).containsExactlyInAnyOrder("Omaishoitajien vertaistukiryhmä",
                "Omaishoitajien verkkovertaisryhmät", "Tukea omaishoitajille");
        assertThat(found.get(3)).isEqualTo("Surun jakaminen – vertaisryhmä omaisensa menettäneille");
    }

    @Test
    void aWordFindsCompoundsThatStartWithIt() {
        assertThat(names(getJson("/services?search=muisti"))).containsExactly("Muistisairaiden ja läheisten kerho");
        // The two with the word in their names first (their order is BM25's).
        assertThat(names(getJson("/services?search=vertaistuki")).subList(0, 2)).containsExactlyInAnyOrder(
                "Omaishoitajien vertaistukiryhmä", "Syöpään sairastuneiden vertaistukiryhmä");
    }

    @Test
    void consonantGradationTheStemmerMissesIsCaughtByTheWordStart() {
        // "mielenterveys" -> "mielenterveyden", "mielenterveyskuntoutujien"
        assertThat(names(getJson("/services?search=mielenterveys"))).contains("Mielenterveyskuntoutujien vertaisryhmä",
                "Nuorten olohuone");
    }

    @Test
    void swedishWordsFindSwedishCompounds() {
        assertThat(names(getJson("/services?search=anh%C3%B6rig&language=sv"))).containsExactly(
                "Stöd för anhörigvårdare");
        assertThat(names(getJson("/services?search=kamratst%C3%B6d&language=sv"))).containsExactly(
                "Kamratstöd för närståendevårdare på Åland", "Kamratstödsgrupp för cancerdrabbade",
                "Kamratgrupper på nätet för närståendevårdare");
    }

    @Test
    void everyWordMustMatchAndSearchCombinesWithTheThreeClicks() {
        assertThat(names(getJson("/services?search=" + encode("omaishoitajien vertaistuki"))))
                .containsExactly("Omaishoitajien vertaistukiryhmä", "Omaishoitajien verkkovertaisryhmät",
                        "Surun jakaminen – vertaisryhmä omaisensa menettäneille");
        assertThat(names(getJson("/services?search=vertaistuki&municipality=091")))
                .containsExactly("Syöpään sairastuneiden vertaistukiryhmä", "Omaishoitajien verkkovertaisryhmät");
        assertThat(names(getJson("/services?search=omaishoitaja&municipality=478")))
                .containsExactly("Tukea omaishoitajille");
    }

    @Test
    void punctuationAndUnknownWordsFindNothingWithoutAnError() {
        assertThat(getJson("/services?search=" + encode("xyzzy")).path("total_items").asInt()).isZero();
        assertThat(getJson("/services?search=" + encode("'&|!:*()")).path("total_items").asInt()).isEqualTo(16);
        assertThat(getJson("/services?search=" + encode("ja")).path("total_items").asInt()).isZero();
    }

    @Test
    void organisationsAreSearchedByTheirNames() {
        // The federation's description speaks of omaishoitajien (carers'), so it is found after the name match.
        assertThat(names(getJson("/organizations?search=omaishoitajat"))).containsExactly(
                "Kuopion Seudun Omaishoitajat ry", "Läheis- ja omaishoitoliitto ry");
        assertThat(names(getJson("/organizations?search=f%C3%B6rbundet&language=sv"))).containsExactly(
                "Förbundet för närståendevårdare rf");
    }

    @Test
    void representativeQueriesGiveTheirGoldenResponses() {
        GoldenFiles.assertMatches("api/search-omaishoitaja.json",
                goldenForm(getJson("/services?search=omaishoitaja&per_page=3")));
        GoldenFiles.assertMatches("api/search-anhorig-sv.json",
                goldenForm(getJson("/services?search=anh%C3%B6rig&language=sv")));
    }
}
