package fi.tarjotin.source.http;

import java.io.IOException;

/** A source answered with an error status that retrying did not cure. */
public class SourceHttpException extends IOException {

    private final int status;

    public SourceHttpException(String uri, int status, String bodyStart) {
        super("GET " + uri + " answered " + status + (bodyStart.isBlank() ? "" : ": " + bodyStart));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
