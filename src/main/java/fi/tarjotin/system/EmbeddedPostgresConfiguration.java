package fi.tarjotin.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(properties.dataDirectory())
                .setCleanDataDirectory(properties.cleanDataDirectory())
                .setPort(properties.port());
        properties.serverConfig().forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(),
                properties.dataDirectory().toAbsolutePath());
        return postgres;
    }

    /**
     * Bound to {@code spring.datasource.hikari.*} like the pool Spring Boot makes for an external server, so
     * the connection-acquire and validation timeouts (a database that is gone is a quick 503) hold here too.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true")
                .username("postgres")
                .build();
        dataSource.setMaximumPoolSize(10);
        dataSource.setPoolName("tarjotin-embedded");
        return dataSource;
    }
}
