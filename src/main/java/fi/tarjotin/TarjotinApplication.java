package fi.tarjotin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tarjotin: imports wellbeing services from their sources into one catalogue for service trays. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TarjotinApplication {

    public static void main(String[] args) {
        SpringApplication.run(TarjotinApplication.class, args);
    }
}
