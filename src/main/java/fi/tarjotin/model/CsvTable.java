package fi.tarjotin.model;

import fi.tarjotin.system.MappingFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file from the mappings folder, read by header names: the tables coordinators edit. */
public record CsvTable(MappingFile file, List<String> headers, List<Map<String, String>> rows) {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();

    public static CsvTable read(MappingFile file) {
        try (Reader reader = new InputStreamReader(file.open(), StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            List<String> headers = parser.getHeaderNames();
            List<Map<String, String>> rows = parser.stream().map(CSVRecord::toMap).toList();
            return new CsvTable(file, headers, rows);
        } catch (IOException | RuntimeException e) {
            throw file.invalid("cannot be read as a CSV table: " + e.getMessage());
        }
    }

    /** The column's value in every row, in file order, blanks left out. */
    public List<String> column(String header) {
        requireHeader(header);
        return rows.stream().map(row -> row.get(header)).filter(value -> value != null && !value.isBlank()).toList();
    }

    public void requireHeader(String header) {
        if (!headers.contains(header)) {
            throw file.invalid("has no column '" + header + "' (columns: " + headers + ")");
        }
    }
}
