package fi.tarjotin.console;

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
 * these in, reads the Finnish letters right; RFC 4180 quoting; a header row.
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
                printer.printRecord(row);
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
