package fi.tarjotin.system;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel's quartz: endpoints use Spring Boot's Quartz scheduler, whose clustered JDBC job store sits in
 * the catalogue database: with several instances, each cron firing runs on one of them.
 */
@Configuration(proxyBeanMethods = false)
class QuartzSchedulerConfiguration {

    @Bean("quartz")
    QuartzComponent quartz(Scheduler scheduler) {
        QuartzComponent component = new QuartzComponent();
        component.setScheduler(scheduler);
        return component;
    }
}
