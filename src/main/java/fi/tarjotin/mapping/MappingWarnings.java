package fi.tarjotin.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * What a mapping dropped while it still mapped the record (a placeholder e-mail, say), collected on the
 * mapping thread: the mapping functions add to it, {@link RecordMapper} hands the list out with the
 * document, and the import run counts and keeps them.
 */
final class MappingWarnings {

    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private MappingWarnings() {
    }

    static void start() {
        CURRENT.set(new ArrayList<>());
    }

    static void add(String warning) {
        List<String> warnings = CURRENT.get();
        if (warnings != null && !warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    static List<String> finish() {
        List<String> warnings = CURRENT.get();
        CURRENT.remove();
        return warnings == null ? List.of() : List.copyOf(warnings);
    }
}
