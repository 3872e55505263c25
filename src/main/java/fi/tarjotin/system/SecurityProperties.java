package fi.tarjotin.system;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the admin API, and whom the service believes.
 *
 * @param coordinators regional coordinators; each password is a Spring Security encoded hash such as
 *     {@code {bcrypt}$2a$10$...}
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies whose {@code Forwarded} /
 *     {@code X-Forwarded-*} headers are honoured; from any other client they are removed. Default: loopback
 * @param loginThrottle how many failed logins an account or a client address may have before it must wait
 */
@ConfigurationProperties("tarjotin.security")
public record SecurityProperties(List<Coordinator> coordinators, List<String> trustedProxies,
        LoginThrottle loginThrottle) {

    public SecurityProperties {
        coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        trustedProxies = trustedProxies == null ? List.of("127.0.0.1/8", "::1") : List.copyOf(trustedProxies);
        loginThrottle = loginThrottle == null ? new LoginThrottle(10, Duration.ofMinutes(5)) : loginThrottle;
    }

    /** A coordinator account. */
    public record Coordinator(String username, String password) {
    }

    /**
     * @param maxFailures failed logins of one account, or from one address, within {@code window} after which
     *     its logins are answered 429 until the oldest of them is older than the window
     * @param window how far back failures count
     */
    public record LoginThrottle(int maxFailures, Duration window) {
    }
}
