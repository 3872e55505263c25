package fi.tarjotin.api;

/** No published entry with the id asked for; answered with a 404 problem. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super("No " + what + " with id " + id);
    }
}
