package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A public phone number with what it is for ("Ajanvaraus ma–pe 9–12").
 *
 * @param kind {@code voice}, {@code sms} or {@code fax}
 * @param chargeType what a call costs: {@code free}, {@code charged} (the caller's usual rate),
 *     {@code extra-charge} (a service number's own rate, see {@code chargeDescription}) or {@code other}
 * @param languages the language versions of the record (fi, sv, en) that list this number
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Phone(String number, String kind, LocalizedText description, LocalizedText chargeDescription,
        String chargeType, List<String> languages) {
}
