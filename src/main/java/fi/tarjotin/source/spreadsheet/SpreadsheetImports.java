package fi.tarjotin.source.spreadsheet;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.ImportAlreadyRunningException;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.JdbcRejectedRecordRepository;
import fi.tarjotin.source.RejectedRecord;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.source.StoredRecordReplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Takes in coordinators' spreadsheet files, from the inbox folder (the {@code spreadsheet-inbox} route) or
 * uploaded through the admin API. Each file is one run of its mapping's source; afterwards the file and its
 * report go to {@code done/} (the run succeeded, maybe with rejected rows) or {@code failed/} beside it.
 * A file stays in the inbox until its run has ended, so after a crash it is read again: rows keep their
 * ids, so nothing is duplicated.
 */
public class SpreadsheetImports {

    private static final Logger log = LoggerFactory.getLogger(SpreadsheetImports.class);
    private static final int MAX_REJECTS_IN_REPORT = 10_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final ColumnMappings mappings;
    private final SpreadsheetProperties properties;
    private final ImportLauncher launcher;
    private final JdbcRejectedRecordRepository rejects;
    private final Taxonomies taxonomies;
    private final ObjectMapper json;
    private final StoredRecordReplay storedRecords;

    SpreadsheetImports(ColumnMappings mappings, SpreadsheetProperties properties, ImportLauncher launcher,
            JdbcRejectedRecordRepository rejects, Taxonomies taxonomies, ObjectMapper json,
            StoredRecordReplay storedRecords) {
        this.mappings = mappings;
        this.properties = properties;
        this.launcher = launcher;
        this.rejects = rejects;
        this.taxonomies = taxonomies;
        this.json = json;
        this.storedRecords = storedRecords;
    }

    /** The column mappings files can be given to, by name. */
    public Map<String, ColumnMapping> mappings() {
        return mappings.all();
    }

    public Optional<ColumnMapping> mapping(String name) {
        return mappings.find(name);
    }

    public Path inbox() {
        return properties.inbox();
    }

    public DataSize maxFileSize() {
        return properties.maxFileSize();
    }

    /**
     * Takes in a file found in {@code <inbox>/<mapping name>/}, then moves it with its report to done/ or
     * failed/. Throws when the mapping's source is busy: the route leaves the file for its next look.
     */
    public SpreadsheetReport importInboxFile(String absolutePath) throws IOException {
        Path file = Path.of(absolutePath);
        String name = file.getParent().getFileName().toString();
        String fileName = file.getFileName().toString();
        Optional<ColumnMapping> mapping = mappings.find(name);
        SpreadsheetReport report;
        if (mapping.isEmpty()) {
            report = refuse(name, fileName, "inbox", "there is no column mapping mappings/spreadsheet/" + name
                    + ".yaml for the folder this file is in");
        } else if (Files.size(file) > properties.maxFileSize().toBytes()) {
            report = refuse(name, fileName, "inbox", "the file is larger than " + properties.maxFileSize()
                    + " (tarjotin.sources.spreadsheet.max-file-size)");
        } else {
            try {
                report = take(mapping.get(), fileName, Files.readAllBytes(file), "inbox");
            } catch (ImportAlreadyRunningException e) {
                // The route leaves the file in the inbox for its next look, without a stack trace.
                log.info("{} waits in the inbox: {}", file, e.getMessage());
                throw e;
            }
            if (RunStatus.ABANDONED.value().equals(report.status())) {
                // The service is stopping: the file stays in the inbox and is read again after the restart.
                return report;
            }
        }
        return archive(report, name, fileName, target -> Files.move(file, target, StandardCopyOption.REPLACE_EXISTING));
    }

    /**
     * Takes in an uploaded file at once and keeps it, with its report, in the mapping's done/ or failed/
     * folder like an inbox file.
     *
     * @throws fi.tarjotin.source.ImportAlreadyRunningException when a file of this mapping is being taken in
     */
    public SpreadsheetReport importUpload(ColumnMapping mapping, String fileName, byte[] content, String triggeredBy)
            throws IOException {
        String safeName = Path.of(fileName == null || fileName.isBlank() ? "upload.csv" : fileName).getFileName()
                .toString();
        SpreadsheetReport report = take(mapping, safeName, content, triggeredBy);
        return archive(report, mapping.name(), safeName, target -> Files.write(target, content));
    }

    /**
     * After a coordinator edited {@code mappings/spreadsheet/*.jsonata} and restarted: maps the stored rows of
     * every column mapping again, as PTV's start-up remap does (route {@code spreadsheet-remap-at-startup}, in the
     * background while the API answers). Rows are not read again.
     */
    public void remapStaleRows() {
        mappings.all().values().forEach(mapping -> {
            SpreadsheetFetcher rows = new SpreadsheetFetcher(mapping, taxonomies, json, null, new byte[0]);
            if (storedRecords.hasStaleMappings(rows)) {
                try {
                    launcher.runNow(rows, ImportKind.REMAP, "startup");
                } catch (ImportAlreadyRunningException e) {
                    log.info("Spreadsheet {} rows are due a remap, but a file is being taken in", mapping.name());
                }
            }
        });
    }

    private SpreadsheetReport take(ColumnMapping mapping, String fileName, byte[] content, String triggeredBy) {
        SpreadsheetFetcher fetcher = new SpreadsheetFetcher(mapping, taxonomies, json, fileName, content);
        ImportKind kind = mapping.retiresMissingRows() ? ImportKind.FULL : ImportKind.INCREMENTAL;
        ImportRun run = launcher.runNow(fetcher, kind, triggeredBy);
        log.info("Spreadsheet {} ({}) taken in by run {}: {}", fileName, mapping.name(), run.id(), run.status().value());
        List<RejectedRecord> rejected = new ArrayList<>(rejects.find(run.id(), null, MAX_REJECTS_IN_REPORT, 0));
        rejected.sort(Comparator.comparingLong(RejectedRecord::id));
        return SpreadsheetReport.ofRun(mapping, fileName, run, fetcher, rejected);
    }

    private SpreadsheetReport refuse(String name, String fileName, String triggeredBy, String reason) {
        log.warn("Spreadsheet {} in inbox folder {} refused: {}", fileName, name, reason);
        return SpreadsheetReport.refused(name, fileName, triggeredBy, reason);
    }

    /** Puts the file at the place its archive name gives (moving or writing it). */
    private interface Keeper {
        void keepAt(Path target) throws IOException;
    }

    /** Keeps the file in done/ or failed/ under its mapping's folder, named by time and run, with its report. */
    private SpreadsheetReport archive(SpreadsheetReport report, String mappingName, String fileName, Keeper keeper)
            throws IOException {
        Path folder = properties.inbox().resolve(mappingName).resolve(report.succeeded() ? "done" : "failed");
        Files.createDirectories(folder);
        String stamp = STAMP.format(LocalDateTime.now());
        String archivedName = stamp + (report.runId() == null ? "" : "-run" + report.runId()) + "-" + fileName;
        Path target = folder.resolve(archivedName);
        SpreadsheetReport archived = report.archivedAs(properties.inbox().relativize(target).toString().replace('\\', '/'));
        Files.writeString(folder.resolve(archivedName + ".report.txt"), archived.toText(), StandardCharsets.UTF_8);
        keeper.keepAt(target);
        return archived;
    }
}
