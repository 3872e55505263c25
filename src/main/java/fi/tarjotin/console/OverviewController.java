package fi.tarjotin.console;

import fi.tarjotin.catalogue.CoverageReport;
import fi.tarjotin.entity.ReviewQueue;
import fi.tarjotin.reminder.ReminderPeriods;
import fi.tarjotin.reminder.ReminderReports;
import fi.tarjotin.source.SourceStatuses;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's first page: each source's last run and next scheduled one, and what needs a coordinator's
 * attention (open review pairs, change requests, failed or unreachable mails, stale records).
 */
@Controller
class OverviewController {

    private final SourceStatuses sources;
    private final ReviewQueue reviews;
    private final ReminderReports reminders;
    private final ReminderPeriods periods;
    private final CoverageReport coverage;
    private final ConsoleProperties properties;

    OverviewController(SourceStatuses sources, ReviewQueue reviews, ReminderReports reminders, ReminderPeriods periods,
            CoverageReport coverage, ConsoleProperties properties) {
        this.sources = sources;
        this.reviews = reviews;
        this.reminders = reminders;
        this.periods = periods;
        this.coverage = coverage;
        this.properties = properties;
    }

    /** The figures of the attention list: each links to the page where it is dealt with. */
    record Attention(int openReviews, int openChangeRequests, int failedMails, int unreachableMaintainers,
            int staleRecords, int staleSoonRecords) {

        public boolean any() {
            return openReviews + openChangeRequests + failedMails + unreachableMaintainers + staleRecords
                    + staleSoonRecords > 0;
        }
    }

    @GetMapping({"/console", "/console/"})
    String overview(Model model) {
        List<CoverageReport.Freshness> freshness = coverage.freshness(properties.staleWarning());
        // Mail problems are those of the latest period: older periods' failures were reported then.
        ReminderReports.Report latest = periods.periods().stream().findFirst()
                .flatMap(period -> reminders.report(period.id())).orElse(null);
        model.addAttribute("sources", sources.all());
        model.addAttribute("attention", new Attention(reviews.list("open", null).size(),
                reminders.changeRequests(false).size(), latest == null ? 0 : latest.failed(),
                latest == null ? 0 : latest.unreachable(),
                freshness.stream().mapToInt(CoverageReport.Freshness::stale).sum(),
                freshness.stream().mapToInt(CoverageReport.Freshness::staleSoon).sum()));
        model.addAttribute("latestPeriod", latest);
        model.addAttribute("totals", coverage.totals());
        return "console/overview";
    }
}
