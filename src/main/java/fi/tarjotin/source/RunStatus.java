package fi.tarjotin.source;

import java.util.Locale;

/**
 * Where an import run ended. Only {@link #SUCCEEDED} full runs retire records: a run that could not
 * read everything ({@link #PARTIAL}), failed, or was interrupted ({@link #ABANDONED}) never does.
 */
public enum RunStatus {
    RUNNING, SUCCEEDED, PARTIAL, FAILED, ABANDONED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
