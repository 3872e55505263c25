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
        extension.put("stale", lastDayFresh(entry).isBefore(today()));
        if (entry.assuredDate() != null) {
            // HSDS has assured_date on services only; the profile gives it for organisations too.
            extension.put("assured_date", entry.assuredDate().toString());
        }
        if (entry.assuredBy() != null && ROLES.contains(entry.assuredBy())) {
            extension.put("assured_by", entry.assuredBy());
        }
    }

    /** Today in Helsinki, the day freshness is judged on. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(HELSINKI));
    }

    /**
     * The first day on which {@code stale} turns true for the entry, when that is after {@code today}; null when it
     * is stale already or is not a record that is checked. A rendered copy holding the flag is good until then.
     */
    LocalDate turnsStaleOn(CatalogueEntry entry, LocalDate today) {
        if (entry == null || !CHECKED.contains(entry.entityType())) {
            return null;
        }
        LocalDate firstStaleDay = lastDayFresh(entry).plusDays(1);
        return firstStaleDay.isAfter(today) ? firstStaleDay : null;
    }

    /** What the rule depends on besides the records, for the fingerprint of rendered copies. */
    Period staleAfter() {
        return staleAfter;
    }

    private LocalDate lastDayFresh(CatalogueEntry entry) {
        LocalDate checked = entry.assuredDate() != null ? entry.assuredDate()
                : LocalDate.ofInstant(entry.lastModified(), HELSINKI);
        return checked.plus(staleAfter);
    }
}
