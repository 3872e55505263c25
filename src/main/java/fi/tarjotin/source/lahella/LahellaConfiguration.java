package fi.tarjotin.source.lahella;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.SourceSettings;
import fi.tarjotin.source.StartupImport;
import fi.tarjotin.source.StoredRecordReplay;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.system.InvalidConfigurationException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the lähellä.fi source: checks its configuration (a bad value stops start-up with the property's
 * name), builds the fetcher with its credentials and regions, and starts the first full import when the
 * catalogue has none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tarjotin.sources.lahella.enabled", havingValue = "true", matchIfMissing = true)
class LahellaConfiguration {

    static final String SOURCE = "lahella";
    private static final Logger log = LoggerFactory.getLogger(LahellaConfiguration.class);
    private static final String PREFIX = "tarjotin.sources.lahella.";

    @Bean
    SourceFetcher lahellaFetcher(LahellaProperties properties, Taxonomies taxonomies, Crosswalks crosswalks,
            ObjectMapper json, @Qualifier("sourcePrefetchExecutor") Executor requestsAhead) {
        URI baseUrl = SourceSettings.requireHttpUrl(PREFIX + "base-url", properties.baseUrl());
        SourceSettings.requireCron(PREFIX + "full-cron", properties.fullCron());
        if (properties.pageSize() < 1 || properties.pageSize() > 100) {
            throw new InvalidConfigurationException(PREFIX + "page-size",
                    "is " + properties.pageSize() + "; it must be between 1 and 100");
        }
        if (properties.maxPages() < 1) {
            throw new InvalidConfigurationException(PREFIX + "max-pages", "is " + properties.maxPages()
                    + "; it must be at least 1");
        }
        LahellaRegions regions = LahellaRegions.configured(PREFIX + "regions", properties.regions(), taxonomies,
                crosswalks);
        List<String> groups = properties.groups().stream().filter(group -> group != null && !group.isBlank())
                .map(String::strip).distinct().toList();
        Map<String, String> credentials = credentials(properties);
        if (credentials.isEmpty()) {
            log.info("lähellä.fi source has no credentials (tarjotin.sources.lahella.cookie, bearer-token): "
                    + "its listing may refuse the requests");
        }
        return new LahellaFetcher(new ResilientHttpClient(properties.http(), requestsAhead), json, baseUrl, credentials, regions,
                groups, properties.pageSize(), properties.maxPages());
    }

    @Bean
    StartupImport lahellaStartupImport(LahellaProperties properties, JdbcImportRunRepository runs,
            ImportLauncher launcher, StoredRecordReplay storedRecords, SourceFetcher lahellaFetcher) {
        return new StartupImport(lahellaFetcher, properties.importOnStartup(), runs, launcher, storedRecords);
    }

    /** The headers that carry the configured credentials; none when none are set. */
    private static Map<String, String> credentials(LahellaProperties properties) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (properties.cookie() != null && !properties.cookie().isBlank()) {
            headers.put("Cookie", properties.cookie().strip());
        }
        if (properties.bearerToken() != null && !properties.bearerToken().isBlank()) {
            headers.put("Authorization", "Bearer " + properties.bearerToken().strip());
        }
        return Map.copyOf(headers);
    }
}
