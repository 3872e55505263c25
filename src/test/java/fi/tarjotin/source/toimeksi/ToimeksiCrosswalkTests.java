package fi.tarjotin.source.toimeksi;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.model.CsvTable;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.MappingFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What the start-up check of crosswalks cannot see in the Toimeksi tables: county codes are checked only
 * here (the crosswalk loader knows the category and need columns), and the mapping files look rows up by
 * the lower-cased term name, so a row with a capital letter would never match.
 */
class ToimeksiCrosswalkTests {

    private static final MappingFiles MAPPINGS = new MappingFiles(Path.of("mappings"));
    private final Taxonomies taxonomies = new Taxonomies(MAPPINGS);

    @Test
    void everyRegionPointsAtAWellbeingServicesCounty() {
        CsvTable regions = table("region-counties.csv");

        assertThat(regions.column("wellbeing_services_county")).hasSize(regions.rows().size())
                .allSatisfy(code -> assertThat(taxonomies.wellbeingServicesCountyCodes()).contains(code));
        assertThat(regions.column("region")).as("the 2018 tm_sote-alue names but Valtakunnallinen")
                .containsOnly("etelä-karjala", "etelä-pohjanmaa", "etelä-savo", "kaakkois-suomi", "kainuu", "kanta-häme",
                        "keski-pohjanmaa", "keski-suomi", "kymenlaakso", "lappi", "pirkanmaa", "pohjanmaa",
                        "pohjois-karjala", "pohjois-pohjanmaa", "pohjois-savo", "päijät-häme", "satakunta", "uusimaa",
                        "varsinais-suomi");
    }

    @Test
    void termNamesAreLowerCaseAndEveryRowSaysWhereItComesFrom() {
        for (String file : List.of("region-counties.csv", "keyword-needs.csv", "keyword-categories.csv")) {
            CsvTable table = table(file);
            String nameColumn = table.headers().get(0);
            assertThat(table.column(nameColumn)).as(file)
                    .allSatisfy(name -> assertThat(name).isEqualTo(name.toLowerCase(Locale.ROOT)));
        }
        for (String file : List.of("keyword-needs.csv", "keyword-categories.csv")) {
            assertThat(table(file).column("origin")).as(file).hasSize(table(file).rows().size())
                    .allSatisfy(origin -> assertThat(origin).matches("judgement|yso:p\\d+"));
        }
    }

    private static CsvTable table(String file) {
        return CsvTable.read(MAPPINGS.file("toimeksi/" + file));
    }
}
