package fi.tarjotin.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.Resource;

/**
 * One mapping file, by its name under the mappings ({@code dedup/survivorship.yaml}): the copy in the mappings
 * directory when there is one, otherwise the default packaged in the jar. Its {@link #toString()} says which, so
 * a message naming the file tells a coordinator where to look.
 */
public final class MappingFile {

    private final String name;
    private final Path directoryCopy;
    private final Resource packagedDefault;
    private final String property;

    MappingFile(String name, Path directoryCopy, Resource packagedDefault, String property) {
        this.name = name;
        this.directoryCopy = directoryCopy;
        this.packagedDefault = packagedDefault;
        this.property = property;
    }

    /** The name under the mappings, with forward slashes: {@code ptv/service-class-categories.csv}. */
    public String name() {
        return name;
    }

    /** Whether the copy in the mappings directory is read (else the packaged default is). */
    public boolean fromDirectory() {
        return packagedDefault == null;
    }

    /** The property that says where the file is: the mappings directory, or a property naming this one file. */
    public String property() {
        return property;
    }

    /** Where a coordinator's copy of this file is (or would be) read from. */
    public Path directoryCopy() {
        return directoryCopy;
    }

    public String read() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mapping file " + this, e);
        }
    }

    public InputStream open() throws IOException {
        return fromDirectory() ? Files.newInputStream(directoryCopy) : packagedDefault.getInputStream();
    }

    /** A problem in this file: stops start-up with a message naming the file and the directory property. */
    public InvalidConfigurationException invalid(String problem) {
        return InvalidConfigurationException.inMappingFile(this, problem);
    }

    @Override
    public String toString() {
        return fromDirectory() ? directoryCopy.toString() : name + " (packaged default)";
    }
}
