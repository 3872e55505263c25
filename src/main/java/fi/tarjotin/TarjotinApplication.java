package fi.tarjotin;

import fi.tarjotin.dedup.DedupeCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tarjotin: imports wellbeing services from their sources into one catalogue for service trays. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TarjotinApplication {

    public static void main(String[] args) {
        // "dedupe" is a command line tool over a CSV file: it needs neither Spring, nor the database, nor a port.
        if (args.length > 0 && args[0].equals("dedupe")) {
            DedupeCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(TarjotinApplication.class, args);
    }
}
