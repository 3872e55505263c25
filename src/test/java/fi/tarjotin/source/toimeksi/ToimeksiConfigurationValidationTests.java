package fi.tarjotin.source.toimeksi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.TarjotinApplication;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.system.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong Toimeksi setting stops start-up with a message that names the property. */
class ToimeksiConfigurationValidationTests {

    private static final String HOURLY = "0 17 * * * ?";

    @Test
    void acceptsTheDefaults() {
        SourceFetcher fetcher = fetcher(properties("https://www.pohjoissavolaiset.fi", List.of("Pohjois-Savo"), 100, 1000,
                HOURLY));

        assertThat(List.of(fetcher.source(), fetcher.version(), fetcher.mappingSet()))
                .containsExactly("toimeksi", "wp/v2", "toimeksi");
    }

    @Test
    void baseUrlThatIsNoHttpUrlNamesTheBaseUrlProperty() {
        assertThatThrownBy(() -> fetcher(properties("ftp://www.pohjoissavolaiset.fi", List.of(), 100, 1000, HOURLY)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: tarjotin.sources.toimeksi.base-url must be an http(s) URL, "
                        + "is 'ftp://www.pohjoissavolaiset.fi'");
    }

    @Test
    void perPageOutsideWordPressLimitsNamesThePerPageProperty() {
        for (int perPage : new int[] {0, 101}) {
            assertThatThrownBy(() -> fetcher(properties("https://toimeksi.example", List.of(), perPage, 1000, HOURLY)))
                    .hasMessage("Invalid configuration: tarjotin.sources.toimeksi.per-page is " + perPage
                            + "; must be between 1 and 100 (WordPress's limit)");
        }
    }

    @Test
    void maxPagesBelowOneNamesTheMaxPagesProperty() {
        assertThatThrownBy(() -> fetcher(properties("https://toimeksi.example", List.of(), 100, 0, HOURLY)))
                .hasMessage("Invalid configuration: tarjotin.sources.toimeksi.max-pages is 0; must be at least 1");
    }

    @Test
    void malformedCronNamesTheCronProperty() {
        assertThatThrownBy(() -> fetcher(properties("https://toimeksi.example", List.of(), 100, 1000, "hourly")))
                .hasMessage("Invalid configuration: tarjotin.sources.toimeksi.incremental-cron is 'hourly', not a "
                        + "valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
    }

    @Test
    void blankRegionNameNamesTheRegionsProperty() {
        assertThatThrownBy(() -> fetcher(properties("https://toimeksi.example", List.of("Pohjois-Savo", " "), 100, 1000,
                HOURLY)))
                .hasMessage("Invalid configuration: tarjotin.sources.toimeksi.regions contains a blank name");
    }

    @Test
    void serviceStopsAtStartWithThePropertyInTheMessage() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(TarjotinApplication.class).profiles("test");

        assertThatThrownBy(() -> application.run("--tarjotin.sources.toimeksi.per-page=101", "--server.port=0"))
                .rootCause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("tarjotin.sources.toimeksi.per-page");
    }

    private static SourceFetcher fetcher(ToimeksiProperties properties) {
        return new ToimeksiConfiguration().toimeksiFetcher(properties, new ObjectMapper(), Runnable::run);
    }

    private static ToimeksiProperties properties(String baseUrl, List<String> regions, int perPage, int maxPages,
            String incrementalCron) {
        return new ToimeksiProperties(true, URI.create(baseUrl), regions, List.of(), perPage, maxPages, incrementalCron,
                "0 50 2 ? * SUN", true, new ToimeksiProperties.Http(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                        Duration.ofMillis(1), Duration.ofMillis(1)));
    }
}
