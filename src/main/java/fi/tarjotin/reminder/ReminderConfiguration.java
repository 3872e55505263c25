package fi.tarjotin.reminder;

import fi.tarjotin.source.SourceSettings;
import fi.tarjotin.system.InvalidConfigurationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Checks {@code tarjotin.reminders.*} at start-up, so a wrong value stops the service with the property's
 * name instead of failing the first period months later; and the clock reminders read "now" from (tests
 * put a clock of their own in its place).
 */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

    private static final String PREFIX = "tarjotin.reminders.";

    ReminderConfiguration(ReminderProperties properties) {
        validate(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    static void validate(ReminderProperties properties) {
        if (properties.periodMonths().isEmpty()
                || properties.periodMonths().stream().anyMatch(month -> month == null || month < 1 || month > 12)) {
            throw new InvalidConfigurationException(PREFIX + "period-months", "is " + properties.periodMonths()
                    + "; must name at least one month, 1-12");
        }
        SourceSettings.requireCron(PREFIX + "period-start-cron", properties.periodStartCron());
        SourceSettings.requireCron(PREFIX + "follow-up-cron", properties.followUpCron());
        SourceSettings.requireHttpUrl(PREFIX + "public-base-url", properties.publicBaseUrl());
        requirePositive("second-reminder-after", properties.secondReminderAfter());
        requirePositive("token-validity", properties.tokenValidity());
        requirePositive("send-lease", properties.sendLease());
        if (properties.staleAfter() == null || properties.staleAfter().isNegative()
                || properties.staleAfter().equals(Period.ZERO)) {
            throw new InvalidConfigurationException(PREFIX + "stale-after", "is " + properties.staleAfter()
                    + "; must be a positive period such as P12M");
        }
        requireAddress("from", properties.from());
        if (properties.coordinatorContact() == null || properties.coordinatorContact().name() == null
                || properties.coordinatorContact().name().isBlank()) {
            throw new InvalidConfigurationException(PREFIX + "coordinator-contact.name",
                    "must be set: maintainers of spreadsheet records are told to contact them");
        }
        requireAddress("coordinator-contact.email", properties.coordinatorContact().email());
        if (properties.smtp() == null || properties.outbox() == null) {
            throw new InvalidConfigurationException(PREFIX + (properties.smtp() == null ? "smtp" : "outbox"), "is missing");
        }
        if (properties.smtp().configured() && (properties.smtp().port() < 1 || properties.smtp().port() > 65535)) {
            throw new InvalidConfigurationException(PREFIX + "smtp.port", "is " + properties.smtp().port()
                    + "; must be 1-65535");
        }
        requirePositive("smtp.timeout", properties.smtp().timeout());
        if (properties.retry() == null || properties.retry().maxAttempts() < 1) {
            throw new InvalidConfigurationException(PREFIX + "retry.max-attempts", "must be at least 1");
        }
        requirePositive("retry.initial-backoff", properties.retry().initialBackoff());
        requirePositive("retry.max-backoff", properties.retry().maxBackoff());
        if (properties.editUrls() == null) {
            throw new InvalidConfigurationException(PREFIX + "edit-urls", "is missing");
        }
        SourceSettings.requireHttpUrl(PREFIX + "edit-urls.ptv", uri(properties.editUrls().ptv()));
        SourceSettings.requireHttpUrl(PREFIX + "edit-urls.lahella", uri(properties.editUrls().lahella()));
        SourceSettings.requireHttpUrl(PREFIX + "edit-urls.toimeksi", uri(properties.editUrls().toimeksi()));
        for (int i = 0; i < properties.overrides().size(); i++) {
            ReminderProperties.Override override = properties.overrides().get(i);
            String property = "overrides[" + i + "].";
            if (override.record() == null || override.record().isBlank()) {
                throw new InvalidConfigurationException(PREFIX + property + "record",
                        "must be an entity id or a business id");
            }
            requireAddress(property + "email", override.email());
            if (override.language() != null && !override.language().isBlank()
                    && !ReminderTexts.LANGUAGES.contains(override.language())) {
                throw new InvalidConfigurationException(PREFIX + property + "language", "is '" + override.language()
                        + "'; must be fi or sv");
            }
        }
    }

    private static URI uri(String text) {
        try {
            return text == null ? null : new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void requirePositive(String property, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidConfigurationException(PREFIX + property, "is " + duration + "; must be positive");
        }
    }

    private static void requireAddress(String property, String address) {
        try {
            new InternetAddress(address, true).validate();
        } catch (AddressException | NullPointerException e) {
            throw new InvalidConfigurationException(PREFIX + property, "is '" + address + "', not an e-mail address");
        }
    }
}
