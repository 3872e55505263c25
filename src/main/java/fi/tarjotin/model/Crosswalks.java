package fi.tarjotin.model;

import fi.tarjotin.system.Hashes;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Code translation tables kept as CSV under {@code mappings/<source>/}: the first column is the source's
 * code, the second what it means in the tray ({@code service_class,category}). Mapping files use them
 * through {@code $crosswalk('ptv/service-class-categories', codes)}. A table whose second column names a
 * taxonomy ({@code category}, {@code need}) may only point at codes that taxonomy has: checked at start.
 */
@Component
public class Crosswalks {

    private final MappingFiles mappings;
    private final Taxonomies taxonomies;
    private volatile Loaded loaded;

    public Crosswalks(MappingFiles mappings, Taxonomies taxonomies) {
        this.mappings = mappings;
        this.taxonomies = taxonomies;
        this.loaded = load();
    }

    /** Reads the tables again (a coordinator edited them); on an error the tables in use stay. */
    public void reload() {
        loaded = load();
    }

    /** Changes whenever any table's content changes, so mappings that use the tables are known to be stale. */
    public String fingerprint() {
        return loaded.fingerprint();
    }

    private Loaded load() {
        Map<String, Map<String, List<String>>> tables = new HashMap<>();
        StringBuilder content = new StringBuilder();
        for (MappingFile file : mappings.files("", ".csv")) {
            if (file.name().startsWith("taxonomy/")) {
                continue;
            }
            String name = file.name().replaceFirst("\\.csv$", "");
            tables.put(name, load(CsvTable.read(file), taxonomies));
            content.append(name).append('\n').append(file.read()).append('\n');
        }
        return new Loaded(Map.copyOf(tables), Hashes.sha256(content.toString()));
    }

    /** Every tray code the given source codes translate to, each once, in table order. */
    public List<String> translate(String table, Collection<String> codes) {
        Map<String, List<String>> rows = loaded.tables().get(table);
        if (rows == null) {
            throw new IllegalArgumentException("no crosswalk table '" + table + "' (known: " + tableNames() + ")");
        }
        Set<String> result = new LinkedHashSet<>();
        for (String code : codes) {
            result.addAll(rows.getOrDefault(code, List.of()));
        }
        return List.copyOf(result);
    }

    public Set<String> tableNames() {
        return loaded.tables().keySet();
    }

    private static Map<String, List<String>> load(CsvTable table, Taxonomies taxonomies) {
        if (table.headers().size() < 2) {
            throw table.file().invalid("a crosswalk needs two columns: source code, tray code");
        }
        String from = table.headers().get(0);
        String to = table.headers().get(1);
        Set<String> allowed = taxonomies.codesFor(to);
        Map<String, List<String>> rows = new HashMap<>();
        int line = 1;
        for (Map<String, String> row : table.rows()) {
            line++;
            String target = row.get(to);
            if (allowed != null && !allowed.contains(target)) {
                throw table.file().invalid("row " + line + ": '" + target + "' is not a known " + to + " code");
            }
            rows.computeIfAbsent(row.get(from), code -> new ArrayList<>()).add(target);
        }
        return rows;
    }

    private record Loaded(Map<String, Map<String, List<String>>> tables, String fingerprint) {
    }
}
