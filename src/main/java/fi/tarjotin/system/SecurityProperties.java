package fi.tarjotin.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the admin API.
 *
 * @param coordinators regional coordinators; each password is a Spring Security encoded hash such as
 *     {@code {bcrypt}$2a$10$...}
 */
@ConfigurationProperties("tarjotin.security")
public record SecurityProperties(List<Coordinator> coordinators) {

    public SecurityProperties {
        coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
    }

    /** A coordinator account. */
    public record Coordinator(String username, String password) {
    }
}
