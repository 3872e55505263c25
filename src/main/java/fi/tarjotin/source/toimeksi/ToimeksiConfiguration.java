package fi.tarjotin.source.toimeksi;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.SourceSettings;
import fi.tarjotin.source.StartupImport;
import fi.tarjotin.source.StoredRecordReplay;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.system.InvalidConfigurationException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Toimeksi source: checks its configuration (a bad value stops start-up with the property's
 * name) and starts the first full import when the catalogue has none. The term names of the filters are
 * resolved at each run, not here: the site may be down at start-up, and its term ids may change.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tarjotin.sources.toimeksi.enabled", havingValue = "true", matchIfMissing = true)
class ToimeksiConfiguration {

    static final String SOURCE = "toimeksi";
    static final String PREFIX = "tarjotin.sources.toimeksi.";
    // WordPress refuses per_page above 100 (rest_invalid_param).
    private static final int WORDPRESS_MAX_PER_PAGE = 100;

    @Bean
    SourceFetcher toimeksiFetcher(ToimeksiProperties properties, ObjectMapper json,
            @Qualifier("sourcePrefetchExecutor") Executor requestsAhead) {
        URI baseUrl = SourceSettings.requireHttpUrl(PREFIX + "base-url", properties.baseUrl());
        SourceSettings.requireCron(PREFIX + "incremental-cron", properties.incrementalCron());
        SourceSettings.requireCron(PREFIX + "full-cron", properties.fullCron());
        if (properties.perPage() < 1 || properties.perPage() > WORDPRESS_MAX_PER_PAGE) {
            throw new InvalidConfigurationException(PREFIX + "per-page", "is " + properties.perPage()
                    + "; must be between 1 and " + WORDPRESS_MAX_PER_PAGE + " (WordPress's limit)");
        }
        if (properties.maxPages() < 1) {
            throw new InvalidConfigurationException(PREFIX + "max-pages", "is " + properties.maxPages()
                    + "; must be at least 1");
        }
        requireNames("regions", properties.regions());
        requireNames("municipalities", properties.municipalities());
        if (properties.http() == null) {
            throw new InvalidConfigurationException(PREFIX + "http", "is missing");
        }
        ResilientHttpClient http = new ResilientHttpClient(properties.http().settings(), requestsAhead);
        return new ToimeksiFetcher(http, json, baseUrl, properties.regions(), properties.municipalities(),
                properties.perPage(), properties.maxPages());
    }

    @Bean
    StartupImport toimeksiStartupImport(ToimeksiProperties properties, JdbcImportRunRepository runs,
            ImportLauncher launcher, StoredRecordReplay storedRecords, SourceFetcher toimeksiFetcher) {
        return new StartupImport(toimeksiFetcher, properties.importOnStartup(), runs, launcher, storedRecords);
    }

    /** Term names as the site spells them; a blank one would match nothing and fail every run. */
    private static void requireNames(String property, List<String> names) {
        for (String name : names) {
            if (name.isBlank()) {
                throw new InvalidConfigurationException(PREFIX + property, "contains a blank name");
            }
        }
    }
}
