package fi.tarjotin.source.ptv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.TarjotinApplication;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong PTV setting stops start-up with a message that names the property. */
class PtvConfigurationValidationTests {

    private static final MappingFiles MAPPINGS = new MappingFiles(Path.of("mappings"));
    private static final Taxonomies TAXONOMIES = new Taxonomies(MAPPINGS);

    @Test
    void acceptsTheDefaults() {
        assertThat(fetcher(properties("v11", "", List.of("297", "91"), "0 7 * * * ?")).version()).isEqualTo("v11");
        assertThat(fetcher(properties("v12", "key", List.of(), "0 7 * * * ?")).version()).isEqualTo("v12");
    }

    @Test
    void v12WithoutAnApiKeyNamesTheKeyProperty() {
        assertThatThrownBy(() -> fetcher(properties("v12", " ", List.of("297"), "0 7 * * * ?")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: tarjotin.sources.ptv.v12.api-key must be set when api-version is "
                        + "v12 (PTV v12 requires an API key); or use api-version v11");
    }

    @Test
    void unknownMunicipalityCodeNamesTheScopeProperty() {
        assertThatThrownBy(() -> fetcher(properties("v11", "", List.of("297", "999"), "0 7 * * * ?")))
                .hasMessage("Invalid configuration: tarjotin.sources.ptv.scope.municipalities contains '999', which is "
                        + "not a municipality code in mappings/taxonomy/municipalities.csv");
    }

    @Test
    void malformedCronNamesTheCronProperty() {
        assertThatThrownBy(() -> fetcher(properties("v11", "", List.of("297"), "every hour")))
                .hasMessage("Invalid configuration: tarjotin.sources.ptv.incremental-cron is 'every hour', not a valid "
                        + "Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
    }

    @Test
    void unknownApiVersionNamesTheVersionProperty() {
        assertThatThrownBy(() -> fetcher(properties("v13", "", List.of("297"), "0 7 * * * ?")))
                .hasMessage("Invalid configuration: tarjotin.sources.ptv.api-version is 'v13'; expected v12 or v11");
    }

    @Test
    void serviceStopsAtStartWithThePropertyInTheMessage() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(TarjotinApplication.class).profiles("test");

        assertThatThrownBy(() -> application.run("--tarjotin.sources.ptv.api-version=v12",
                "--tarjotin.sources.ptv.v12.api-key=", "--server.port=0"))
                .rootCause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("tarjotin.sources.ptv.v12.api-key");
    }

    private static fi.tarjotin.source.SourceFetcher fetcher(PtvProperties properties) {
        return new PtvConfiguration().ptvFetcher(properties, TAXONOMIES, MAPPINGS, new ObjectMapper(), Runnable::run);
    }

    private static PtvProperties properties(String version, String apiKey, List<String> municipalities, String cron) {
        return new PtvProperties(true, version, new PtvProperties.V11(URI.create("https://ptv.example")),
                new PtvProperties.V12(URI.create("https://ptv.example"), apiKey),
                new PtvProperties.Scope(municipalities, List.of(), true, "ptv/service-class-scope.csv"),
                cron, "0 40 2 ? * SUN", true, 100,
                new PtvProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofMillis(1),
                        Duration.ofMillis(1)));
    }
}
