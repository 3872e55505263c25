package fi.tarjotin.source.spreadsheet;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.JdbcRejectedRecordRepository;
import fi.tarjotin.source.StoredRecordReplay;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the spreadsheet source: loads and checks the column mappings in {@code mappings/spreadsheet/}
 * (a broken one stops start-up naming the file) and makes each one's inbox folder, so a coordinator sees
 * where to drop files.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tarjotin.sources.spreadsheet.enabled", havingValue = "true", matchIfMissing = true)
class SpreadsheetConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SpreadsheetConfiguration.class);
    private static final String PREFIX = "tarjotin.sources.spreadsheet.";

    @Bean
    SpreadsheetImports spreadsheetImports(SpreadsheetProperties properties,
            MappingFiles mappingFiles, ImportLauncher launcher,
            JdbcRejectedRecordRepository rejects, Taxonomies taxonomies, ObjectMapper json,
            StoredRecordReplay storedRecords) {
        if (properties.inbox() == null) {
            throw new InvalidConfigurationException(PREFIX + "inbox", "is missing");
        }
        if (properties.pollInterval() == null || properties.pollInterval().isNegative()
                || properties.pollInterval().isZero()) {
            throw new InvalidConfigurationException(PREFIX + "poll-interval", "must be a positive duration");
        }
        if (properties.maxFileSize() == null || properties.maxFileSize().toBytes() <= 0) {
            throw new InvalidConfigurationException(PREFIX + "max-file-size", "must be a positive size like 20MB");
        }
        ColumnMappings mappings = ColumnMappings.load(mappingFiles);
        for (String name : mappings.all().keySet()) {
            createFolder(properties.inbox().resolve(name));
        }
        log.info("Spreadsheet inbox {}: folders for {}", properties.inbox().toAbsolutePath(), mappings.all().keySet());
        return new SpreadsheetImports(mappings, properties, launcher, rejects, taxonomies, json, storedRecords);
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the spreadsheet inbox folder " + folder, e);
        }
    }
}
