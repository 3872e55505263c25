package fi.tarjotin.source.lahella;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.TarjotinApplication;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.http.HttpSettings;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong lähellä.fi setting stops start-up with a message that names the property. */
class LahellaConfigurationValidationTests {

    private static final MappingFiles MAPPINGS = new MappingFiles(Path.of("mappings"));
    private static final Taxonomies TAXONOMIES = new Taxonomies(MAPPINGS);
    private static final Crosswalks CROSSWALKS = new Crosswalks(MAPPINGS, TAXONOMIES);
    private static final String BASE_URL = "https://hallinta.lahella.example";

    @Test
    void acceptsCityStateAndNoRegions() {
        assertThat(fetcher(properties(BASE_URL, List.of("state/FI/Pohjois-Savo", "city/FI/Kuopio",
                "city/FI/Helsingfors", "state/FI/Ahvenanmaa", "city/FI/Valtimo"), 100, 1000)).source())
                .isEqualTo("lahella");
        assertThat(fetcher(properties(BASE_URL, List.of(), 1, 1)).mappingSet()).isEqualTo("lahella");
    }

    @Test
    void regionCodeOfAnotherShapeNamesTheRegionsProperty() {
        assertThatThrownBy(() -> fetcher(properties(BASE_URL, List.of("Pohjois-Savo"), 100, 1000)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.regions contains 'Pohjois-Savo', which is "
                        + "not a lähellä.fi region code like city/FI/Kuopio or state/FI/Pohjois-Savo");
    }

    @Test
    void unknownMunicipalityOrRegionNameNamesTheRegionsProperty() {
        assertThatThrownBy(() -> fetcher(properties(BASE_URL, List.of("city/FI/Kuopion kaupunki"), 100, 1000)))
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.regions contains 'city/FI/Kuopion "
                        + "kaupunki', whose name is not a municipality in mappings/taxonomy/municipalities.csv or "
                        + "mappings/lahella/region-municipalities.csv");
        assertThatThrownBy(() -> fetcher(properties(BASE_URL, List.of("state/FI/Itä-Uusimaa"), 100, 1000)))
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.regions contains 'state/FI/Itä-Uusimaa', "
                        + "whose region is not in mappings/lahella/state-counties.csv or "
                        + "mappings/lahella/region-municipalities.csv");
    }

    @Test
    void baseUrlThatIsNoHttpUrlNamesTheBaseUrlProperty() {
        assertThatThrownBy(() -> fetcher(properties("hallinta.lahella.fi", List.of(), 100, 1000)))
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.base-url must be an http(s) URL, "
                        + "is 'hallinta.lahella.fi'");
    }

    @Test
    void pageSizeAndMaxPagesOutOfRangeNameTheirProperties() {
        assertThatThrownBy(() -> fetcher(properties(BASE_URL, List.of(), 101, 1000)))
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.page-size is 101; it must be between 1 "
                        + "and 100");
        assertThatThrownBy(() -> fetcher(properties(BASE_URL, List.of(), 100, 0)))
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.max-pages is 0; it must be at least 1");
    }

    @Test
    void malformedCronNamesTheCronProperty() {
        LahellaProperties valid = properties(BASE_URL, List.of(), 100, 1000);
        LahellaProperties nightlyInWords = new LahellaProperties(true, valid.baseUrl(), "", "", List.of(), List.of(),
                100, 1000, "nightly", false, valid.http());

        assertThatThrownBy(() -> fetcher(nightlyInWords))
                .hasMessage("Invalid configuration: tarjotin.sources.lahella.full-cron is 'nightly', not a valid "
                        + "Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
    }

    @Test
    void serviceStopsAtStartWithThePropertyInTheMessage() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(TarjotinApplication.class).profiles("test");

        assertThatThrownBy(() -> application.run("--tarjotin.sources.lahella.regions=city/FI/Atlantis",
                "--server.port=0"))
                .rootCause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("tarjotin.sources.lahella.regions contains 'city/FI/Atlantis'");
    }

    private static SourceFetcher fetcher(LahellaProperties properties) {
        return new LahellaConfiguration().lahellaFetcher(properties, TAXONOMIES, CROSSWALKS, new ObjectMapper(), Runnable::run);
    }

    private static LahellaProperties properties(String baseUrl, List<String> regions, int pageSize, int maxPages) {
        return new LahellaProperties(true, URI.create(baseUrl), "", "", regions, List.of(), pageSize, maxPages,
                "0 20 3 * * ?", false, new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                        Duration.ofMillis(1), Duration.ofMillis(1)));
    }
}
