package fi.tarjotin.source.spreadsheet;

import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RejectedRecord;
import fi.tarjotin.source.RunCounts;
import fi.tarjotin.system.CsvFile;
import java.util.List;

/**
 * What became of one spreadsheet file: written beside the file in done/ or failed/, and answered to an
 * upload. Rows are counted as the spreadsheet has them; records as the catalogue has them (a row gives an
 * organisation, a service and, with a visiting address, a location and the service at it).
 *
 * @param archivedAs where the file was moved, relative to the inbox
 * @param runId null when the file was refused before a run started (no mapping, too large)
 * @param rows data rows read (the header not counted); null when the file could not be read
 * @param rejected every rejection of the run: the row's number and reasons, or the file's problem
 */
public record SpreadsheetReport(String mapping, String file, String archivedAs, String triggeredBy, Long runId,
        String status, String error, String encoding, String delimiter, Integer rows, Integer rowsRejected,
        RunCounts records, List<Rejection> rejected) {

    /** One rejection, with where it was found. */
    public record Rejection(String location, String reason) {
    }

    static SpreadsheetReport ofRun(ColumnMapping mapping, String fileName, ImportRun run,
            SpreadsheetFetcher fetcher, List<RejectedRecord> rejects) {
        CsvFile file = fetcher.file();
        return new SpreadsheetReport(mapping.name(), fileName, null, run.triggeredBy(), run.id(),
                run.status().value(), run.error(), file == null ? null : file.encoding(),
                file == null ? null : delimiterName(file.delimiter()), file == null ? null : fetcher.rowsRead(),
                fetcher.rowsRejected(), run.counts(),
                rejects.stream().map(reject -> new Rejection(reject.location(), reject.reason())).toList());
    }

    static SpreadsheetReport refused(String mapping, String fileName, String triggeredBy, String reason) {
        return new SpreadsheetReport(mapping, fileName, null, triggeredBy, null, "failed", reason, null, null,
                null, null, RunCounts.ZERO, List.of());
    }

    SpreadsheetReport archivedAs(String path) {
        return new SpreadsheetReport(mapping, file, path, triggeredBy, runId, status, error, encoding, delimiter, rows,
                rowsRejected, records, rejected);
    }

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    /** The report as a coordinator reads it in the done/ or failed/ folder. */
    String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Tarjotin spreadsheet import report\n\n");
        line(text, "file", file);
        line(text, "mapping", "mappings/spreadsheet/" + mapping + ".yaml");
        line(text, "from", triggeredBy);
        line(text, "run", runId == null ? "none (the file was refused)" : runId + ", " + status);
        if (error != null) {
            line(text, "error", error);
        }
        if (encoding != null) {
            line(text, "read as", encoding + ", " + delimiter + "-separated");
        }
        if (rows != null) {
            line(text, "rows", rows + " read, " + (rows - rowsRejected) + " taken in, " + rowsRejected + " rejected");
        }
        line(text, "records", records.created() + " created, " + records.updated() + " updated, "
                + records.unchanged() + " unchanged, " + records.retired() + " retired");
        if (!rejected.isEmpty()) {
            text.append("\nRejected:\n");
            rejected.forEach(rejection -> text.append("- ").append(rejection.reason()).append('\n'));
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String label, Object value) {
        text.append(String.format("%-9s %s", label + ":", value)).append('\n');
    }

    private static String delimiterName(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }
}
