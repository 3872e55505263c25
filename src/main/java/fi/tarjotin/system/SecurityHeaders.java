package fi.tarjotin.system;

/** The response headers every answer carries (OWASP REST Security cheat sheet; HTML pages the same policy). */
final class SecurityHeaders {

    /**
     * Nothing may be loaded, framed or scripted: the API's JSON needs nothing, and the reminder pages are plain
     * HTML whose only form posts back to this service. A page that needs more (the console) sets its own.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {
    }
}
