package fi.tarjotin.admin;

import fi.tarjotin.source.ImportAlreadyRunningException;
import fi.tarjotin.source.spreadsheet.ColumnMapping;
import fi.tarjotin.source.spreadsheet.ColumnMappingView;
import fi.tarjotin.source.spreadsheet.SpreadsheetImports;
import fi.tarjotin.source.spreadsheet.SpreadsheetReport;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Coordinators upload spreadsheets here instead of dropping them into the inbox folder, and get the
 * file's report back at once. Authenticated: see SecurityConfiguration.
 */
@RestController
@RequestMapping("/admin/spreadsheets")
class SpreadsheetAdminController {

    private final ObjectProvider<SpreadsheetImports> imports;

    SpreadsheetAdminController(ObjectProvider<SpreadsheetImports> imports) {
        this.imports = imports;
    }

    /** The column mappings a file can be given to, with the columns each expects. */
    @GetMapping
    List<ColumnMappingView> mappings() {
        SpreadsheetImports spreadsheets = enabled();
        return spreadsheets.mappings().values().stream()
                .map(mapping -> ColumnMappingView.of(mapping, spreadsheets.inbox())).toList();
    }

    /**
     * Takes in a CSV file sent as the request body ({@code text/csv}, any encoding the inbox accepts) and
     * answers its report: 200 when the file was taken in (its rows may still have been rejected, see
     * {@code rejected}), 422 when the whole file was refused, 409 while a file of this mapping is being taken in.
     */
    @PostMapping(path = "/{name}", consumes = {"text/csv", "text/plain", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<SpreadsheetReport> upload(@PathVariable String name,
            @RequestParam(name = "filename", defaultValue = "upload.csv") String fileName, @RequestBody byte[] content,
            Principal coordinator) throws IOException {
        return take(name, fileName, content, coordinator);
    }

    /** The same for a browser form: the file in the multipart part {@code file}. */
    @PostMapping(path = "/{name}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SpreadsheetReport> uploadForm(@PathVariable String name, @RequestPart("file") MultipartFile file,
            Principal coordinator) throws IOException {
        return take(name, file.getOriginalFilename(), file.getBytes(), coordinator);
    }

    private ResponseEntity<SpreadsheetReport> take(String name, String fileName, byte[] content, Principal coordinator)
            throws IOException {
        SpreadsheetImports spreadsheets = enabled();
        ColumnMapping mapping = spreadsheets.mapping(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no column mapping mappings/spreadsheet/" + name + ".yaml"));
        if (content.length > spreadsheets.maxFileSize().toBytes()) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "the file is larger than "
                    + spreadsheets.maxFileSize() + " (tarjotin.sources.spreadsheet.max-file-size)");
        }
        SpreadsheetReport report = spreadsheets.importUpload(mapping, fileName, content, "admin:" + coordinator.getName());
        return ResponseEntity.status(report.succeeded() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(report);
    }

    @ExceptionHandler(ImportAlreadyRunningException.class)
    ProblemDetail alreadyRunning(ImportAlreadyRunningException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private SpreadsheetImports enabled() {
        SpreadsheetImports spreadsheets = imports.getIfAvailable();
        if (spreadsheets == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the spreadsheet source is not enabled");
        }
        return spreadsheets;
    }
}
