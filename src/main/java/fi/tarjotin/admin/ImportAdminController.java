package fi.tarjotin.admin;

import fi.tarjotin.source.ImportAlreadyRunningException;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.ImportWarning;
import fi.tarjotin.source.JdbcImportWarningRepository;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.JdbcRejectedRecordRepository;
import fi.tarjotin.source.RejectedRecord;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Coordinators start imports and follow their runs and rejected records. Authenticated: see SecurityConfiguration. */
@RestController
@RequestMapping("/admin")
class ImportAdminController {

    private static final int PAYLOAD_PREVIEW = 2_000;

    private final ImportLauncher launcher;
    private final JdbcImportRunRepository runs;
    private final JdbcRejectedRecordRepository rejects;
    private final JdbcImportWarningRepository warnings;

    ImportAdminController(ImportLauncher launcher, JdbcImportRunRepository runs, JdbcRejectedRecordRepository rejects,
            JdbcImportWarningRepository warnings) {
        this.launcher = launcher;
        this.runs = runs;
        this.rejects = rejects;
        this.warnings = warnings;
    }

    /** Starts an import now; answers 202 with the new run, or 409 while one of that source is running. */
    @PostMapping("/imports/{source}")
    ResponseEntity<ImportRunView> startImport(@PathVariable String source,
            @RequestParam(defaultValue = "incremental") String kind, Principal coordinator) {
        requireSource(source);
        ImportKind importKind;
        try {
            importKind = ImportKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "parameter 'kind': " + e.getMessage());
        }
        ImportRun run = launcher.launch(source, importKind, "admin:" + coordinator.getName());
        return ResponseEntity.accepted().location(URI.create("/admin/import-runs/" + run.id()))
                .body(ImportRunView.of(run));
    }

    /** The newest runs first, of one source or all; paged, with the total in {@code X-Total-Count}. */
    @GetMapping("/import-runs")
    ResponseEntity<List<ImportRunView>> runs(@RequestParam(required = false) String source,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        List<ImportRunView> page = runs.findRecent(source, AdminPages.checkedLimit(limit), AdminPages.checkedOffset(offset)).stream()
                .map(ImportRunView::of).toList();
        return AdminPages.page(page, runs.count(source), limit, offset);
    }

    @GetMapping("/import-runs/{id}")
    ImportRunView run(@PathVariable long id) {
        return runs.findById(id).map(ImportRunView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no import run " + id));
    }

    /**
     * What a run rejected, newest first, each with its reason and the start of its raw payload (a rejected page
     * can be megabytes: the whole payload is at {@code /admin/rejected-records/{id}}); paged, with the total.
     */
    @GetMapping("/import-runs/{id}/rejected-records")
    ResponseEntity<List<RejectedRecord>> rejectedByRun(@PathVariable long id,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        run(id);
        List<RejectedRecord> page = rejects.find(id, null, AdminPages.checkedLimit(limit), AdminPages.checkedOffset(offset));
        return AdminPages.page(page.stream().map(ImportAdminController::preview).toList(), rejects.count(id, null),
                limit, offset);
    }

    /** What a run left out of records it took in (placeholder contacts), each with its reason, oldest first. */
    @GetMapping("/import-runs/{id}/warnings")
    List<ImportWarning> warningsOfRun(@PathVariable long id, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        run(id);
        return warnings.findByRun(id, AdminPages.checkedLimit(limit), Math.max(0, offset));
    }

    @GetMapping("/rejected-records")
    ResponseEntity<List<RejectedRecord>> rejected(@RequestParam(required = false) String source,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        List<RejectedRecord> page = rejects.find(null, source, AdminPages.checkedLimit(limit), AdminPages.checkedOffset(offset));
        return AdminPages.page(page.stream().map(ImportAdminController::preview).toList(),
                rejects.count(null, source), limit, offset);
    }

    @GetMapping("/rejected-records/{id}")
    RejectedRecord rejectedRecord(@PathVariable long id) {
        return rejects.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rejected record " + id));
    }

    @ExceptionHandler(ImportAlreadyRunningException.class)
    ProblemDetail alreadyRunning(ImportAlreadyRunningException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    private void requireSource(String source) {
        if (!launcher.hasSource(source)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no enabled source '" + source + "'");
        }
    }

    /** A list item's payload: its start, and where the whole of it is. */
    private static RejectedRecord preview(RejectedRecord rejected) {
        String payload = rejected.payload();
        if (payload == null || payload.length() <= PAYLOAD_PREVIEW) {
            return rejected;
        }
        String shortened = payload.substring(0, PAYLOAD_PREVIEW) + "… (" + payload.length()
                + " characters; all of it at /admin/rejected-records/" + rejected.id() + ")";
        return new RejectedRecord(rejected.id(), rejected.runId(), rejected.source(), rejected.kind(),
                rejected.sourceId(), rejected.reason(), rejected.location(), shortened, rejected.rejectedAt());
    }

}
