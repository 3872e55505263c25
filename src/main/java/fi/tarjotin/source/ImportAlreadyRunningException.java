package fi.tarjotin.source;

/** A source has at most one running import across all instances; a second start is refused. */
public class ImportAlreadyRunningException extends RuntimeException {

    public ImportAlreadyRunningException(String source) {
        super("an import of " + source + " is already running");
    }
}
