package fi.tarjotin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exact expected outputs kept as files under {@code src/test/resources/golden/}. After an intended change,
 * regenerate with {@code ./mvnw verify -Dgolden.update=true} and review the diff like any other code.
 */
public final class GoldenFiles {

    private static final Path ROOT = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GoldenFiles() {
    }

    public static void assertMatches(String name, JsonNode actual) {
        Path file = ROOT.resolve(name);
        try {
            String actualText = JSON.writeValueAsString(actual) + "\n";
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actualText);
            }
            assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
            JsonNode expected = JSON.readTree(file.toFile());
            assertThat(JSON.writeValueAsString(actual)).as("output compared with golden file %s", file)
                    .isEqualTo(JSON.writeValueAsString(expected));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same for a text output, compared as it is. */
    public static void assertTextMatches(String name, String actual) {
        Path file = ROOT.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
            }
            assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
            assertThat(actual).as("output compared with golden file %s", file).isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
