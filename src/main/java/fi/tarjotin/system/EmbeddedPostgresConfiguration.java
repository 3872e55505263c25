package fi.tarjotin.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Starts PostgreSQL 15 inside the application when no datasource URL is configured, so the service
 * runs on a fresh machine with no database server and no Docker. The data directory is kept, so the
 * catalogue survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        Files.createDirectories(properties.dataDirectory());
        EmbeddedPostgresDataDirectory dataDirectory = new EmbeddedPostgresDataDirectory(properties.dataDirectory());
        dataDirectory.stopServerLeftByDeadInstance();
        boolean initialised = dataDirectory.isInitialised();
        String password = dataDirectory.keptPassword().orElseGet(EmbeddedPostgresDataDirectory::newPassword);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDirectory())
                .setCleanDataDirectory(properties.cleanDataDirectory())
                .setPort(properties.port())
                .setConnectConfig("password", password);
        properties.serverConfig().forEach(builder::setServerConfig);
        Path passwordForInitdb = null;
        if (!initialised) {
            // A new cluster gets the password, and password authentication for every connection, from initdb.
            passwordForInitdb = Files.createTempFile("tarjotin-initdb", ".pw");
            EmbeddedPostgresDataDirectory.writeOwnerOnly(passwordForInitdb, password);
            builder.setLocaleConfig("pwfile", passwordForInitdb.toString())
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setDataDirectoryCustomizer(directory -> keep(dataDirectory, password));
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } finally {
            if (passwordForInitdb != null) {
                Files.deleteIfExists(passwordForInitdb);
            }
        }
        if (initialised && dataDirectory.keptPassword().isEmpty()) {
            requirePassword(postgres, dataDirectory, password);
        }
        log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
                properties.dataDirectory().toAbsolutePath());
        return postgres;
    }

    private static void keep(EmbeddedPostgresDataDirectory dataDirectory, String password) {
        try {
            dataDirectory.keepPassword(password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A cluster made before the service used passwords trusts every local connection: it gets the password
     * and password authentication now, so no other local user or process can read the catalogue's secrets.
     */
    private static void requirePassword(EmbeddedPostgres postgres, EmbeddedPostgresDataDirectory dataDirectory,
            String password) throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER USER postgres PASSWORD " + quoted(password));
            dataDirectory.keepPassword(password);
            Files.writeString(dataDirectory.hbaFile(), """
                    # Written by Tarjotin: every connection authenticates with the password kept in tarjotin-password.
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    host  all all ::1/128 scram-sha-256
                    """);
            statement.execute("SELECT pg_reload_conf()");
            log.info("The embedded PostgreSQL now requires the password kept in its data directory");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not give the embedded PostgreSQL a password", e);
        }
    }

    /** A SQL string literal; the password is generated (URL-safe Base64), so it holds no quote. */
    private static String quoted(String password) {
        return "'" + password.replace("'", "''") + "'";
    }

    private static String password(EmbeddedPostgresProperties properties) {
        try {
            return new EmbeddedPostgresDataDirectory(properties.dataDirectory()).keptPassword()
                    .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL has no password kept"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true")
                .username("postgres")
                .password(password(properties))
                .build();
        dataSource.setMaximumPoolSize(10);
        dataSource.setPoolName("tarjotin-embedded");
        return dataSource;
    }
}
