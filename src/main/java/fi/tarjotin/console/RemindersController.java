package fi.tarjotin.console;

import fi.tarjotin.reminder.MaintainerSettings;
import fi.tarjotin.reminder.PeriodAlreadyStartedException;
import fi.tarjotin.reminder.ReminderPeriods;
import fi.tarjotin.reminder.ReminderReports;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Update reminders in the console: the next period's preview, starting it, each period's report, the change
 * requests to mark handled, and the maintainers' settings (override, language, opt-out, unreachable). The same
 * services as {@code /admin/reminders}.
 */
@Controller
class RemindersController {

    private final ReminderPeriods periods;
    private final ReminderReports reports;
    private final MaintainerSettings maintainers;

    RemindersController(ReminderPeriods periods, ReminderReports reports, MaintainerSettings maintainers) {
        this.periods = periods;
        this.reports = reports;
        this.maintainers = maintainers;
    }

    @GetMapping("/console/reminders")
    String reminders(@RequestParam(defaultValue = "false") boolean allRequests, Model model) {
        model.addAttribute("preview", reports.preview());
        model.addAttribute("periods", periods.periods());
        model.addAttribute("changeRequests", reports.changeRequests(allRequests));
        model.addAttribute("allRequests", allRequests);
        model.addAttribute("maintainers", maintainers.maintainers());
        model.addAttribute("overrides", maintainers.overrides());
        return "console/reminders";
    }

    /** Starts the next period (the preview's) now and shows its report. */
    @PostMapping("/console/reminders/periods")
    String start(Principal coordinator, RedirectAttributes redirect) {
        try {
            ReminderPeriods.Period period = periods.start(periods.nextLabel(), "console:" + coordinator.getName());
            return "redirect:/console/reminders/periods/" + period.id();
        } catch (PeriodAlreadyStartedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/reminders";
        }
    }

    @GetMapping("/console/reminders/periods/{id}")
    String report(@PathVariable long id, Model model) {
        model.addAttribute("report", reports.report(id).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no reminder period " + id)));
        return "console/reminder-report";
    }

    @PostMapping("/console/reminders/change-requests/{id}/handled")
    String handled(@PathVariable long id, Principal coordinator) {
        if (!reports.markHandled(id, coordinator.getName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no open change request " + id);
        }
        return "redirect:/console/reminders#change-requests";
    }

    @PostMapping("/console/reminders/overrides")
    String setOverride(@RequestParam String record, @RequestParam String email,
            @RequestParam(required = false) String language, Principal coordinator) {
        maintainers.setOverride(record.strip(), email.strip(), language == null || language.isBlank() ? null : language,
                "console:" + coordinator.getName());
        return "redirect:/console/reminders#overrides";
    }

    @PostMapping("/console/reminders/overrides/remove")
    String removeOverride(@RequestParam String record) {
        if (!maintainers.removeOverride(record)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no override for " + record);
        }
        return "redirect:/console/reminders#overrides";
    }

    /** One maintainer setting: {@code opt-out}, {@code opt-in}, {@code language} or {@code reachable}. */
    @PostMapping("/console/reminders/maintainers")
    String maintainer(@RequestParam String email, @RequestParam String change,
            @RequestParam(required = false) String language) {
        switch (change) {
            case "opt-out" -> maintainers.setOptedOut(email, true);
            case "opt-in" -> maintainers.setOptedOut(email, false);
            case "language" -> maintainers.setLanguage(email, language);
            case "reachable" -> maintainers.clearUnreachable(email);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown change '" + change + "'");
        }
        return "redirect:/console/reminders#maintainers";
    }
}
