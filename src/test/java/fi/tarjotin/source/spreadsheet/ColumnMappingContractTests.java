package fi.tarjotin.source.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.tarjotin.system.CsvFile;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFiles;
import fi.tarjotin.system.SpreadsheetFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column-mapping files in {@code mappings/spreadsheet/} are a contract: the shipped one loads and
 * covers the whole registration form, and a broken one stops start-up naming the file and the reason.
 */
class ColumnMappingContractTests {

    @Test
    void theShippedMappingCoversTheTraysRegistrationForm() {
        ColumnMapping mapping = ColumnMappings.load(new MappingFiles(Path.of("mappings"))).find("jarjestot").orElseThrow();

        assertThat(mapping.usedColumns()).containsOnlyKeys("id", "name", "introduction", "business-id",
                "municipalities", "street", "postal-code", "post-office", "email", "website", "needs", "categories",
                "keywords", "maintainer-emails", "members", "employees", "volunteers", "volunteer-hours-per-year",
                "volunteering-professionally-supported", "sector", "education-background", "phones[0].number",
                "phones[0].description", "phones[1].number", "phones[1].description");
        assertThat(mapping.retiresMissingRows()).isTrue();
        assertThat(mapping.language()).isEqualTo("fi");
        assertThat(mapping.listSeparators()).isEqualTo(",;\n");
    }

    @Test
    void theShippedExampleFileHasEveryColumnTheMappingNames() throws IOException, SpreadsheetFileException {
        ColumnMapping mapping = ColumnMappings.load(new MappingFiles(Path.of("mappings"))).find("jarjestot").orElseThrow();
        CsvFile example = CsvFile.parse(Files.readAllBytes(Path.of("examples/spreadsheet/jarjestot.csv")));

        assertThat(example.headers()).containsAll(mapping.usedColumns().values());
    }

    @Test
    void aBrokenMappingStopsLoadingWithTheFileAndTheReason(@TempDir Path directory) throws IOException {
        assertInvalid(directory, "typo.yaml", "columns:\n  name: Nimi\n  municipalites: Kunnat\n",
                "Unrecognized field \"municipalites\"");
        assertInvalid(directory, "no-name.yaml", "columns:\n  id: Tunnus\n",
                "columns.name must name the column holding the organisation's name");
        assertInvalid(directory, "mode.yaml", "mode: replace\ncolumns:\n  name: Nimi\n",
                "mode is 'replace'; expected full or additions");
        assertInvalid(directory, "language.yaml", "language: se\ncolumns:\n  name: Nimi\n",
                "language is 'se'; expected fi, sv or en");
        assertInvalid(directory, "Isot_Kirjaimet.yaml", "columns:\n  name: Nimi\n",
                "its name must be lower-case letters, digits and hyphens");
    }

    @Test
    void additionsModeRetiresNothing(@TempDir Path directory) throws IOException {
        Files.writeString(Files.createDirectories(directory.resolve("spreadsheet")).resolve("uudet.yaml"),
                "mode: additions\ncolumns:\n  name: Nimi\n");

        ColumnMapping mapping = ColumnMappings.load(new MappingFiles(directory)).find("uudet").orElseThrow();

        assertThat(mapping.retiresMissingRows()).isFalse();
        assertThat(mapping.usedColumns()).containsExactly(Map.entry("name", "Nimi"));
    }

    private static void assertInvalid(Path directory, String file, String content, String reason) throws IOException {
        Path folder = Files.createDirectories(directory.resolve(file.replace(".yaml", "")).resolve("spreadsheet"));
        Files.writeString(folder.resolve(file), content);

        assertThatThrownBy(() -> ColumnMappings.load(new MappingFiles(folder.getParent())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Invalid mapping file " + folder.resolve(file)
                        + ": the spreadsheet column mapping is invalid: ")
                .hasMessageContaining(reason);
    }
}
