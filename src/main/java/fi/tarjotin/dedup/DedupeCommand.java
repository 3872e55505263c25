package fi.tarjotin.dedup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar tarjotin.jar dedupe --input list.csv --mapping map.yaml --output clusters.csv}: deduplicates
 * any CSV file without a database or a running service. The input is read like a coordinator's spreadsheet
 * (UTF-8 with or without BOM, Windows-1252 or UTF-16; ';', ',' or tab). The output has one row per input record
 * in input order: its entity id, the score of its strongest link, the fields that decided it and their
 * contributions in bits; the pairs for review go next to it, {@code clusters.review.csv}, and the weights the
 * run learned from the list, {@code clusters.weights.txt}. Exit status 0 on success, 2 on bad usage or input.
 */
public final class DedupeCommand {

    static final int OK = 0;
    static final int BAD_INPUT = 2;
    private static final String USAGE = "usage: dedupe --input IN.csv --mapping MAP.yaml --output OUT.csv";

    private DedupeCommand() {
    }

    /** Runs the command; on success it simply returns (status 0), so it can also be called in-process. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != OK) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (DedupInputException e) {
            err.println("dedupe: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        try {
            long started = System.nanoTime();
            Path output = Path.of(options.get("output"));
            DedupMapping mapping = DedupMapping.read(Path.of(options.get("mapping")));
            CsvDeduplication.Output result = CsvDeduplication.run(input(Path.of(options.get("input"))),
                    options.get("input"), mapping);
            Path review = reviewFileOf(output);
            Files.writeString(output, result.clusters(), StandardCharsets.UTF_8);
            Files.writeString(review, result.reviewPairs(), StandardCharsets.UTF_8);
            Files.writeString(siblingOf(output, ".weights.txt"), result.learnedWeights(), StandardCharsets.UTF_8);
            DedupResult.Figures figures = result.figures();
            out.printf(Locale.ROOT, "dedupe: %d records -> %d entities in %.1f s; %d candidate pairs, %d matched "
                    + "(%d of them not merged: a clear non-match in the entities), %d possible; %d pairs for review "
                    + "in %s%n", figures.records(), figures.entities(), (System.nanoTime() - started) / 1e9,
                    figures.candidatePairs(), figures.matchPairs(), figures.refusedMerges(), figures.possiblePairs(),
                    result.reviewPairCount(), review);
            return OK;
        } catch (DedupInputException e) {
            err.println("dedupe: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("dedupe: cannot write the output: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private static Map<String, String> options(String[] args) throws DedupInputException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
                arg = arg.substring(0, arg.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new DedupInputException("the option " + arg + " needs a value");
            }
            if (!List.of("--input", "--mapping", "--output").contains(arg)) {
                throw new DedupInputException("unknown option " + arg + " (expected --input, --mapping, --output)");
            }
            options.put(arg.substring(2), value);
        }
        for (String required : List.of("input", "mapping", "output")) {
            if (!options.containsKey(required) || options.get(required).isBlank()) {
                throw new DedupInputException("the option --" + required + " is missing");
            }
        }
        return options;
    }

    private static byte[] input(Path input) throws DedupInputException {
        try {
            return Files.readAllBytes(input);
        } catch (NoSuchFileException e) {
            throw new DedupInputException("the input " + input + " does not exist");
        } catch (IOException e) {
            throw new DedupInputException("the input " + input + " cannot be read: " + e);
        }
    }

    /** {@code clusters.csv} → {@code clusters.review.csv}. */
    static Path reviewFileOf(Path output) {
        return siblingOf(output, ".review.csv");
    }

    /** {@code clusters.csv} → {@code clusters<suffix>}: the weights the run learned go to {@code clusters.weights.txt}. */
    static Path siblingOf(Path output, String suffix) {
        String name = output.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return output.resolveSibling(stem + suffix);
    }

}
