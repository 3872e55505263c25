package fi.tarjotin.mapping;

/** A source record that its mapping cannot turn into the catalogue model; the message is the reason kept with the reject. */
public class MappingException extends Exception {

    public MappingException(String reason) {
        super(reason);
    }

    public MappingException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
