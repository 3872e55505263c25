package fi.tarjotin.source.spreadsheet;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The spreadsheet source ({@code tarjotin.sources.spreadsheet.*}); application.yaml documents every value.
 *
 * @param inbox where coordinators drop files, one folder per column mapping
 * @param pollInterval how often the inbox is looked at
 * @param maxFileSize larger files are refused, from the inbox and from uploads
 */
@ConfigurationProperties("tarjotin.sources.spreadsheet")
public record SpreadsheetProperties(boolean enabled, Path inbox, Duration pollInterval, DataSize maxFileSize) {
}
