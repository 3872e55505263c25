package fi.tarjotin.system;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

/**
 * Admin and import endpoints need a coordinator account (HTTP Basic); the public catalogue and the
 * health probe do not. Accounts come from configuration with hashed passwords.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String COORDINATOR = "COORDINATOR";
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final Pattern ENCODED_PASSWORD = Pattern.compile("^\\{[a-z0-9_-]+}.+");

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/admin/**").hasRole(COORDINATOR)
                        .requestMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole(COORDINATOR)
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                // Tray frontends call the public catalogue from browsers; the allowed origins are in ApiWebConfiguration.
                .cors(Customizer.withDefaults())
                // Cache-Control is set per path by the API (public catalogue cacheable, admin never).
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless Basic-authenticated JSON API: no cookies, so no CSRF token to protect.
                .csrf(csrf -> csrf.disable())
                .build();
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
