package fi.tarjotin.entity;



/** A source record by its source and its id there: how review pairs and decisions name records. */
public record RecordRef(String source, String sourceId) {

    /** Reads {@code source:sourceId}, the form records have in a deduplication run (source names hold no colon). */
    static RecordRef parse(String key) {
        int colon = key.indexOf(':');
        return new RecordRef(key.substring(0, colon), key.substring(colon + 1));
    }

    String key() {
        return source + ":" + sourceId;
    }

    /** Whether this record comes first in a pair's fixed order (by source, then source id). */
    boolean before(RecordRef other) {
        int bySource = source.compareTo(other.source);
        return bySource != 0 ? bySource < 0 : sourceId.compareTo(other.sourceId) < 0;
    }
}
