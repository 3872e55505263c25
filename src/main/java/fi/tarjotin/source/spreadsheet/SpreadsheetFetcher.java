package fi.tarjotin.source.spreadsheet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.FetchedRecord;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.system.CsvFile;
import fi.tarjotin.system.SpreadsheetFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one spreadsheet file as one run of the source {@code spreadsheet-<mapping name>}. Each accepted row
 * becomes an organisation, its activity as a service (which the tray's three clicks find) and, when the
 * row has a visiting address, a location where the service is given; all four records carry the row's id
 * and the same registration, which the mapping files {@code mappings/spreadsheet/*.jsonata} turn into the
 * model. A row with a problem is rejected with its number and reasons; a file that cannot be read at all
 * fails the run before anything is taken in.
 */
final class SpreadsheetFetcher implements SourceFetcher {

    static final String SOURCE_PREFIX = "spreadsheet-";
    private static final int ROWS_PER_PAGE = 200;
    private static final List<RecordKind> LOCATION_KINDS = List.of(RecordKind.LOCATION, RecordKind.SERVICE_AT_LOCATION);

    private final ColumnMapping mapping;
    private final Taxonomies taxonomies;
    private final ObjectMapper json;
    private final String fileName;
    private final byte[] content;
    private CsvFile file;
    private int rowsRead;
    private int rowsRejected;

    SpreadsheetFetcher(ColumnMapping mapping, Taxonomies taxonomies, ObjectMapper json, String fileName, byte[] content) {
        this.mapping = mapping;
        this.taxonomies = taxonomies;
        this.json = json;
        this.fileName = fileName;
        this.content = content;
    }

    static String sourceOf(ColumnMapping mapping) {
        return SOURCE_PREFIX + mapping.name();
    }

    @Override
    public String source() {
        return sourceOf(mapping);
    }

    @Override
    public String version() {
        return "csv";
    }

    @Override
    public String mappingSet() {
        return "spreadsheet";
    }

    @Override
    public void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws SpreadsheetFileException {
        file = CsvFile.parse(content);
        RegistrationReader reader = new RegistrationReader(mapping, taxonomies, file.headers());
        Map<String, Integer> firstRowOfId = new HashMap<>();
        List<FetchedRecord> page = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < file.rows().size(); i++) {
            CSVRecord record = file.rows().get(i);
            if (isBlank(record)) {
                // Spreadsheets export rows that only ever had formatting as a line of delimiters.
                continue;
            }
            rowsRead++;
            RegistrationReader.Row row = reader.read(record, i + 2);
            Integer earlier = row.id() == null ? null : firstRowOfId.putIfAbsent(row.id(), row.number());
            if (!row.accepted() || earlier != null) {
                List<String> problems = new ArrayList<>(row.problems());
                if (earlier != null) {
                    problems.add(0, "the same " + (mapping.columns().id() == null ? "name" : "id") + " as row " + earlier
                            + " (each organisation once per file)");
                }
                reject(sink, row, record, problems, earlier == null);
                continue;
            }
            accepted++;
            page.addAll(records(row));
            if (accepted % ROWS_PER_PAGE == 0) {
                sink.pagesPlanned(1);
                sink.page(List.copyOf(page));
                page.clear();
            }
        }
        if (accepted == 0) {
            // An empty list is far more often a wrong file than an empty register: never retire everything on it.
            throw new SpreadsheetFileException("no row of the file could be taken in (" + rowsRejected
                    + " rejected), so nothing was changed or retired");
        }
        sink.pagesPlanned(1);
        sink.page(List.copyOf(page));
    }

    /** What was read, for the file's report; null before {@link #fetch} parsed the file. */
    CsvFile file() {
        return file;
    }

    /** Rows with something in them (a row of empty cells is not counted). */
    int rowsRead() {
        return rowsRead;
    }

    int rowsRejected() {
        return rowsRejected;
    }

    private List<FetchedRecord> records(RegistrationReader.Row row) {
        String url = location(row.number());
        ObjectNode registration = row.registration();
        List<FetchedRecord> records = new ArrayList<>(4);
        records.add(new FetchedRecord(RecordKind.ORGANIZATION, row.id(), registration, null, url));
        records.add(new FetchedRecord(RecordKind.SERVICE, row.id(), registration, null, url));
        if (registration.has("visitingAddress")) {
            LOCATION_KINDS.forEach(kind -> records.add(new FetchedRecord(kind, row.id(), registration, null, url)));
        }
        return records;
    }

    /**
     * Keeps the rejected row with its reasons. A row whose id the catalogue already holds keeps its last good
     * version (unless it only repeated an earlier row of this file, which stands for it).
     */
    private void reject(ImportSink sink, RegistrationReader.Row row, CSVRecord record, List<String> problems,
            boolean keepStoredVersion) {
        rowsRejected++;
        String reason = "row " + row.number() + ": " + String.join("; ", problems);
        String payload = json.valueToTree(file.cells(record)).toString();
        sink.reject(RecordKind.ORGANIZATION, keepStoredVersion ? row.id() : null, reason, location(row.number()), payload);
        if (keepStoredVersion && row.id() != null) {
            sink.stillPresent(RecordKind.SERVICE, List.of(row.id()));
            LOCATION_KINDS.forEach(kind -> sink.stillPresent(kind, List.of(row.id())));
        }
    }

    private static boolean isBlank(CSVRecord record) {
        for (String cell : record) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private String location(int rowNumber) {
        return "spreadsheet:" + mapping.name() + "/" + fileName + "#row=" + rowNumber;
    }
}
