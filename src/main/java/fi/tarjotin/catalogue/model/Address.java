package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A street or post-office-box address.
 *
 * @param kind {@code visiting} or {@code postal}
 * @param municipality official 3-digit municipality code
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Address(String kind, LocalizedText street, String streetNumber, String postalCode,
        LocalizedText postOffice, String municipality, LocalizedText additionalInformation,
        Coordinates coordinates) {
}
