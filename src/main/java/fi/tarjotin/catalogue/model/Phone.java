package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A public phone number with what it is for ("Ajanvaraus ma–pe 9–12").
 *
 * @param kind {@code voice}, {@code sms} or {@code fax}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Phone(String number, String kind, LocalizedText description, LocalizedText chargeDescription) {
}
