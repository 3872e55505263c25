package fi.tarjotin.admin;

import fi.tarjotin.catalogue.CoverageReport;
import fi.tarjotin.catalogue.CoverageSnapshots;
import fi.tarjotin.quality.PtvQuality;
import java.time.Period;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the tray covers and how good its PTV descriptions are, for scripts: the figures the console's coverage
 * and PTV quality pages show. Authenticated: see SecurityConfiguration.
 */
@RestController
@RequestMapping("/admin")
class CoverageAdminController {

    private final CoverageReport coverage;
    private final CoverageSnapshots snapshots;
    private final PtvQuality quality;

    CoverageAdminController(CoverageReport coverage, CoverageSnapshots snapshots, PtvQuality quality) {
        this.coverage = coverage;
        this.snapshots = snapshots;
        this.quality = quality;
    }

    /** Every coverage table at once; {@code staleWarning} (ISO period) sets what counts as stale soon. */
    record Coverage(CoverageReport.Totals totals, List<CoverageReport.CodeCount> municipalities,
            List<CoverageReport.CodeCount> categories, List<CoverageReport.CodeCount> needs,
            List<CoverageReport.Hole> needsWithoutService, List<CoverageReport.Freshness> freshness,
            List<CoverageSnapshots.Snapshot> trend) {
    }

    @GetMapping("/coverage")
    Coverage coverage(@RequestParam(defaultValue = "P1M") Period staleWarning,
            @RequestParam(defaultValue = "365") int days) {
        return new Coverage(coverage.totals(), coverage.byMunicipality(), coverage.byCategory(), coverage.byNeed(),
                coverage.holes(), coverage.freshness(staleWarning), snapshots.trend(Math.max(1, days)));
    }

    @GetMapping("/ptv-quality")
    List<PtvQuality.MunicipalityQuality> ptvQuality() {
        return quality.byMunicipality();
    }
}
