package fi.tarjotin.source.spreadsheet;

import java.nio.file.Path;
import java.util.Map;

/**
 * A column mapping as the admin API shows it: where its files go and which columns they need.
 *
 * @param columns form field → the column holding it
 */
public record ColumnMappingView(String name, String description, String source, String mode, String language,
        String inboxFolder, Map<String, String> columns) {

    public static ColumnMappingView of(ColumnMapping mapping, Path inbox) {
        return new ColumnMappingView(mapping.name(), mapping.description(), SpreadsheetFetcher.sourceOf(mapping),
                mapping.mode(), mapping.language(), inbox.resolve(mapping.name()).toAbsolutePath().normalize().toString(),
                mapping.usedColumns());
    }
}
