package fi.tarjotin.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.TarjotinApplication;
import fi.tarjotin.support.GoldenFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedupe command as a user runs it: a coordinator's CSV with its column mapping in, the entities and the
 * review pairs out, compared with golden files; bad usage and bad input refused with status 2 and a reason.
 */
class DedupeCommandTests {

    @TempDir
    Path directory;
    private Path input;
    private Path mapping;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void copyTheList() throws IOException {
        input = directory.resolve("list.csv");
        mapping = directory.resolve("map.yaml");
        Files.write(input, resource("/dedup/small-list.csv"));
        Files.write(mapping, resource("/dedup/small-list.yaml"));
    }

    @Test
    void writesEachRecordsEntityAndThePairsForReview() throws IOException {
        Path output = directory.resolve("clusters.csv");

        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", output.toString()))
                .isEqualTo(0);

        GoldenFiles.assertTextMatches("dedup/small-list.clusters.csv", Files.readString(output));
        GoldenFiles.assertTextMatches("dedup/small-list.clusters.review.csv",
                Files.readString(directory.resolve("clusters.review.csv")));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("dedupe: 17 records -> 12 entities in ");
        assertThat(err.size()).isZero();
    }

    @Test
    void cellsAnExcelUserWouldRunAsFormulasAreWrittenAsText() throws IOException {
        Files.writeString(input, "Tunnus;Nimi;Puhelin\n"
                + "=HYPERLINK(\"http://evil.example\");Kuopion Omaishoitajat ry;017 123 4567\n"
                + "+1;Kuopion Omaishoitajat r.y.;+358 17 1234567\n"
                + "@SUM(A1);Porvoon Kerho ry;\n"
                + "-2+3;Borgån Klubb rf;\n"
                + "A5;Iisalmen Kerho ry;\n", StandardCharsets.UTF_8);
        Files.writeString(mapping, "columns:\n  id: Tunnus\n  name: Nimi\n  phone: Puhelin\n");
        Path output = directory.resolve("clusters.csv");

        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", output.toString()))
                .isEqualTo(0);

        List<String> ids = Files.readAllLines(output).stream().skip(1)
                .map(line -> line.startsWith("\"") ? line.substring(1, line.indexOf("\",")) : line.split(",")[0])
                .map(id -> id.replace("\"\"", "\""))
                .toList();
        assertThat(ids).containsExactly("'=HYPERLINK(\"http://evil.example\")", "'+1", "'@SUM(A1)", "'-2+3", "A5");
    }

    @Test
    void aRerunAndAReorderedListGiveTheSameEntityIds() throws IOException {
        Path first = directory.resolve("first.csv");
        Path second = directory.resolve("second.csv");
        run("--input", input.toString(), "--mapping", mapping.toString(), "--output", first.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(input, StandardCharsets.UTF_8));
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.reverse(rows);
        Path reversed = directory.resolve("reversed.csv");
        Files.write(reversed, (lines.get(0) + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));

        run("--input", reversed.toString(), "--mapping=" + mapping, "--output", second.toString());

        List<String> again = new ArrayList<>(Files.readAllLines(second).subList(1, 18));
        Collections.reverse(again);
        assertThat(again).isEqualTo(Files.readAllLines(first).subList(1, 18));
    }

    @Test
    void readsTheListInWhateverEncodingTheSpreadsheetSavedIt() throws IOException {
        Path output = directory.resolve("clusters.csv");
        Files.write(input, Files.readString(input).getBytes(java.nio.charset.Charset.forName("windows-1252")));

        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", output.toString()))
                .isEqualTo(0);

        assertThat(Files.readString(output)).isEqualTo(golden("small-list.clusters.csv"));
    }

    @Test
    void anUnknownMappingKeyIsRefusedNamingTheFile() throws IOException {
        Files.writeString(mapping, "columns:\n  id: Tunnus\n  name: Nimi\n  phone-number: Puhelin\n");

        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", "x.csv")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dedupe: the mapping " + mapping + " cannot be read: ")
                .contains("phone-number");
    }

    @Test
    void aMappingWithoutTheIdOrAColumnTheListLacksIsRefused() throws IOException {
        Files.writeString(mapping, "columns:\n  name: Nimi\n");
        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("dedupe: the mapping " + mapping + " must name the id column (columns.id)\n");

        err.reset();
        Files.writeString(mapping, "columns:\n  id: Tunnus\n  name: Nimi\n  email: Email\n");
        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dedupe: the input " + input
                + " has no column 'Email' (columns.email of the mapping); its columns are [Tunnus, Nimi,");

        err.reset();
        Files.writeString(mapping, "columns:\n  id: Tunnus\n  name: Nimi\ndefault-region: Suomi\n");
        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("default-region Suomi");
    }

    @Test
    void badInputIsRefusedWithTheRow() throws IOException {
        Files.writeString(input, "Tunnus;Nimi\nA1;Kuopion Martat\nA1;Iisalmen Martat\n");
        Files.writeString(mapping, "columns:\n  id: Tunnus\n  name: Nimi\n");
        assertThat(run("--input", input.toString(), "--mapping", mapping.toString(), "--output", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("dedupe: the input " + input + " has the id A1 in rows 2 and 3; ids must be unique\n");

        err.reset();
        assertThat(run("--input", directory.resolve("missing.csv").toString(), "--mapping", mapping.toString(),
                "--output", "x.csv")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.csv does not exist");
    }

    @Test
    void badUsageIsRefusedWithTheUsage() {
        assertThat(run("--input", input.toString(), "--output")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("dedupe: the option --output needs a value\n"
                + "usage: dedupe --input IN.csv --mapping MAP.yaml --output OUT.csv\n");

        err.reset();
        assertThat(run("--input", input.toString(), "--verbose", "yes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dedupe: unknown option --verbose");

        err.reset();
        assertThat(run("--input", input.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("dedupe: the option --mapping is missing");
    }

    /** The jar's main class hands "dedupe" to the command before anything of Spring starts. */
    @Test
    void theApplicationsMainRunsTheCommandWithoutSpring() throws IOException {
        Path output = directory.resolve("clusters.csv");

        TarjotinApplication.main(new String[] {"dedupe", "--input", input.toString(), "--mapping",
                mapping.toString(), "--output", output.toString()});

        assertThat(Files.readString(output)).isEqualTo(golden("small-list.clusters.csv"));
    }

    private int run(String... args) {
        return DedupeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DedupeCommandTests.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String golden(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/golden/dedup", name));
    }
}
