package fi.tarjotin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The third test context, for what the shared one must not have: its database is reached through
 * {@link StandIns#DATABASE_PROXY}, which a test cuts; reminders go to the outbox (no SMTP host); only a
 * proxy no test runs behind is trusted for forwarded headers; and five failed logins within three seconds are
 * throttled, so the throttle's tests need not wait minutes. Its spreadsheet inbox is its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:postgresql://localhost:${tarjotin.test.database-proxy-port}/postgres",
        "spring.datasource.username=postgres",
        "spring.datasource.password=",
        "tarjotin.reminders.smtp.host=",
        "tarjotin.reminders.outbox=" + EdgeAndOutageContext.OUTBOX,
        "tarjotin.sources.spreadsheet.inbox=target/test-inbox/edge-and-outage-context",
        "tarjotin.security.trusted-proxies=10.255.255.1",
        "tarjotin.security.login-throttle.max-failures=5",
        "tarjotin.security.login-throttle.window=3s"})
public @interface EdgeAndOutageContext {

    String OUTBOX = "target/test-outbox/edge-and-outage";
}
