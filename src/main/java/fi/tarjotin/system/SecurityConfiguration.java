package fi.tarjotin.system;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Admin and actuator endpoints need a coordinator account (HTTP Basic); the public catalogue, the reminder
 * pages and the health probe do not, and ignore credentials. Accounts come from configuration with hashed
 * passwords; failed logins are logged and throttled per account and per client address.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String COORDINATOR = "COORDINATOR";
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final Pattern ENCODED_PASSWORD = Pattern.compile("^\\{[a-z0-9_-]+}.+");

    /**
     * The admin API and the actuator (except health): HTTP Basic, coordinators only, failed logins throttled
     * and logged. Health is left to the public chain, so a probe never needs (nor is refused for) credentials.
     */
    @Bean
    @Order(1)
    SecurityFilterChain coordinatorChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
        RequestMatcher health = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/health"),
                PathPatternRequestMatcher.withDefaults().matcher("/actuator/health/**"));
        RequestMatcher coordinatorPaths = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/admin/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));
        return common(http)
                .securityMatcher(new AndRequestMatcher(coordinatorPaths, new NegatedRequestMatcher(health)))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(COORDINATOR))
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .build();
    }

    /**
     * Everything else is public: the catalogue, its contract, the reminder pages (their signed token is the
     * authorisation) and health. No authentication runs here, so wrong credentials sent along are ignored
     * rather than answered 401.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        return common(http)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    private static HttpSecurity common(HttpSecurity http) throws Exception {
        return http
                // Tray frontends call the public catalogue from browsers; the allowed origins are in ApiWebConfiguration.
                .cors(Customizer.withDefaults())
                // Cache-Control is set per path by the API (public catalogue cacheable, admin never). The rest are
                // the OWASP REST cheat sheet's: nosniff, no framing, a CSP that loads nothing, no referrer.
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic-authenticated JSON API: no cookies, so no CSRF token to protect.
                .csrf(csrf -> csrf.disable());
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, Clock clock) {
        SecurityProperties.LoginThrottle settings = properties.loginThrottle();
        if (settings.maxFailures() < 1) {
            throw new InvalidConfigurationException("tarjotin.security.login-throttle.max-failures", "must be at least 1");
        }
        if (settings.window() == null || settings.window().isNegative() || settings.window().isZero()) {
            throw new InvalidConfigurationException("tarjotin.security.login-throttle.window", "must be a positive duration");
        }
        return new LoginThrottle(settings, clock);
    }

    /** Every failed login in the log (account and client address, never the password), and counted. */
    @Bean
    ApplicationListener<AbstractAuthenticationFailureEvent> failedLogins(LoginThrottle throttle) {
        return event -> {
            String username = String.valueOf(event.getAuthentication().getName());
            String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : "unknown";
            throttle.failed(username, address);
            log.warn("Failed login for account '{}' from {}: {}", LoginThrottleFilter.loggable(username), address,
                    event.getException().getClass().getSimpleName());
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService coordinators(SecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (int i = 0; i < properties.coordinators().size(); i++) {
            SecurityProperties.Coordinator coordinator = properties.coordinators().get(i);
            String property = "tarjotin.security.coordinators[" + i + "]";
            if (coordinator.username() == null || coordinator.username().isBlank()) {
                throw new InvalidConfigurationException(property + ".username", "must not be empty");
            }
            if (coordinator.password() == null || !ENCODED_PASSWORD.matcher(coordinator.password()).matches()) {
                throw new InvalidConfigurationException(property + ".password",
                        "must be an encoded password with its algorithm, e.g. {bcrypt}$2a$10$...");
            }
            if (coordinator.password().startsWith("{noop}")) {
                log.warn("{}.password is stored in plain text ({noop}); use {bcrypt} outside development", property);
            }
            users.add(User.withUsername(coordinator.username()).password(coordinator.password())
                    .roles(COORDINATOR).build());
        }
        if (users.isEmpty()) {
            String generated = randomPassword();
            log.warn("No coordinator accounts configured (tarjotin.security.coordinators). "
                    + "Generated for this run only: username 'coordinator', password '{}'", generated);
            users.add(User.withUsername("coordinator").password(encoder.encode(generated)).roles(COORDINATOR).build());
        }
        // Exposed as a plain UserDetailsService: the in-memory manager would also "upgrade" each password to
        // bcrypt on every login, which cannot be saved back to the configuration and costs a hash per call.
        InMemoryUserDetailsManager accounts = new InMemoryUserDetailsManager(users);
        return accounts::loadUserByUsername;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
