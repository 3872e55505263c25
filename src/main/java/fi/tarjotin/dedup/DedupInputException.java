package fi.tarjotin.dedup;

/** Input a deduplication of a coordinator's list cannot work with: the message says what and where. */
public final class DedupInputException extends Exception {

    DedupInputException(String message) {
        super(message);
    }
}
