package fi.tarjotin.dedup;

import fi.tarjotin.dedup.DedupMapping.InvalidInputException;
import fi.tarjotin.dedup.DedupResult.Assignment;
import fi.tarjotin.dedup.DedupResult.ReviewPair;
import fi.tarjotin.source.spreadsheet.CsvFile;
import fi.tarjotin.source.spreadsheet.SpreadsheetFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code java -jar tarjotin.jar dedupe --input list.csv --mapping map.yaml --output clusters.csv}: deduplicates
 * any CSV file without a database or a running service. The input is read like a coordinator's spreadsheet
 * (UTF-8 with or without BOM, Windows-1252 or UTF-16; ';', ',' or tab). The output has one row per input record
 * in input order: its entity id, the score of its strongest link and the fields that decided it; the pairs for
 * review go next to it, {@code clusters.review.csv}. Exit status 0 on success, 2 on bad usage or input.
 */
public final class DedupeCommand {

    static final int OK = 0;
    static final int BAD_INPUT = 2;
    private static final String USAGE = "usage: dedupe --input IN.csv --mapping MAP.yaml --output OUT.csv";
    private static final CSVFormat OUTPUT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

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
        } catch (InvalidInputException e) {
            err.println("dedupe: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        try {
            long started = System.nanoTime();
            Path output = Path.of(options.get("output"));
            DedupMapping mapping = DedupMapping.read(Path.of(options.get("mapping")));
            List<DedupRecord> records = records(Path.of(options.get("input")), mapping);
            DedupResult result = new Deduplicator(MatchSettings.defaults().withDefaultRegion(mapping.defaultRegion()))
                    .deduplicate(records);
            Path review = reviewFileOf(output);
            writeAssignments(output, result.assignments());
            writeReviewPairs(review, result.reviewPairs());
            DedupResult.Figures figures = result.figures();
            out.printf(Locale.ROOT, "dedupe: %d records -> %d entities in %.1f s; %d candidate pairs, %d matched "
                    + "(%d of them not merged: a clear non-match in the entities), %d possible; %d pairs for review "
                    + "in %s%n", figures.records(), figures.entities(), (System.nanoTime() - started) / 1e9,
                    figures.candidatePairs(), figures.matchPairs(), figures.refusedMerges(), figures.possiblePairs(),
                    result.reviewPairs().size(), review);
            return OK;
        } catch (InvalidInputException e) {
            err.println("dedupe: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("dedupe: cannot write the output: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private static Map<String, String> options(String[] args) throws InvalidInputException {
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
                throw new InvalidInputException("the option " + arg + " needs a value");
            }
            if (!List.of("--input", "--mapping", "--output").contains(arg)) {
                throw new InvalidInputException("unknown option " + arg + " (expected --input, --mapping, --output)");
            }
            options.put(arg.substring(2), value);
        }
        for (String required : List.of("input", "mapping", "output")) {
            if (!options.containsKey(required) || options.get(required).isBlank()) {
                throw new InvalidInputException("the option --" + required + " is missing");
            }
        }
        return options;
    }

    private static List<DedupRecord> records(Path input, DedupMapping mapping) throws InvalidInputException {
        CsvFile file;
        try {
            file = CsvFile.parse(Files.readAllBytes(input));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("the input " + input + " does not exist");
        } catch (SpreadsheetFileException e) {
            throw new InvalidInputException("the input " + input + " cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the input " + input + " cannot be read: " + e);
        }
        Map<String, String> columns = mapping.columns().byKey();
        for (Map.Entry<String, String> column : columns.entrySet()) {
            if (!file.headers().contains(column.getValue())) {
                throw new InvalidInputException("the input " + input + " has no column '" + column.getValue()
                        + "' (columns." + column.getKey() + " of the mapping); its columns are " + file.headers());
            }
        }
        List<DedupRecord> records = new ArrayList<>(file.rows().size());
        Map<String, Integer> rowOfId = new LinkedHashMap<>();
        for (int i = 0; i < file.rows().size(); i++) {
            CSVRecord row = file.rows().get(i);
            Map<String, String> cells = file.cells(row);
            String id = cells.get(columns.get("id"));
            int spreadsheetRow = i + 2;
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("the input " + input + " has no id in row " + spreadsheetRow);
            }
            Integer earlier = rowOfId.putIfAbsent(id, spreadsheetRow);
            if (earlier != null) {
                throw new InvalidInputException("the input " + input + " has the id " + id + " in rows " + earlier
                        + " and " + spreadsheetRow + "; ids must be unique");
            }
            records.add(DedupRecord.organisation(id, cell(cells, columns, "name"), cell(cells, columns, "street"),
                    cell(cells, columns, "postal-code"), cell(cells, columns, "city"), cell(cells, columns, "phone"),
                    cell(cells, columns, "email"), cell(cells, columns, "website"),
                    cell(cells, columns, "business-id")));
        }
        return records;
    }

    private static String cell(Map<String, String> cells, Map<String, String> columns, String key) {
        String column = columns.get(key);
        return column == null ? "" : cells.getOrDefault(column, "");
    }

    /** {@code clusters.csv} → {@code clusters.review.csv}. */
    static Path reviewFileOf(Path output) {
        String name = output.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return output.resolveSibling(stem + ".review.csv");
    }

    private static void writeAssignments(Path output, List<Assignment> assignments) throws IOException {
        try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, OUTPUT)) {
            printer.printRecord("record_id", "entity_id", "score", "decided_by");
            for (Assignment assignment : assignments) {
                DedupResult.Link link = assignment.link();
                printer.printRecord(assignment.recordId(), assignment.entityId(),
                        link == null ? "" : score(link.score(), link.exactKey()), link == null ? "" : link.decidedBy());
            }
        }
    }

    private static void writeReviewPairs(Path review, List<ReviewPair> pairs) throws IOException {
        try (Writer writer = Files.newBufferedWriter(review, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, OUTPUT)) {
            printer.printRecord("record_id_a", "record_id_b", "score", "decided_by");
            for (ReviewPair pair : pairs) {
                printer.printRecord(pair.recordIdA(), pair.recordIdB(), score(pair.score(), false), pair.decidedBy());
            }
        }
    }

    /** 1.0 only for an exact key; a probabilistic score stops at 0.9999 so the two stay apart. */
    private static String score(double score, boolean exactKey) {
        return exactKey ? "1.0" : String.format(Locale.ROOT, "%.4f", Math.min(score, 0.9999));
    }
}
