package fi.tarjotin.source.spreadsheet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The column-mapping files under {@code mappings/spreadsheet/}. They are a contract checked when the
 * service starts: an unknown key, a missing name column, an unknown mode or language stops start-up
 * with the file's name and the reason, so a typo never silently drops a column.
 */
final class ColumnMappings {

    private static final Pattern MAPPING_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");
    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();

    private static final String FOLDER = "spreadsheet";

    private final Map<String, ColumnMapping> byName;

    private ColumnMappings(Map<String, ColumnMapping> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    static ColumnMappings load(MappingFiles files) {
        Map<String, ColumnMapping> mappings = new TreeMap<>();
        for (MappingFile file : files.files(FOLDER, ".yaml")) {
            if (file.name().indexOf('/', FOLDER.length() + 1) < 0) {
                ColumnMapping mapping = read(file);
                mappings.put(mapping.name(), mapping);
            }
        }
        return new ColumnMappings(mappings);
    }

    Optional<ColumnMapping> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Map<String, ColumnMapping> all() {
        return byName;
    }

    private static ColumnMapping read(MappingFile file) {
        String name = file.name().substring(FOLDER.length() + 1).replaceFirst("\\.yaml$", "");
        if (!MAPPING_NAME.matcher(name).matches()) {
            throw invalid(file, "its name must be lower-case letters, digits and hyphens (it names the inbox "
                    + "folder and the source spreadsheet-" + name + ")");
        }
        ColumnMapping read;
        try {
            read = YAML.readValue(file.read(), ColumnMapping.class);
        } catch (IOException e) {
            throw invalid(file, e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        if (read == null || read.columns() == null || read.columns().name() == null
                || read.columns().name().isBlank()) {
            throw invalid(file, "columns.name must name the column holding the organisation's name");
        }
        String mode = read.mode() == null ? "full" : read.mode();
        if (!ColumnMapping.MODES.contains(mode)) {
            throw invalid(file, "mode is '" + mode + "'; expected full or additions");
        }
        String language = read.language() == null ? "fi" : read.language();
        if (!LANGUAGES.contains(language)) {
            throw invalid(file, "language is '" + language + "'; expected fi, sv or en");
        }
        for (ColumnMapping.PhoneColumns phone : read.phones()) {
            if (phone.number() == null || phone.number().isBlank()) {
                throw invalid(file, "every entry of phones needs a number column");
            }
        }
        String separators = read.listSeparators() == null || read.listSeparators().isEmpty() ? ",;\n"
                : read.listSeparators();
        return new ColumnMapping(name, read.description(), mode, language, read.columns(), read.phones(),
                separators, read.wholeCountry());
    }

    private static InvalidConfigurationException invalid(MappingFile file, String reason) {
        return file.invalid("the spreadsheet column mapping is invalid: " + reason);
    }
}
