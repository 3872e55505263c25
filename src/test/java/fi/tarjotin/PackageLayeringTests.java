package fi.tarjotin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way (docs/architecture.md): source → mapping → entity, and the read model and the API read
 * what the entity layer stored. The packages' imports follow that flow, so no two packages import each other
 * and a newcomer finds each behaviour in the layer it belongs to. The table below is the layering; a new
 * import across packages either fits it or changes it here, on purpose.
 */
class PackageLayeringTests {

    private static final Path SOURCES = Path.of("src/main/java/fi/tarjotin");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?fi\\.tarjotin\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** Each top-level package and the packages it may import; the ground (system, model) imports almost nothing. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("system", Set.of()),
            Map.entry("language", Set.of()),
            Map.entry("search", Set.of("language")),
            Map.entry("model", Set.of("system")),
            Map.entry("dedup", Set.of("model", "system")),
            Map.entry("needs", Set.of("language", "model", "system")),
            Map.entry("mapping", Set.of("model", "needs", "system")),
            Map.entry("entity", Set.of("dedup", "model", "system")),
            Map.entry("source", Set.of("entity", "mapping", "model", "needs", "system")),
            Map.entry("catalogue", Set.of("language", "model", "search", "system")),
            Map.entry("api", Set.of("catalogue", "model", "system")),
            Map.entry("quality", Set.of("catalogue", "model", "system")),
            Map.entry("reminder", Set.of("catalogue", "entity", "model", "source", "system")),
            Map.entry("admin", Set.of("catalogue", "dedup", "entity", "model", "needs", "quality", "reminder", "source",
                    "system")),
            Map.entry("console", Set.of("catalogue", "dedup", "entity", "model", "needs", "quality", "reminder",
                    "source", "system")));

    @Test
    void everyPackageImportsOnlyTheLayersBelowIt() {
        Map<String, Set<String>> imports = packageImports();
        assertThat(imports.keySet()).as("every package has its place in the layering")
                .isSubsetOf(MAY_IMPORT.keySet());
        Map<String, Set<String>> outOfLayer = new TreeMap<>();
        imports.forEach((from, targets) -> targets.stream().filter(to -> !MAY_IMPORT.get(from).contains(to))
                .forEach(to -> outOfLayer.computeIfAbsent(from, key -> new TreeSet<>()).add(to)));
        assertThat(outOfLayer).as("imports against the layering").isEmpty();
    }

    @Test
    void noPackagesImportEachOtherEvenThroughOthers() {
        Map<String, Set<String>> imports = packageImports();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : imports.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>(List.of(List.of(start)));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : imports.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        cycles.add(path);
                    } else if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertThat(cycles).as("packages that import themselves through others").isEmpty();
    }

    /** Top-level package → the other top-level packages its classes import (the root package is the application). */
    private static Map<String, Set<String>> packageImports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    return;
                }
                String from = relative.getName(0).toString();
                Set<String> targets = imports.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(read(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        targets.add(matcher.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imports;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
