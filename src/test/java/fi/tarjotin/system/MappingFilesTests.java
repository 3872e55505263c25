package fi.tarjotin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.tarjotin.model.Taxonomies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Mapping files are read through one resolver: the copy in {@code tarjotin.mappings-directory} where it has one,
 * else the default packaged from the shipped {@code mappings/}; a broken file stops start-up naming the file and
 * the property.
 */
class MappingFilesTests {

    private static final Path SHIPPED = Path.of("mappings");

    @Test
    void withNoDirectoryEveryShippedMappingIsPackaged(@TempDir Path work) throws IOException {
        MappingFiles mappings = new MappingFiles(work.resolve("mappings"));

        List<MappingFile> packaged = mappings.files("", "");

        assertThat(packaged).extracting(MappingFile::name).containsExactlyElementsOf(shippedNames());
        assertThat(packaged).noneMatch(MappingFile::fromDirectory);
        assertThat(mappings.file("dedup/survivorship.yaml").read())
                .isEqualTo(Files.readString(SHIPPED.resolve("dedup/survivorship.yaml")));
        assertThat(mappings.file("dedup/survivorship.yaml")).hasToString("dedup/survivorship.yaml (packaged default)");
    }

    @Test
    void aFileInTheDirectoryReplacesItsDefaultAndTheOthersStayPackaged(@TempDir Path directory) throws IOException {
        write(directory, "taxonomy/activity-categories.csv", Files.readString(SHIPPED.resolve(
                "taxonomy/activity-categories.csv")).replace("Vertaistuki", "Vertaistuki ja vertaisryhmät"));
        write(directory, "ptv/extra-table.csv", "code,category\nx,liikunta\n");
        MappingFiles mappings = new MappingFiles(directory);

        Taxonomies taxonomies = new Taxonomies(mappings);

        assertThat(taxonomies.activityCategories().get("vertaistuki").get("label_fi"))
                .isEqualTo("Vertaistuki ja vertaisryhmät");
        assertThat(taxonomies.needCodes()).contains("muistisairaudet");
        assertThat(mappings.file("taxonomy/activity-categories.csv").fromDirectory()).isTrue();
        assertThat(mappings.file("taxonomy/needs.csv").fromDirectory()).isFalse();
        assertThat(mappings.files("ptv", ".csv")).extracting(MappingFile::name)
                .contains("ptv/extra-table.csv", "ptv/service-class-categories.csv").doesNotHaveDuplicates();
    }

    @Test
    void aBrokenFileStopsStartUpNamingTheFileAndTheDirectoryProperty(@TempDir Path directory) throws IOException {
        write(directory, "taxonomy/needs.csv", "label_fi\nMuisti\n");
        MappingFiles mappings = new MappingFiles(directory);

        assertThatThrownBy(() -> new Taxonomies(mappings)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                invalid -> {
                    FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer().analyze(invalid);
                    assertThat(analysis.getDescription()).isEqualTo("Invalid mapping file "
                            + directory.resolve("taxonomy/needs.csv") + ": has no column 'code' (columns: [label_fi])");
                    assertThat(analysis.getAction()).isEqualTo("Fix " + directory.resolve("taxonomy/needs.csv")
                            + " (in the directory the property 'tarjotin.mappings-directory' names, where a file "
                            + "replaces the packaged default of the same name) and start again.");
                });
    }

    @Test
    void aBrokenPackagedDefaultIsFixedByACopyInTheDirectory(@TempDir Path directory) {
        MappingFile packaged = new MappingFiles(directory).file("taxonomy/needs.csv");

        assertThat(new InvalidConfigurationFailureAnalyzer().analyze(packaged.invalid("row 3: no code")).getAction())
                .startsWith("Put a corrected copy of the packaged taxonomy/needs.csv at "
                        + directory.resolve("taxonomy/needs.csv") + " (in the directory the property "
                        + "'tarjotin.mappings-directory' names");
    }

    @Test
    void aPropertyNamesAMappingFileOrAFileOfItsOwn(@TempDir Path directory) throws IOException {
        MappingFiles mappings = new MappingFiles(directory.resolve("mappings"));
        Path own = write(directory, "scope.csv", "service_class\nP5\n");

        assertThat(mappings.named("tarjotin.x", "ptv/service-class-scope.csv").fromDirectory()).isFalse();
        assertThat(mappings.named("tarjotin.x", own.toString()).read()).isEqualTo("service_class\nP5\n");
        assertThat(new InvalidConfigurationFailureAnalyzer().analyze(
                mappings.named("tarjotin.x", own.toString()).invalid("lists 'Q1'")).getAction())
                .isEqualTo("Fix " + own + " (the file the property 'tarjotin.x' names) and start again.");
        assertThatThrownBy(() -> mappings.named("tarjotin.x", "ptv/no-such.csv"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: tarjotin.x is 'ptv/no-such.csv', which is neither a mapping file "
                        + "(in " + directory.resolve("mappings") + " or packaged) nor a readable file");
    }

    private static List<String> shippedNames() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            return files.filter(Files::isRegularFile).map(file -> SHIPPED.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> !name.endsWith("README.md")).sorted().toList();
        }
    }

    private static Path write(Path directory, String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
