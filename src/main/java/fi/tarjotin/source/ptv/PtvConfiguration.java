package fi.tarjotin.source.ptv;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.CsvTable;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.SourceSettings;
import fi.tarjotin.source.StartupImport;
import fi.tarjotin.source.StoredRecordReplay;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the PTV source: checks its configuration (a bad value stops start-up with the property's name),
 * picks the v12 or v11 fetcher, and starts the first full import when the catalogue has none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tarjotin.sources.ptv.enabled", havingValue = "true", matchIfMissing = true)
class PtvConfiguration {

    static final String SOURCE = "ptv";
    private static final Logger log = LoggerFactory.getLogger(PtvConfiguration.class);
    private static final String PREFIX = "tarjotin.sources.ptv.";
    private static final Pattern SERVICE_CLASS = Pattern.compile("P\\d+(\\.\\d+)?");

    @Bean
    SourceFetcher ptvFetcher(PtvProperties properties, Taxonomies taxonomies, MappingFiles mappings, ObjectMapper json,
            @Qualifier("sourcePrefetchExecutor") Executor requestsAhead) {
        PtvScope scope = scope(properties, taxonomies, mappings);
        SourceSettings.requireCron(PREFIX + "incremental-cron", properties.incrementalCron());
        SourceSettings.requireCron(PREFIX + "full-cron", properties.fullCron());
        if (properties.pageSize() < 1 || properties.pageSize() > 100) {
            throw new InvalidConfigurationException(PREFIX + "page-size", "must be between 1 and 100 (PTV's limit)");
        }
        ResilientHttpClient http = new ResilientHttpClient(properties.http().settings(), requestsAhead);
        String version = properties.apiVersion() == null ? "" : properties.apiVersion().strip();
        if (version.equals("v12")) {
            URI baseUrl = SourceSettings.requireHttpUrl(PREFIX + "v12.base-url",
                    properties.v12() == null ? null : properties.v12().baseUrl());
            String apiKey = properties.v12().apiKey();
            if (apiKey == null || apiKey.isBlank()) {
                throw new InvalidConfigurationException(PREFIX + "v12.api-key",
                        "must be set when api-version is v12 (PTV v12 requires an API key); or use api-version v11");
            }
            return new PtvV12Fetcher(http, json, baseUrl, apiKey.strip(), scope, properties.pageSize());
        }
        if (version.equals("v11")) {
            URI baseUrl = SourceSettings.requireHttpUrl(PREFIX + "v11.base-url",
                    properties.v11() == null ? null : properties.v11().baseUrl());
            return new PtvV11Fetcher(http, json, baseUrl, scope);
        }
        throw new InvalidConfigurationException(PREFIX + "api-version",
                "is '" + properties.apiVersion() + "'; expected v12 or v11");
    }

    @Bean
    StartupImport ptvStartupImport(PtvProperties properties, JdbcImportRunRepository runs, ImportLauncher launcher,
            StoredRecordReplay storedRecords, SourceFetcher ptvFetcher) {
        return new StartupImport(ptvFetcher, properties.importOnStartup(), runs, launcher, storedRecords);
    }

    private static PtvScope scope(PtvProperties properties, Taxonomies taxonomies, MappingFiles mappings) {
        PtvProperties.Scope scope = properties.scope();
        if (scope == null) {
            throw new InvalidConfigurationException(PREFIX + "scope", "is missing");
        }
        List<String> municipalities = knownCodes("scope.municipalities", scope.municipalities(), 3,
                taxonomies.municipalityCodes(), "a municipality code in mappings/taxonomy/municipalities.csv");
        List<String> counties = knownCodes("scope.wellbeing-services-counties", scope.wellbeingServicesCounties(), 2,
                taxonomies.wellbeingServicesCountyCodes(), "a code in mappings/taxonomy/wellbeing-services-counties.csv");
        Set<String> serviceClasses = serviceClasses(scope.serviceClassesFile(), mappings);
        if (municipalities.isEmpty() && counties.isEmpty()) {
            log.info("PTV scope names no municipality or county: importing the whole country");
        }
        return new PtvScope(municipalities, counties, scope.includeWholeCountry(), serviceClasses);
    }

    /** Codes as configured ("91" or "091"), zero-padded, each once; an unknown one stops start-up. */
    private static List<String> knownCodes(String property, List<String> codes, int length, Set<String> known,
            String what) {
        Set<String> checked = new LinkedHashSet<>();
        for (String code : codes) {
            String normalised = padded(code, length);
            if (!known.contains(normalised)) {
                throw new InvalidConfigurationException(PREFIX + property,
                        "contains '" + code + "', which is not " + what);
            }
            checked.add(normalised);
        }
        return List.copyOf(checked);
    }

    private static Set<String> serviceClasses(String name, MappingFiles mappings) {
        if (name == null || name.isBlank()) {
            return Set.of();
        }
        MappingFile file = mappings.named(PREFIX + "scope.service-classes-file", name.strip());
        CsvTable table = CsvTable.read(file);
        Set<String> codes = new LinkedHashSet<>();
        for (String code : table.column("service_class")) {
            if (!SERVICE_CLASS.matcher(code).matches()) {
                throw file.invalid("lists '" + code + "', which is not a PTV service class code like P5.17");
            }
            codes.add(code);
        }
        return Set.copyOf(codes);
    }

    private static String padded(String code, int length) {
        String trimmed = code == null ? "" : code.strip();
        return trimmed.matches("\\d{1," + length + "}") ? "0".repeat(length - trimmed.length()) + trimmed : trimmed;
    }
}
