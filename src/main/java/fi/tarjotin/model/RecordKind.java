package fi.tarjotin.model;

import java.util.Locale;

/** What a source record describes; each kind has its own mapping file and becomes its own entity type. */
public enum RecordKind {
    ORGANIZATION, SERVICE, LOCATION, SERVICE_AT_LOCATION;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordKind parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
