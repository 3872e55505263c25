package fi.tarjotin.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The console is for people in a browser, not scripts: form login with a session cookie, CSRF tokens on every
 * form (htmx sends the token from the page's meta tag), and logout. This chain owns {@code /console/**} only
 * and comes before the admin API's stateless HTTP Basic chain, which keeps everything else.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String LOGIN_PAGE = "/console/login";

    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/console/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(LOGIN_PAGE, "/console/assets/**").permitAll()
                        .anyRequest().hasRole("COORDINATOR"))
                .formLogin(form -> form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/console", true)
                        .failureUrl(LOGIN_PAGE + "?error").permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout")
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        // Everything the console loads comes from this service (WebJars and its own assets).
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
