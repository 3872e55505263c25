package fi.tarjotin.source.ptv;

import fi.tarjotin.source.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PTV source ({@code tarjotin.sources.ptv.*}); application.yaml documents every value.
 *
 * @param apiVersion {@code v12} (API key) or {@code v11} (open)
 * @param importOnStartup run a full import at start-up when there has never been a successful one
 */
@ConfigurationProperties("tarjotin.sources.ptv")
public record PtvProperties(boolean enabled, String apiVersion, V11 v11, V12 v12, Scope scope,
        String incrementalCron, String fullCron, boolean importOnStartup, int pageSize, Http http) {

    /** The open v11 API. */
    public record V11(URI baseUrl) {
    }

    /** The v12 API; every request carries the key in {@code x-api-key}. */
    public record V12(URI baseUrl, String apiKey) {
    }

    /**
     * What part of PTV this tray imports.
     *
     * @param serviceClassesFile a CSV with a {@code service_class} column; empty for every class
     */
    public record Scope(List<String> municipalities, List<String> wellbeingServicesCounties,
            boolean includeWholeCountry, String serviceClassesFile) {

        public Scope {
            municipalities = municipalities == null ? List.of() : List.copyOf(municipalities);
            wellbeingServicesCounties = wellbeingServicesCounties == null ? List.of()
                    : List.copyOf(wellbeingServicesCounties);
        }
    }

    /** Timeouts and retries, see {@link HttpSettings}. */
    public record Http(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff) {

        public HttpSettings settings() {
            return new HttpSettings(connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff);
        }
    }
}
