package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A place or channel where services are given: a visiting address, a web page, a phone line.
 *
 * @param channelType {@code service-location}, {@code web-page}, {@code phone}, {@code e-service} or
 *     {@code printable-form}
 * @param accessibility accessibility notes (entrances, lifts) as plain text
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Location(LocalizedText name, LocalizedText alternateName, LocalizedText summary,
        LocalizedText description, LocalizedText descriptionText, String organization, String channelType,
        ServiceArea area, List<Address> addresses, List<Phone> phones, List<Email> emails,
        List<WebPage> webPages, List<OpeningHours> openingHours, List<String> languages,
        LocalizedText accessibility) {
}
