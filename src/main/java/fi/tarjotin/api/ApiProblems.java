package fi.tarjotin.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Errors of the public API as RFC 7807 problems: a bad parameter is a 400 that names it, an unknown id a
 * 404, anything unexpected a 500 without internals (the details go to the log). Errors are not cached.
 */
@RestControllerAdvice(basePackageClasses = CatalogueApiController.class)
class ApiProblems {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid parameter");
        problem.setType(URI.create("https://tarjotin.fi/problems/invalid-parameter"));
        problem.setProperty("parameter", e.parameter());
        return respond(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return respond(problem);
    }

    /**
     * An entity merged into another answers 301 with its successor in {@code Location} and in the body, so a
     * tray that stored the old id follows it (or updates the id it keeps).
     */
    @ExceptionHandler(MergedEntityException.class)
    ResponseEntity<ProblemDetail> merged(MergedEntityException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.MOVED_PERMANENTLY, e.getMessage());
        problem.setTitle("Merged into another entity");
        problem.setProperty("id", e.id().toString());
        problem.setProperty("successor_id", e.successorId().toString());
        URI successor = ServletUriComponentsBuilder.fromContextPath(request).path("/{path}/{id}")
                .query(request.getQueryString()).buildAndExpand(e.path(), e.successorId()).toUri();
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(successor)
                .cacheControl(CacheControl.noStore()).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            // Spring's own errors (unknown path, wrong method, unacceptable media type) keep their status.
            throw e;
        }
        log.error("Public API request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The catalogue could not answer this request. The error has been logged.");
        problem.setTitle("Internal error");
        return respond(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).cacheControl(CacheControl.noStore()).body(problem);
    }
}
