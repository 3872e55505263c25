package fi.tarjotin.admin;

import fi.tarjotin.reminder.MaintainerSettings;
import fi.tarjotin.reminder.PeriodAlreadyStartedException;
import fi.tarjotin.reminder.ReminderAnswers;
import fi.tarjotin.reminder.ReminderPeriods;
import fi.tarjotin.reminder.ReminderReports;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Coordinators preview, run and follow the update reminders, and say who maintains what. Authenticated:
 * see SecurityConfiguration. Maintainer addresses appear here and nowhere in the public API.
 */
@RestController
@RequestMapping("/admin/reminders")
class ReminderAdminController {

    private final ReminderPeriods periods;
    private final ReminderReports reports;
    private final MaintainerSettings maintainers;
    private final ReminderAnswers answers;

    ReminderAdminController(ReminderPeriods periods, ReminderReports reports, MaintainerSettings maintainers,
            ReminderAnswers answers) {
        this.periods = periods;
        this.reports = reports;
        this.maintainers = maintainers;
        this.answers = answers;
    }

    /** Who the next period would remind, of what, in which language; sends nothing. */
    @GetMapping("/preview")
    ReminderReports.Preview preview() {
        return reports.preview();
    }

    /**
     * Starts a period now and sends its reminders: by default the next period, the one the preview shows (so
     * starting it early means the schedule does not send it again); answers 201 with the period's report, 409
     * when a period with that label was already started.
     */
    @PostMapping("/periods")
    ResponseEntity<ReminderReports.Report> start(@RequestParam(required = false) String label, Principal coordinator) {
        ReminderPeriods.Period period = periods.start(label == null ? periods.nextLabel() : label,
                "admin:" + coordinator.getName());
        return ResponseEntity.created(URI.create("/admin/reminders/periods/" + period.id() + "/report"))
                .body(reports.report(period.id()).orElseThrow());
    }

    /** The follow-up look now (second reminders that are due, retries); answers how many mails were sent. */
    @PostMapping("/follow-up")
    int followUp() {
        return periods.followUp();
    }

    @GetMapping("/periods")
    ResponseEntity<List<ReminderPeriods.Period>> periods(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return AdminPages.slice(periods.periods(), limit, offset);
    }

    @GetMapping("/periods/{id}/report")
    ReminderReports.Report report(@PathVariable long id) {
        return reports.report(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no reminder period " + id));
    }

    /** "Needs changes" answers with their messages, newest first: open ones, or with {@code all=true} every one. */
    @GetMapping("/change-requests")
    ResponseEntity<List<ReminderReports.ChangeRequest>> changeRequests(@RequestParam(defaultValue = "false") boolean all,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        return AdminPages.slice(reports.changeRequests(all), limit, offset);
    }

    /** Marks a change request dealt with, so the open list holds only what still needs doing. */
    @PostMapping("/change-requests/{id}/handled")
    ResponseEntity<Void> changeRequestHandled(@PathVariable long id, Principal coordinator) {
        if (!reports.markHandled(id, coordinator.getName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no open change request " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /** A coordinator confirms a record as still correct: assured today, {@code tarjotin.assured_by: coordinator}. */
    @PostMapping("/records/{id}/assure")
    ResponseEntity<Void> assure(@PathVariable UUID id) {
        return answers.assureByCoordinator(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @GetMapping("/overrides")
    ResponseEntity<List<MaintainerSettings.OverrideView>> overrides(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return AdminPages.slice(maintainers.overrides(), limit, offset);
    }

    /** The maintainer of a record: {@code record} is an entity id or an organisation's business id. */
    @PutMapping("/overrides/{record}")
    MaintainerSettings.OverrideView setOverride(@PathVariable String record, @RequestBody OverrideRequest request,
            Principal coordinator) {
        return maintainers.setOverride(record, request.email(), request.language(), "admin:" + coordinator.getName());
    }

    record OverrideRequest(String email, String language) {
    }

    @DeleteMapping("/overrides/{record}")
    ResponseEntity<Void> removeOverride(@PathVariable String record) {
        return maintainers.removeOverride(record) ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @GetMapping("/maintainers")
    ResponseEntity<List<MaintainerSettings.MaintainerView>> maintainers(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return AdminPages.slice(maintainers.maintainers(), limit, offset);
    }

    @PostMapping("/maintainers/{email}/opt-out")
    MaintainerSettings.MaintainerView optOut(@PathVariable String email) {
        return maintainers.setOptedOut(email, true);
    }

    /** Opts back in. */
    @DeleteMapping("/maintainers/{email}/opt-out")
    MaintainerSettings.MaintainerView optIn(@PathVariable String email) {
        return maintainers.setOptedOut(email, false);
    }

    @PutMapping("/maintainers/{email}/language")
    MaintainerSettings.MaintainerView language(@PathVariable String email, @RequestParam String language) {
        return maintainers.setLanguage(email, language);
    }

    /** After fixing an address problem: the maintainer is reminded again from the next period. */
    @DeleteMapping("/maintainers/{email}/unreachable")
    MaintainerSettings.MaintainerView reachable(@PathVariable String email) {
        return maintainers.clearUnreachable(email);
    }

    @ExceptionHandler(PeriodAlreadyStartedException.class)
    ProblemDetail alreadyStarted(PeriodAlreadyStartedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
