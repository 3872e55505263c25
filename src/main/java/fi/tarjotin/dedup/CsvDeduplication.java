package fi.tarjotin.dedup;

import fi.tarjotin.dedup.DedupResult.Assignment;
import fi.tarjotin.dedup.DedupResult.ReviewPair;
import fi.tarjotin.system.CsvFile;
import fi.tarjotin.system.CsvInjection;
import fi.tarjotin.system.SpreadsheetFileException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Deduplicates a coordinator's own list (any CSV and a column mapping): what the {@code dedupe} command and
 * {@code POST /admin/dedupe} share. The list is read like a spreadsheet upload (UTF-8 with or without BOM,
 * Windows-1252 or UTF-16; ';', ',' or tab). The clusters have one row per input record in input order: its
 * entity id, the score of its strongest link, the fields that decided it, the record it links to and each
 * field's contribution to that link in bits; the review pairs are the pairs a
 * person should look at.
 */
public final class CsvDeduplication {

    private static final CSVFormat OUTPUT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private CsvDeduplication() {
    }

    /** The two CSV texts and the run's figures. */
    public record Output(String clusters, String reviewPairs, int reviewPairCount, DedupResult.Figures figures,
            String learnedWeights) {
    }

    /** Deduplicates a list with a mapping file's content; the names say where each came from in messages. */
    public static Output run(byte[] list, String listName, byte[] mapping, String mappingName)
            throws DedupInputException {
        return run(list, listName, DedupMapping.parse(mapping, mappingName));
    }

    static Output run(byte[] list, String listName, DedupMapping mapping) throws DedupInputException {
        List<DedupRecord> records = records(list, listName, mapping);
        DedupResult result = new Deduplicator(MatchSettings.defaults().withDefaultRegion(mapping.defaultRegion()))
                .deduplicate(records);
        return new Output(clusters(result.assignments()), reviewPairs(result.reviewPairs()),
                result.reviewPairs().size(), result.figures(), result.learnedWeights());
    }

    private static List<DedupRecord> records(byte[] list, String listName, DedupMapping mapping)
            throws DedupInputException {
        CsvFile file;
        try {
            file = CsvFile.parse(list);
        } catch (SpreadsheetFileException e) {
            throw new DedupInputException("the input " + listName + " cannot be read: " + e.getMessage());
        }
        Map<String, String> columns = mapping.columns().byKey();
        for (Map.Entry<String, String> column : columns.entrySet()) {
            if (!file.headers().contains(column.getValue())) {
                throw new DedupInputException("the input " + listName + " has no column '" + column.getValue()
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
                throw new DedupInputException("the input " + listName + " has no id in row " + spreadsheetRow);
            }
            Integer earlier = rowOfId.putIfAbsent(id, spreadsheetRow);
            if (earlier != null) {
                throw new DedupInputException("the input " + listName + " has the id " + id + " in rows " + earlier
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

    private static String clusters(List<Assignment> assignments) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, OUTPUT)) {
            printer.printRecord("record_id", "entity_id", "score", "decided_by", "linked_to", "contributions");
            for (Assignment assignment : assignments) {
                DedupResult.Link link = assignment.link();
                printer.printRecord(CsvInjection.neutralised(assignment.recordId()), assignment.entityId(),
                        link == null ? "" : score(link.score(), link.exactKey()), link == null ? "" : link.decidedBy(),
                        link == null ? "" : CsvInjection.neutralised(link.otherRecordId()),
                        link == null ? "" : link.contributions());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String reviewPairs(List<ReviewPair> pairs) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, OUTPUT)) {
            printer.printRecord("record_id_a", "record_id_b", "score", "decided_by", "contributions");
            for (ReviewPair pair : pairs) {
                printer.printRecord(CsvInjection.neutralised(pair.recordIdA()),
                        CsvInjection.neutralised(pair.recordIdB()), score(pair.score(), false), pair.decidedBy(),
                        pair.explained());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** 1.0 only for an exact key; a probabilistic score stops at 0.9999 so the two stay apart. */
    private static String score(double score, boolean exactKey) {
        return exactKey ? "1.0" : String.format(Locale.ROOT, "%.4f", Math.min(score, 0.9999));
    }
}
