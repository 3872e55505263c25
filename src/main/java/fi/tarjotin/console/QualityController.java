package fi.tarjotin.console;

import fi.tarjotin.quality.PtvQuality;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * PTV quality in the console: per municipality, how many PTV service descriptions meet every criterion of the
 * criteria file, and which fail each, with links to edit them in PTV; every check as CSV.
 */
@Controller
class QualityController {

    private final PtvQuality quality;

    QualityController(PtvQuality quality) {
        this.quality = quality;
    }

    @GetMapping("/console/quality")
    String quality(Model model) {
        model.addAttribute("criteria", quality.criteria());
        model.addAttribute("file", quality.file().toString());
        model.addAttribute("municipalities", quality.byMunicipality());
        return "console/quality";
    }

    /** One row per service and municipality, a yes/no column per criterion. */
    @GetMapping("/console/quality.csv")
    ResponseEntity<byte[]> csv() {
        List<String> header = new ArrayList<>(List.of("municipality", "ptv_service_id", "name", "edit_url",
                "meets_all"));
        quality.criteria().forEach(criterion -> header.add(criterion.id()));
        List<List<?>> rows = new ArrayList<>();
        for (PtvQuality.ServiceCheck check : quality.checks()) {
            List<Object> row = new ArrayList<>(List.of(check.municipality(), check.serviceId(), check.name(),
                    check.editUrl(), yesNo(!check.met().containsValue(false))));
            check.met().values().forEach(met -> row.add(yesNo(met)));
            rows.add(row);
        }
        return CsvDownload.of("ptv-quality.csv", header, rows);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
