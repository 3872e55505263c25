package fi.tarjotin.source.toimeksi;

import fi.tarjotin.source.http.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Toimeksi source ({@code tarjotin.sources.toimeksi.*}): one WordPress site of the Toimeksi network,
 * read through its REST API. application.yaml documents every value.
 *
 * @param regions names of the site's {@code tm_sote-alue} terms to import; with {@code municipalities}
 *     both empty, everything the site lists
 * @param municipalities names of the site's {@code tm_municipality} terms to import
 * @param perPage items per page, at most WordPress's 100
 * @param maxPages a listing reporting more pages than this is refused
 * @param importOnStartup run a full import at start-up when there has never been a successful one
 */
@ConfigurationProperties("tarjotin.sources.toimeksi")
public record ToimeksiProperties(boolean enabled, URI baseUrl, List<String> regions, List<String> municipalities,
        int perPage, int maxPages, String incrementalCron, String fullCron, boolean importOnStartup, Http http) {

    public ToimeksiProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
        municipalities = municipalities == null ? List.of() : List.copyOf(municipalities);
    }

    /** Timeouts and retries, see {@link HttpSettings}. */
    public record Http(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff) {

        public HttpSettings settings() {
            return new HttpSettings(connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff);
        }
    }
}
