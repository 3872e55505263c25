package fi.tarjotin.console;

import fi.tarjotin.system.CsvInjection;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A console table as a CSV download: UTF-8 with a byte order mark so that Excel, which coordinators open
 * these in, reads the Finnish letters right; RFC 4180 quoting; a header row; text cells that a spreadsheet
 * program would run as a formula neutralised ({@link CsvInjection}).
 */
final class CsvDownload {

    private CsvDownload() {
    }

    static ResponseEntity<byte[]> of(String fileName, List<String> header, List<List<?>> rows) {
        StringWriter text = new StringWriter();
        text.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            for (List<?> row : rows) {
                // Names and other texts come from sources and spreadsheets: none may run as a formula in Excel.
                printer.printRecord(row.stream().map(cell -> cell instanceof String written ? CsvInjection.neutralised(written)
                        : cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
