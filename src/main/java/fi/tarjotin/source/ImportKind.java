package fi.tarjotin.source;

import java.util.Locale;

/**
 * Full runs read the whole scope and retire what vanished; incremental runs read changes since the last
 * success; remap runs re-read the mapping files and map stored records again, without asking the source.
 */
public enum ImportKind {
    FULL, INCREMENTAL, REMAP;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportKind parse(String value) {
        for (ImportKind kind : values()) {
            if (kind.value().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown import kind '" + value + "' (expected full, incremental or remap)");
    }
}
