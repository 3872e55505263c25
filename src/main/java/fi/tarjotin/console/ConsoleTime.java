package fi.tarjotin.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times as the console shows them ({@code ${@consoleTime.format(run.startedAt)}}): Finnish local time. */
@Component("consoleTime")
public class ConsoleTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("d.M.yyyy HH.mm")
            .withZone(ZoneId.of("Europe/Helsinki"));

    public String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
