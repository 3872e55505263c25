package fi.tarjotin.mapping;

/**
 * Raised by a mapping function ({@code $reject}, {@code $municipalityNamed}) when a record cannot enter
 * the catalogue; its message is the whole reason kept with the reject, without the mapping's internals.
 */
public class RecordRejection extends RuntimeException {

    public RecordRejection(String reason) {
        super(reason);
    }
}
