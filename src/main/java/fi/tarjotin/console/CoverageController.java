package fi.tarjotin.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.catalogue.CoverageReport;
import fi.tarjotin.catalogue.CoverageReport.CodeCount;
import fi.tarjotin.catalogue.CoverageSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Coverage in the console: organisations and services per municipality, activity category and need, the needs
 * no service meets in a municipality, how current each source's records are, and the daily trend; bars for
 * the first two and a line for the trend, every table as CSV.
 */
@Controller
class CoverageController {

    // How far back the trend chart looks.
    private static final int TREND_DAYS = 365;

    private final CoverageReport coverage;
    private final CoverageSnapshots snapshots;
    private final ConsoleProperties properties;
    private final ObjectMapper json;

    CoverageController(CoverageReport coverage, CoverageSnapshots snapshots, ConsoleProperties properties,
            ObjectMapper json) {
        this.coverage = coverage;
        this.snapshots = snapshots;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/console/coverage")
    String coverage(Model model) throws JsonProcessingException {
        String language = (String) model.getAttribute("lang");
        List<CodeCount> municipalities = coverage.byMunicipality();
        List<CodeCount> categories = coverage.byCategory();
        List<CoverageSnapshots.Snapshot> trend = snapshots.trend(TREND_DAYS);
        model.addAttribute("totals", coverage.totals());
        model.addAttribute("municipalities", municipalities);
        model.addAttribute("categories", categories);
        model.addAttribute("needs", coverage.byNeed());
        model.addAttribute("holes", coverage.holes());
        model.addAttribute("freshness", coverage.freshness(properties.staleWarning()));
        model.addAttribute("trend", trend);
        model.addAttribute("municipalityChart", json.writeValueAsString(bars(municipalities, language)));
        model.addAttribute("categoryChart", json.writeValueAsString(bars(categories, language)));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("labels", trend.stream().map(snapshot -> snapshot.day().toString()).toList());
        line.put("organisations", trend.stream().map(CoverageSnapshots.Snapshot::organisations).toList());
        line.put("services", trend.stream().map(CoverageSnapshots.Snapshot::services).toList());
        line.put("stale", trend.stream().map(CoverageSnapshots.Snapshot::stale).toList());
        model.addAttribute("trendChart", json.writeValueAsString(line));
        return "console/coverage";
    }

    @GetMapping("/console/coverage/{table}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String table) {
        return switch (table) {
            case "municipalities" -> counts("municipalities.csv", "municipality", coverage.byMunicipality());
            case "categories" -> counts("categories.csv", "category", coverage.byCategory());
            case "needs" -> counts("needs.csv", "need", coverage.byNeed());
            case "holes" -> CsvDownload.of("needs-without-service.csv",
                    List.of("municipality", "municipality_name", "need", "need_name"),
                    coverage.holes().stream().<List<?>>map(hole -> List.of(hole.municipality(),
                            nonNull(hole.municipalityNames().get("fi")), hole.need(), nonNull(hole.needNames().get("fi"))))
                            .toList());
            case "freshness" -> CsvDownload.of("freshness.csv",
                    List.of("source", "entity_type", "records", "unconfirmed", "stale", "stale_soon"),
                    coverage.freshness(properties.staleWarning()).stream().<List<?>>map(row -> List.of(row.source(),
                            row.entityType(), row.records(), row.unconfirmed(), row.stale(), row.staleSoon())).toList());
            case "trend" -> CsvDownload.of("coverage-trend.csv",
                    List.of("day", "organisations", "services", "stale", "unconfirmed", "needs_without_service"),
                    snapshots.trend(TREND_DAYS).stream().<List<?>>map(row -> List.of(row.day(), row.organisations(),
                            row.services(), row.stale(), row.unconfirmed(), row.needsWithoutService())).toList());
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no coverage table '" + table + "'");
        };
    }

    private static ResponseEntity<byte[]> counts(String fileName, String codeColumn, List<CodeCount> rows) {
        return CsvDownload.of(fileName, List.of(codeColumn, "name_fi", "name_sv", "name_en", "organisations", "services"),
                rows.stream().<List<?>>map(row -> List.of(row.code(), nonNull(row.names().get("fi")),
                        nonNull(row.names().get("sv")), nonNull(row.names().get("en")), row.organisations(),
                        row.services())).toList());
    }

    private static Map<String, Object> bars(List<CodeCount> rows, String language) {
        List<String> labels = new ArrayList<>();
        for (CodeCount row : rows) {
            String name = row.names().get(language);
            labels.add(name == null ? row.code() : name);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("organisations", rows.stream().map(CodeCount::organisations).toList());
        chart.put("services", rows.stream().map(CodeCount::services).toList());
        return chart;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
