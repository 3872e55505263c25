package fi.tarjotin.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one running Tarjotin that integration tests share: the whole application on a random port, its
 * settings from {@code application-test.yaml}, the {@link StandIns} as its sources and mail server, and a
 * clock tests may set. Every test class that extends this and adds no configuration of its own runs in one
 * Spring context; the only others are {@link PtvApiV11Context} and {@link EdgeAndOutageContext}. Tests empty
 * what they read before they start, since the context and its database outlive each class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = IntegrationTestSupport.StandInsFirst.class)
@Import(IntegrationTestSupport.SettableClock.class)
public abstract class IntegrationTestSupport {

    @Autowired
    protected MutableClock clock;

    /** Starts the stand-ins before the context reads its settings, whichever test class builds it first. */
    static class StandInsFirst implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            StandIns.start();
        }
    }

    /** The application's clock: the system's, until a test sets it (and back after each test that did). */
    @TestConfiguration(proxyBeanMethods = false)
    static class SettableClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(null);
        }
    }
}
