package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A street or post-office-box address.
 *
 * @param kind {@code visiting}, {@code postal} or {@code delivery} (where a printable form is sent)
 * @param municipality official 3-digit municipality code
 * @param recipient for a delivery address, whom to address the form to
 * @param country ISO 3166-1 alpha-2 code, for an address abroad
 * @param coordinatesSource who placed the point: {@code geocoded} (from the address by the National Land
 *     Survey), {@code user} (by the maintainer) or {@code accessibility-register}
 * @param accessibilityRegisterId the service point's id in the accessibility register, for its details
 * @param streetSource where the street name came from: {@code posti} (picked from Posti's street register) or
 *     {@code user-entered} (typed by the maintainer)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Address(String kind, LocalizedText street, String streetNumber, String postalCode,
        LocalizedText postOffice, String municipality, LocalizedText additionalInformation,
        Coordinates coordinates, LocalizedText recipient, String country, String coordinatesSource,
        String accessibilityRegisterId, String streetSource) {
}
