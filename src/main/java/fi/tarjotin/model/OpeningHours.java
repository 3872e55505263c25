package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One opening period on one weekday (or holiday).
 *
 * @param kind {@code regular}, {@code exception} (a date range overriding the regular hours) or {@code holiday}
 * @param validFrom first date (ISO) the period applies, null for "until further notice"
 * @param day weekday in English lower case ({@code monday}…), null for holidays
 * @param opens local time {@code HH:mm}
 * @param status {@code open}, {@code closed} or {@code by-appointment}
 * @param holiday the holiday's name as PTV spells it ({@code ChristmasEve}) for {@code holiday} periods
 * @param heading the title the source gives the period ("Kesän aukioloajat")
 * @param repetition {@code odd-weeks} or {@code even-weeks} (ISO week numbers) for hours kept every
 *     other week; null for every week
 * @param years for holiday hours that hold only in some years, those years
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record OpeningHours(String kind, String validFrom, String validTo, String day, String opens, String closes,
        String status, String holiday, LocalizedText description, LocalizedText heading, String repetition,
        List<Integer> years) {
}
