package fi.tarjotin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Camel loads each route file once: the copy in {@code tarjotin.routes-directory} where it has one, else the packaged one. */
class RouteFilesTests {

    private static final Path SHIPPED = Path.of("routes");

    @Test
    void withNoDirectoryEveryShippedRouteIsLoadedFromTheJar(@TempDir Path work) throws IOException {
        MockEnvironment environment = new MockEnvironment().withProperty(RouteFiles.DIRECTORY_PROPERTY,
                work.resolve("routes").toString());

        new RouteFiles(Supplier::get).postProcessEnvironment(environment, new SpringApplication());

        Map<String, String> expected = new TreeMap<>();
        shippedNames().forEach(name -> expected.put(name, "classpath:tarjotin/routes/" + name));
        assertThat(environment.getProperty(RouteFiles.CAMEL_PATTERN)).isEqualTo(String.join(",", expected.values()));
    }

    @Test
    void aFileInTheDirectoryReplacesThePackagedRouteOfItsNameAndANewOneIsAdded(@TempDir Path directory)
            throws IOException {
        Files.writeString(directory.resolve("coverage-snapshot.yaml"), "- route: {}\n");
        Files.writeString(directory.resolve("extra-flow.yaml"), "- route: {}\n");
        Files.writeString(directory.resolve("notes.txt"), "not a route");

        Map<String, String> routes = RouteFiles.routes(directory, getClass().getClassLoader());

        assertThat(routes).hasSize(shippedNames().size() + 1)
                .containsEntry("coverage-snapshot.yaml", "file:" + directory.toAbsolutePath().resolve("coverage-snapshot.yaml"))
                .containsEntry("extra-flow.yaml", "file:" + directory.toAbsolutePath().resolve("extra-flow.yaml"))
                .containsEntry("ptv-source.yaml", "classpath:tarjotin/routes/ptv-source.yaml");
    }

    @Test
    void anExplicitCamelIncludePatternIsLeftAsItIs() {
        MockEnvironment environment = new MockEnvironment().withProperty(RouteFiles.CAMEL_PATTERN, "file:elsewhere/*.yaml");

        new RouteFiles(Supplier::get).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(RouteFiles.CAMEL_PATTERN)).isEqualTo("file:elsewhere/*.yaml");
    }

    private static java.util.List<String> shippedNames() throws IOException {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml")).sorted().toList();
        }
    }
}
