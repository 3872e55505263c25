package fi.tarjotin.system;

/** A configuration value that stops start-up; the message names the property and what is wrong. */
public class InvalidConfigurationException extends RuntimeException {

    private final String property;

    public InvalidConfigurationException(String property, String problem) {
        super("Invalid configuration: " + property + " " + problem);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
