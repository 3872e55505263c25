package fi.tarjotin.model;

import fi.tarjotin.system.Hashes;
import fi.tarjotin.system.MappingFiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
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
    private final Map<String, List<String>> municipalitiesByCounty;
    private final Map<String, String> municipalitiesByName;
    private final Map<String, String> categoriesByName;
    private final Map<String, String> needsByName;
    private final String fingerprint;

    public Taxonomies(MappingFiles mappings) {
        this.activityCategories = byCode(CsvTable.read(mappings.file("taxonomy/activity-categories.csv")), "code");
        this.needs = byCode(CsvTable.read(mappings.file("taxonomy/needs.csv")), "code");
        this.municipalities = byCode(CsvTable.read(mappings.file("taxonomy/municipalities.csv")), "code");
        this.wellbeingServicesCounties = byCode(CsvTable.read(mappings.file("taxonomy/wellbeing-services-counties.csv")),
                "code");
        CsvTable mergers = CsvTable.read(mappings.file("taxonomy/municipality-mergers.csv"));
        this.mergedMunicipalities = mergers(mergers, municipalities);
        this.municipalitiesByCounty = municipalitiesByCounty(municipalities);
        this.municipalitiesByName = withFormerNames(byName(municipalities, List.of("name_fi", "name_sv")), mergers);
        this.categoriesByName = byName(activityCategories, List.of("code", "label_fi", "label_sv", "label_en"));
        this.needsByName = byName(needs, List.of("code", "label_fi", "label_sv", "label_en"));
        this.fingerprint = Hashes.sha256(String.join("\n", activityCategories.toString(), needs.toString(),
                new TreeMap<>(municipalities).toString(), new TreeMap<>(wellbeingServicesCounties).toString(),
                new TreeMap<>(mergedMunicipalities).toString()));
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

    /** The rows of a taxonomy table (code, labels, ...) in file order, by the table's code. */
    public Map<String, Map<String, String>> activityCategories() {
        return activityCategories;
    }

    public Map<String, Map<String, String>> needs() {
        return needs;
    }

    public Map<String, Map<String, String>> municipalities() {
        return municipalities;
    }

    public Map<String, Map<String, String>> wellbeingServicesCounties() {
        return wellbeingServicesCounties;
    }

    /** The municipalities of a wellbeing services county; empty for an unknown code. */
    public List<String> municipalitiesOfCounty(String countyCode) {
        return municipalitiesByCounty.getOrDefault(countyCode, List.of());
    }

    /** Åland's municipalities belong to no wellbeing services county (Åland runs its own services). */
    public boolean isAland(String municipalityCode) {
        Map<String, String> row = municipalities.get(municipalityCode);
        return row != null && (row.get("wellbeing_services_county") == null
                || row.get("wellbeing_services_county").isBlank());
    }

    /** Changes when any taxonomy table changes, so what was built from them can be rebuilt. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The code to use today for a municipality code a source sends: a merged municipality's code
     * becomes the code of the one it merged into (PTV's code list still carries some); others stay.
     */
    public String currentMunicipalityCode(String code) {
        return mergedMunicipalities.getOrDefault(code, code);
    }

    /**
     * The code of a municipality named in Finnish or Swedish ("Kuopio", "Helsingfors"), or by the name of
     * one merged into it ("Valtimo" → Nurmes), ignoring case, surrounding space and hyphen/space
     * differences; empty when no municipality has that name.
     */
    public Optional<String> municipalityCodeNamed(String name) {
        return Optional.ofNullable(name == null ? null : municipalitiesByName.get(nameKey(name)));
    }

    /**
     * The code of a tray code or label: the code itself, or its Finnish, Swedish or English label, ignoring
     * case. Lets a coordinator's spreadsheet say "Vertaistuki" or "vertaistuki".
     *
     * @param taxonomyColumn {@code category} or {@code need}
     */
    public Optional<String> codeNamed(String taxonomyColumn, String nameOrCode) {
        Map<String, String> byName = "category".equals(taxonomyColumn) ? categoriesByName
                : "need".equals(taxonomyColumn) ? needsByName : Map.of();
        return Optional.ofNullable(nameOrCode == null ? null : byName.get(nameKey(nameOrCode)));
    }

    /** The values of one taxonomy, by its name as a crosswalk column names it ({@code category}, {@code need}). */
    public Set<String> codesFor(String taxonomyColumn) {
        return switch (taxonomyColumn) {
            case "category" -> activityCategoryCodes();
            case "need" -> needCodes();
            case "municipality" -> municipalityCodes();
            case "wellbeing_services_county" -> wellbeingServicesCountyCodes();
            default -> null;
        };
    }

    /** Code by each name column's value; a name two rows share (none today) points at the first. */
    private static Map<String, String> byName(Map<String, Map<String, String>> rows, List<String> nameColumns) {
        Map<String, String> byName = new HashMap<>();
        rows.forEach((code, row) -> nameColumns.forEach(column -> {
            String name = row.get(column);
            if (name != null && !name.isBlank()) {
                byName.putIfAbsent(nameKey(name), code);
            }
        }));
        return Map.copyOf(byName);
    }

    private static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-‐–]+", " ");
    }

    private static Map<String, List<String>> municipalitiesByCounty(Map<String, Map<String, String>> municipalities) {
        Map<String, List<String>> byCounty = new TreeMap<>();
        municipalities.forEach((code, row) -> {
            String county = row.get("wellbeing_services_county");
            if (county != null && !county.isBlank()) {
                byCounty.computeIfAbsent(county, key -> new ArrayList<>()).add(code);
            }
        });
        byCounty.values().forEach(codes -> codes.sort(null));
        return Map.copyOf(byCounty);
    }

    /** A merged municipality's old name still names the municipality it merged into (sources keep old names). */
    private static Map<String, String> withFormerNames(Map<String, String> byName, CsvTable mergers) {
        Map<String, String> names = new HashMap<>(byName);
        for (Map<String, String> row : mergers.rows()) {
            names.putIfAbsent(nameKey(row.get("former_name_fi")), row.get("merged_into"));
        }
        return Map.copyOf(names);
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
        return Collections.unmodifiableMap(rows);
    }
}
