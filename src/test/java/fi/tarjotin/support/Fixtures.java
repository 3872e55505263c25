package fi.tarjotin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixture files under {@code src/test/resources/}. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String path) {
        try {
            return Files.readString(Path.of("src/test/resources", path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
