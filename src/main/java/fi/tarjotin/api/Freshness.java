package fi.tarjotin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.catalogue.CatalogueEntry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How recently an organisation or service was checked, for the profile: {@code tarjotin.stale},
 * {@code tarjotin.assured_date} and {@code tarjotin.assured_by}. Maintainers confirm records through the update reminders (fi.tarjotin.reminder).
 */
@Component
class Freshness {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final Set<String> CHECKED = Set.of("organization", "service");
    /**
     * Who assured a record is published only as one of these roles: the assurer's own address is private,
     * so HSDS {@code assurer_email} is never emitted and any other stored value is left out.
     */
    private static final Set<String> ROLES = Set.of("maintainer", "coordinator");

    private final Clock clock;
    private final Period staleAfter;

    Freshness(Clock clock, @Value("${tarjotin.reminders.stale-after:P12M}") Period staleAfter) {
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * Stale when the record was last assured (or, never assured, last changed) longer than
     * {@code tarjotin.reminders.stale-after} ago.
     */
    void put(ObjectNode extension, CatalogueEntry entry) {
        if (!CHECKED.contains(entry.entityType())) {
            return;
        }
        LocalDate checked = entry.assuredDate() != null ? entry.assuredDate()
                : LocalDate.ofInstant(entry.lastModified(), HELSINKI);
        extension.put("stale", checked.plus(staleAfter).isBefore(LocalDate.now(clock.withZone(HELSINKI))));
        if (entry.assuredDate() != null) {
            // HSDS has assured_date on services only; the profile gives it for organisations too.
            extension.put("assured_date", entry.assuredDate().toString());
        }
        if (entry.assuredBy() != null && ROLES.contains(entry.assuredBy())) {
            extension.put("assured_by", entry.assuredBy());
        }
    }
}
