package fi.tarjotin.source.lahella;

import fi.tarjotin.source.http.HttpSettings;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lähellä.fi source ({@code tarjotin.sources.lahella.*}); application.yaml documents every value.
 *
 * @param cookie sent as the {@code Cookie} header when set (the session cookies of a lähellä.fi account)
 * @param bearerToken sent as {@code Authorization: Bearer} when set
 * @param regions lähellä.fi region codes ({@code city/FI/<kunta>}, {@code state/FI/<maakunta>}); empty for all
 * @param groups lähellä.fi group (organisation) keys whose activities to read; empty for all
 * @param maxPages a listing that still says it has more after this many pages fails the run
 * @param importOnStartup run a full import at start-up when there has never been a successful one
 */
@ConfigurationProperties("tarjotin.sources.lahella")
public record LahellaProperties(boolean enabled, URI baseUrl, String cookie, String bearerToken, List<String> regions,
        List<String> groups, int pageSize, int maxPages, String fullCron, boolean importOnStartup, HttpSettings http) {

    public LahellaProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
