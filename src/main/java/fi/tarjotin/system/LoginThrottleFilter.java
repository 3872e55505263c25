package fi.tarjotin.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a login attempt of a throttled account or client address with 429 and {@code Retry-After} before
 * its password is checked, so guessing stops paying off (failures are counted by the failed-login listener in
 * {@link SecurityConfiguration}).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UsernamePasswordAuthenticationToken login;
        try {
            login = basic.convert(request);
        } catch (RuntimeException malformed) {
            login = null; // the Basic filter answers a malformed header itself
        }
        if (login != null) {
            Optional<Duration> wait = throttle.retryAfter(login.getName(), request.getRemoteAddr());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", String.valueOf(seconds));
                Problems.write(response, 429, "Too many failed logins for this account or from this address; "
                        + "try again in " + seconds + " s.", Map.of());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** A user name as typed, safe for one log line: no line breaks or control characters, bounded. */
    static String loggable(String username) {
        String cleaned = username.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }
}
