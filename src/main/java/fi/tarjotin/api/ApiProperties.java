package fi.tarjotin.api;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public read API ({@code tarjotin.api.*}).
 *
 * @param defaultPerPage page size when a request gives none
 * @param maxPerPage the largest {@code per_page} accepted; larger is a 400
 * @param cacheMaxAge how long browsers and proxies may reuse a response ({@code Cache-Control: max-age})
 * @param corsAllowedOrigins origins of tray frontends allowed to call the API from a browser; {@code *} for any
 * @param renderedCacheSize how many rendered service list items are kept until the catalogue changes (0: none)
 */
@ConfigurationProperties("tarjotin.api")
public record ApiProperties(@DefaultValue("25") int defaultPerPage, @DefaultValue("100") int maxPerPage,
        @DefaultValue("60s") Duration cacheMaxAge, @DefaultValue("*") List<String> corsAllowedOrigins,
        @DefaultValue("20000") int renderedCacheSize) {
}
