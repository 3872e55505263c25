package fi.tarjotin.source.lahella;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.CsvTable;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.MappingFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which activities a tray's configured lähellä.fi regions take, with the real tables under
 * {@code mappings/}: regions and municipalities cover each other both ways.
 */
class LahellaRegionsTests {

    private static final MappingFiles MAPPINGS = new MappingFiles(Path.of("mappings"));
    private static final Taxonomies TAXONOMIES = new Taxonomies(MAPPINGS);
    private static final Crosswalks CROSSWALKS = new Crosswalks(MAPPINGS, TAXONOMIES);
    // The 19 region codes of lähellä.fi's activity form (reverse-engineered enumeration).
    private static final List<String> LAHELLA_STATES = List.of("state/FI/Ahvenanmaa", "state/FI/Etelä-Karjala",
            "state/FI/Etelä-Pohjanmaa", "state/FI/Etelä-Savo", "state/FI/Kainuu", "state/FI/Kanta-Häme",
            "state/FI/Keski-Pohjanmaa", "state/FI/Keski-Suomi", "state/FI/Kymenlaakso", "state/FI/Lappi",
            "state/FI/Pirkanmaa", "state/FI/Pohjanmaa", "state/FI/Pohjois-Karjala", "state/FI/Pohjois-Pohjanmaa",
            "state/FI/Pohjois-Savo", "state/FI/Päijät-Häme", "state/FI/Satakunta", "state/FI/Uusimaa",
            "state/FI/Varsinais-Suomi");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void configuredRegionTakesActivitiesOfItsMunicipalitiesAndOfItself() {
        LahellaRegions pohjoisSavo = configured("state/FI/Pohjois-Savo");

        assertThat(pohjoisSavo.cover(codes("city/FI/Kuopio"))).isTrue();
        assertThat(pohjoisSavo.cover(codes("city/FI/Tampere", "state/FI/Pohjois-Savo"))).isTrue();
        assertThat(pohjoisSavo.cover(codes("city/FI/Tampere", "state/FI/Pirkanmaa"))).isFalse();
    }

    @Test
    void configuredMunicipalityTakesActivitiesOfItsWholeRegionButNotOfItsNeighbours() {
        LahellaRegions kuopio = configured("city/FI/Kuopio");

        assertThat(kuopio.cover(codes("state/FI/Pohjois-Savo"))).isTrue();
        assertThat(kuopio.cover(codes("city/FI/Siilinjärvi"))).isFalse();
    }

    @Test
    void uusimaaSpansItsFourCountiesAndHelsinki() {
        LahellaRegions uusimaa = configured("state/FI/Uusimaa");

        assertThat(uusimaa.cover(codes("city/FI/Helsinki"))).isTrue();
        assertThat(uusimaa.cover(codes("city/FI/Porvoo"))).isTrue();
        assertThat(uusimaa.cover(codes("city/FI/Lahti"))).isFalse();
    }

    @Test
    void alandAndMergedMunicipalitiesResolveThroughTheRegionTable() {
        assertThat(configured("state/FI/Ahvenanmaa").cover(codes("city/FI/Maarianhamina"))).isTrue();
        assertThat(configured("city/FI/Kankaanpää").cover(codes("city/FI/Honkajoki"))).isTrue();
    }

    @Test
    void activityWithoutRegionIsNationalAndNoConfiguredRegionTakesEverything() {
        assertThat(configured("city/FI/Kuopio").cover(codes())).isTrue();
        assertThat(configured().cover(codes("city/FI/Tampere"))).isTrue();
    }

    @Test
    void everyLahellaRegionResolvesAndStateCountiesNamesOnlyKnownCounties() {
        CsvTable stateCounties = CsvTable.read(MAPPINGS.file("lahella/state-counties.csv"));

        assertThat(stateCounties.column("wellbeing_services_county"))
                .allMatch(TAXONOMIES.wellbeingServicesCountyCodes()::contains);
        LahellaRegions everyRegion = LahellaRegions.configured("regions", LAHELLA_STATES, TAXONOMIES, CROSSWALKS);
        assertThat(everyRegion.codes()).hasSize(19);
        assertThat(TAXONOMIES.municipalityCodes()).allMatch(code ->
                everyRegion.cover(codes("city/FI/" + TAXONOMIES.municipalities().get(code).get("name_fi"))));
    }

    private static LahellaRegions configured(String... codes) {
        return LahellaRegions.configured("regions", List.of(codes), TAXONOMIES, CROSSWALKS);
    }

    private JsonNode codes(String... codes) {
        return json.valueToTree(List.of(codes));
    }
}
