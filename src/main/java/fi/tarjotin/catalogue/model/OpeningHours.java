package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One opening period on one weekday (or holiday).
 *
 * @param kind {@code regular}, {@code exception} (a date range overriding the regular hours) or {@code holiday}
 * @param validFrom first date (ISO) the period applies, null for "until further notice"
 * @param day weekday in English lower case ({@code monday}…), null for holidays
 * @param opens local time {@code HH:mm}
 * @param status {@code open}, {@code closed} or {@code by-appointment}
 * @param holiday the holiday's name as PTV spells it ({@code ChristmasEve}) for {@code holiday} periods
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OpeningHours(String kind, String validFrom, String validTo, String day, String opens, String closes,
        String status, String holiday, LocalizedText description) {
}
