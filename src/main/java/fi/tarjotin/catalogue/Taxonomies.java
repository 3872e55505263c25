package fi.tarjotin.catalogue;

import fi.tarjotin.mapping.CsvTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The tray's own vocabularies, read from {@code mappings/taxonomy/}: activity categories, needs and
 * diagnoses, municipalities and wellbeing services counties. Codes are stable; labels may be edited.
 */
@Component
public class Taxonomies {

    private static final Pattern MUNICIPALITY_CODE = Pattern.compile("\\d{3}");

    private final Map<String, Map<String, String>> activityCategories;
    private final Map<String, Map<String, String>> needs;
    private final Map<String, Map<String, String>> municipalities;
    private final Map<String, Map<String, String>> wellbeingServicesCounties;
    private final Map<String, String> mergedMunicipalities;

    public Taxonomies(@Value("${tarjotin.mappings-directory}") Path mappingsDirectory) {
        Path taxonomy = mappingsDirectory.resolve("taxonomy");
        this.activityCategories = byCode(CsvTable.read(taxonomy.resolve("activity-categories.csv")), "code");
        this.needs = byCode(CsvTable.read(taxonomy.resolve("needs.csv")), "code");
        this.municipalities = byCode(CsvTable.read(taxonomy.resolve("municipalities.csv")), "code");
        this.wellbeingServicesCounties = byCode(CsvTable.read(taxonomy.resolve("wellbeing-services-counties.csv")), "code");
        this.mergedMunicipalities = mergers(CsvTable.read(taxonomy.resolve("municipality-mergers.csv")), municipalities);
        municipalities.keySet().stream().filter(code -> !MUNICIPALITY_CODE.matcher(code).matches()).findFirst()
                .ifPresent(code -> {
                    throw new IllegalStateException("municipalities.csv: '" + code + "' is not a 3-digit code");
                });
    }

    public Set<String> activityCategoryCodes() {
        return activityCategories.keySet();
    }

    public Set<String> needCodes() {
        return needs.keySet();
    }

    public Set<String> municipalityCodes() {
        return municipalities.keySet();
    }

    public Set<String> wellbeingServicesCountyCodes() {
        return wellbeingServicesCounties.keySet();
    }

    /**
     * The code to use today for a municipality code a source sends: a merged municipality's code
     * becomes the code of the one it merged into (PTV's code list still carries some); others stay.
     */
    public String currentMunicipalityCode(String code) {
        return mergedMunicipalities.getOrDefault(code, code);
    }

    /** The values of one taxonomy, by its name as a crosswalk column names it ({@code category}, {@code need}). */
    public Set<String> codesFor(String taxonomyColumn) {
        return switch (taxonomyColumn) {
            case "category" -> activityCategoryCodes();
            case "need" -> needCodes();
            case "municipality" -> municipalityCodes();
            default -> null;
        };
    }

    private static Map<String, String> mergers(CsvTable table, Map<String, Map<String, String>> current) {
        Map<String, String> mergers = new LinkedHashMap<>();
        for (Map<String, String> row : table.rows()) {
            String into = row.get("merged_into");
            if (!current.containsKey(into)) {
                throw new IllegalStateException("municipality-mergers.csv: " + row.get("former_code")
                        + " merged into '" + into + "', which is not in municipalities.csv");
            }
            mergers.put(row.get("former_code"), into);
        }
        return Map.copyOf(mergers);
    }

    private static Map<String, Map<String, String>> byCode(CsvTable table, String codeColumn) {
        table.requireHeader(codeColumn);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (Map<String, String> row : table.rows()) {
            if (rows.put(row.get(codeColumn), row) != null) {
                duplicates.add(row.get(codeColumn));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalStateException("Table " + table.file() + " repeats codes " + duplicates);
        }
        return Map.copyOf(rows);
    }
}
