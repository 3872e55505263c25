package fi.tarjotin.system;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the cluster lives; kept across restarts
 * @param port the port to listen on, 0 for any free port
 * @param cleanDataDirectory wipe the data at start (tests only)
 * @param serverConfig PostgreSQL settings ({@code postgresql.conf} names) for the embedded server
 */
@ConfigurationProperties("tarjotin.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDirectory, int port, boolean cleanDataDirectory,
        Map<String, String> serverConfig) {

    public EmbeddedPostgresProperties {
        serverConfig = serverConfig == null ? Map.of() : Map.copyOf(serverConfig);
    }
}
