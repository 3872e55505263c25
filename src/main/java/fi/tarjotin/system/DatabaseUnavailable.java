package fi.tarjotin.system;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database that is gone or too slow is a 503 with {@code Retry-After} for every controller (public API,
 * admin, reminder pages), answered as soon as the pool's connection-acquire or the statement timeout ends,
 * instead of a 500 after half a minute. First of the controller advices, so no catch-all handler sees it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailable {

    static final String DETAIL = "The catalogue database cannot be reached right now. Try again shortly.";

    private final String retryAfterSeconds;

    DatabaseUnavailable(@Value("${tarjotin.database-unavailable-retry-after:30s}") Duration retryAfter) {
        this.retryAfterSeconds = String.valueOf(Math.max(1, retryAfter.toSeconds()));
    }

    /** What {@code Retry-After} says: about how long a database restart takes, so clients do not hammer it. */
    String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            QueryTimeoutException.class, RecoverableDataAccessException.class, CannotCreateTransactionException.class,
            SQLTransientConnectionException.class})
    ResponseEntity<ProblemDetail> unavailable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(problem);
    }

    /** Whether the exception, or one of its causes, says the database could not be reached in time. */
    static boolean causedBy(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
