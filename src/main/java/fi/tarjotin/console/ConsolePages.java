package fi.tarjotin.console;

import fi.tarjotin.source.ImportAlreadyRunningException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;

/**
 * What every console page needs (its language, the page it is, the poll interval), and errors as a page a
 * person can read, with the status a browser and its tests can see.
 */
@ControllerAdvice(assignableTypes = {OverviewController.class, ImportsController.class, DuplicatesController.class,
        RemindersController.class, CoverageController.class, QualityController.class, LoginController.class})
class ConsolePages {

    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);

    private final ConsoleProperties properties;

    ConsolePages(ConsoleProperties properties) {
        this.properties = properties;
    }

    @ModelAttribute
    void common(Model model, Locale locale, HttpServletRequest request, Principal coordinator) {
        String language = ConsoleWebConfiguration.LANGUAGES.stream().map(Locale::getLanguage)
                .filter(locale.getLanguage()::equals).findFirst().orElse("fi");
        model.addAttribute("lang", language);
        model.addAttribute("path", request.getRequestURI());
        model.addAttribute("pollMillis", properties.pollInterval().toMillis());
        model.addAttribute("user", coordinator == null ? null : coordinator.getName());
    }

    @ExceptionHandler(ResponseStatusException.class)
    String statusError(ResponseStatusException e, Model model, HttpServletResponse response) {
        response.setStatus(e.getStatusCode().value());
        model.addAttribute("status", e.getStatusCode().value());
        model.addAttribute("detail", e.getReason());
        return "console/error";
    }

    @ExceptionHandler(ImportAlreadyRunningException.class)
    String alreadyRunning(ImportAlreadyRunningException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("status", HttpStatus.CONFLICT.value());
        model.addAttribute("detail", e.getMessage());
        return "console/error";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    String badRequest(IllegalArgumentException e, Model model, HttpServletResponse response) {
        log.debug("Console request refused: {}", e.getMessage());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("status", HttpStatus.BAD_REQUEST.value());
        model.addAttribute("detail", e.getMessage());
        return "console/error";
    }
}
