package fi.tarjotin.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error dispatch ({@code /error}): what a filter's {@code sendError} (401 and 403 from security) or an
 * exception outside any controller advice becomes. Replaces Spring Boot's error controller, which answers
 * plain JSON or an HTML "Whitelabel" page, with a problem document for every client. A database that cannot
 * be reached here too is a 503 with {@code Retry-After}.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final DatabaseUnavailable databaseUnavailable;

    ProblemErrorController(DatabaseUnavailable databaseUnavailable) {
        this.databaseUnavailable = databaseUnavailable;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpStatus.INTERNAL_SERVER_ERROR.value();
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Map<String, Object> extra = new LinkedHashMap<>();
        String detail = null;
        HttpHeaders headers = new HttpHeaders();
        if (exception != null && DatabaseUnavailable.causedBy(exception)) {
            status = HttpStatus.SERVICE_UNAVAILABLE.value();
            detail = DatabaseUnavailable.DETAIL;
            headers.set(HttpHeaders.RETRY_AFTER, databaseUnavailable.retryAfterSeconds());
        } else if (status >= 500) {
            if (exception != null) {
                log.error("Request {} failed", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), exception);
            }
            detail = "The service could not answer this request. The error has been logged.";
        } else if (status == HttpStatus.UNAUTHORIZED.value()) {
            detail = "This needs a coordinator account (HTTP Basic).";
        } else if (status == HttpStatus.FORBIDDEN.value()) {
            detail = "This account may not do this.";
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        if (detail == null && status < 500 && message instanceof String text && !text.isBlank()) {
            detail = text;
        }
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String uri) {
            extra.put("instance", uri);
        }
        return ResponseEntity.status(status).headers(headers).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.document(status, detail, extra));
    }
}
