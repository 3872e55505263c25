package fi.tarjotin.reminder;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.tarjotin.TarjotinApplication;
import fi.tarjotin.system.InvalidConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A wrong reminder setting stops start-up with a message that names the property. */
class ReminderConfigurationValidationTests {

    @Test
    void acceptsTheDefaults() {
        assertThatCode(() -> ReminderConfiguration.validate(properties(List.of(3, 9), "0 0 9 * * ?",
                "Hyvinvointitarjotin <tarjotin@localhost>", List.of()))).doesNotThrowAnyException();
    }

    @Test
    void aMonthOutsideTheYearNamesPeriodMonths() {
        assertThatThrownBy(() -> ReminderConfiguration.validate(properties(List.of(3, 13), "0 0 9 * * ?",
                "tarjotin@localhost", List.of())))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Invalid configuration: tarjotin.reminders.period-months is [3, 13]; "
                        + "must name at least one month, 1-12");
    }

    @Test
    void aMalformedCronNamesTheCronProperty() {
        assertThatThrownBy(() -> ReminderConfiguration.validate(properties(List.of(3), "twice a year",
                "tarjotin@localhost", List.of())))
                .hasMessage("Invalid configuration: tarjotin.reminders.period-start-cron is 'twice a year', not a "
                        + "valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
    }

    @Test
    void aSenderThatIsNoAddressNamesFrom() {
        assertThatThrownBy(() -> ReminderConfiguration.validate(properties(List.of(3), "0 0 9 * * ?", "tarjotin",
                List.of())))
                .hasMessage("Invalid configuration: tarjotin.reminders.from is 'tarjotin', not an e-mail address");
    }

    @Test
    void anOverrideInAnotherLanguageNamesItsIndex() {
        assertThatThrownBy(() -> ReminderConfiguration.validate(properties(List.of(3), "0 0 9 * * ?",
                "tarjotin@localhost", List.of(new ReminderProperties.Override("0212345-0", "a@example.com", "en")))))
                .hasMessage("Invalid configuration: tarjotin.reminders.overrides[0].language is 'en'; must be fi or sv");
    }

    @Test
    void serviceStopsAtStartWithThePropertyInTheMessage() {
        SpringApplicationBuilder application = new SpringApplicationBuilder(TarjotinApplication.class).profiles("test");

        assertThatThrownBy(() -> application.run("--tarjotin.reminders.stale-after=P0D", "--server.port=0"))
                .rootCause().isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("tarjotin.reminders.stale-after");
    }

    private static ReminderProperties properties(List<Integer> months, String cron, String from,
            List<ReminderProperties.Override> overrides) {
        return new ReminderProperties(true, months, cron, "0 */10 * * * ?", Duration.ofDays(21), Period.ofMonths(12),
                Duration.ofDays(60), "", URI.create("http://localhost:8080"), Path.of("data/outbox"), from,
                new ReminderProperties.CoordinatorContact("Koordinaattori", "koordinaattori@localhost"), overrides,
                new ReminderProperties.Smtp("", 25, "", "", Duration.ofSeconds(30)),
                new ReminderProperties.Retry(8, Duration.ofMinutes(10), Duration.ofHours(12)), Duration.ofMinutes(5),
                new ReminderProperties.EditUrls("https://palvelutietovaranto.suomi.fi", "https://lahella.fi",
                        "https://www.pohjoissavolaiset.fi"));
    }
}
