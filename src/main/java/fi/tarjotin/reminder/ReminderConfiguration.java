package fi.tarjotin.reminder;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock reminders read "now" and "today" from; tests put a clock of their own in its place. */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
