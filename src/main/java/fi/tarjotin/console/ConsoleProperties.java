package fi.tarjotin.console;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The coordinators' console.
 *
 * @param pollInterval how often a page showing a running import asks for its progress
 * @param staleWarning the overview warns of records that turn stale within this period
 */
@ConfigurationProperties("tarjotin.console")
record ConsoleProperties(Duration pollInterval, Period staleWarning) {

    ConsoleProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        staleWarning = staleWarning == null ? Period.ofMonths(1) : staleWarning;
    }
}
