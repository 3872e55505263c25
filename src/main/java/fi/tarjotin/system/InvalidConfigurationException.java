package fi.tarjotin.system;



/**
 * A configuration value or mapping file that stops start-up; the message names the property (and the file)
 * and what is wrong, the {@link #action()} what to change.
 */
public class InvalidConfigurationException extends RuntimeException {

    private final String property;
    private final String action;

    public InvalidConfigurationException(String property, String problem) {
        this(property, "Invalid configuration: " + property + " " + problem,
                "Fix the property '" + property + "' (application.yaml, an environment variable or a --" + property
                        + "= argument) and start again.");
    }

    private InvalidConfigurationException(String property, String message, String action) {
        super(message);
        this.property = property;
        this.action = action;
    }

    static InvalidConfigurationException inMappingFile(MappingFile file, String problem) {
        String property = file.property();
        String message = "Invalid mapping file " + file + ": " + problem;
        if (!property.equals(MappingFiles.DIRECTORY_PROPERTY)) {
            return new InvalidConfigurationException(property, message,
                    "Fix " + file.directoryCopy() + " (the file the property '" + property + "' names) and start again.");
        }
        String where = file.fromDirectory() ? "Fix " + file.directoryCopy()
                : "Put a corrected copy of the packaged " + file.name() + " at " + file.directoryCopy();
        return new InvalidConfigurationException(property, message,
                where + " (in the directory the property '" + property + "' names, where a file replaces the "
                        + "packaged default of the same name) and start again.");
    }

    public String property() {
        return property;
    }

    /** What an operator or coordinator does about it. */
    public String action() {
        return action;
    }
}
