package fi.tarjotin.console;

import fi.tarjotin.source.ImportAlreadyRunningException;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.JdbcRejectedRecordRepository;
import fi.tarjotin.source.SourceStatuses;
import fi.tarjotin.source.spreadsheet.ColumnMapping;
import fi.tarjotin.source.spreadsheet.SpreadsheetImports;
import fi.tarjotin.source.spreadsheet.SpreadsheetReport;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Imports in the console: start a full, incremental or remap run, follow a run's progress live (the progress
 * fragment polls itself with htmx while the run is going), read its rejects with their raw payloads, and
 * upload a spreadsheet. The same services as the admin API ({@code /admin/imports}, {@code /admin/spreadsheets}).
 */
@Controller
class ImportsController {

    static final int REJECTS_PER_PAGE = 50;

    private final ImportLauncher launcher;
    private final JdbcImportRunRepository runs;
    private final JdbcRejectedRecordRepository rejects;
    private final SourceStatuses sources;
    private final ObjectProvider<SpreadsheetImports> spreadsheets;

    ImportsController(ImportLauncher launcher, JdbcImportRunRepository runs, JdbcRejectedRecordRepository rejects,
            SourceStatuses sources, ObjectProvider<SpreadsheetImports> spreadsheets) {
        this.launcher = launcher;
        this.runs = runs;
        this.rejects = rejects;
        this.sources = sources;
        this.spreadsheets = spreadsheets;
    }

    @GetMapping("/console/imports")
    String imports(Model model) {
        model.addAttribute("sources", sources.all().stream().filter(SourceStatuses.SourceStatus::startable).toList());
        model.addAttribute("runs", runs.findRecent(null, 50, 0));
        SpreadsheetImports uploads = spreadsheets.getIfAvailable();
        model.addAttribute("mappings", uploads == null ? List.of() : List.copyOf(uploads.mappings().keySet()));
        return "console/imports";
    }

    @PostMapping("/console/imports/{source}")
    String start(@PathVariable String source, @RequestParam String kind, Principal coordinator,
            RedirectAttributes redirect) {
        if (!launcher.hasSource(source)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no enabled source '" + source + "'");
        }
        try {
            ImportRun run = launcher.launch(source, ImportKind.parse(kind), "console:" + coordinator.getName());
            return "redirect:/console/imports/runs/" + run.id();
        } catch (ImportAlreadyRunningException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/imports";
        }
    }

    @GetMapping("/console/imports/runs/{id}")
    String run(@PathVariable long id, @RequestParam(defaultValue = "0") int offset, Model model) {
        ImportRun run = find(id);
        int from = Math.max(0, offset);
        model.addAttribute("run", run);
        model.addAttribute("rejects", rejects.find(id, null, REJECTS_PER_PAGE, from));
        model.addAttribute("offset", from);
        model.addAttribute("pageSize", REJECTS_PER_PAGE);
        return "console/run";
    }

    /** The run's status and counts; while it runs, the fragment asks again after the poll interval. */
    @GetMapping("/console/imports/runs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("run", find(id));
        return "console/run :: progress";
    }

    @GetMapping("/console/imports/rejects/{id}")
    String reject(@PathVariable long id, Model model) {
        model.addAttribute("reject", rejects.findById(id).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no rejected record " + id)));
        return "console/reject";
    }

    /** Takes in an uploaded file at once and shows its report (rows taken in, rows rejected and why). */
    @PostMapping("/console/imports/spreadsheets")
    String upload(@RequestParam String mapping, @RequestParam("file") MultipartFile file, Principal coordinator,
            Model model) throws IOException {
        SpreadsheetImports uploads = spreadsheets.getIfAvailable();
        if (uploads == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the spreadsheet source is not enabled");
        }
        ColumnMapping columns = uploads.mapping(mapping).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no column mapping mappings/spreadsheet/" + mapping + ".yaml"));
        if (file.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no file was chosen, or the file is empty");
        }
        if (file.getSize() > uploads.maxFileSize().toBytes()) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "the file is larger than "
                    + uploads.maxFileSize() + " (tarjotin.sources.spreadsheet.max-file-size)");
        }
        SpreadsheetReport report = uploads.importUpload(columns, file.getOriginalFilename(), file.getBytes(),
                "console:" + coordinator.getName());
        model.addAttribute("report", report);
        return "console/upload-report";
    }

    private ImportRun find(long id) {
        return runs.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no import run " + id));
    }
}
