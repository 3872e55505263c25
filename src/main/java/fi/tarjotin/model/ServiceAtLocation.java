package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A service given at a location, with what is specific to that pairing (its own hours and contacts).
 *
 * @param service source id of the service
 * @param location source id of the location
 * @param chargeType what the service costs at this location: {@code free}, {@code charged} or {@code other}
 * @param chargeDescription prices and how to pay here
 * @param addresses contact addresses of this pairing
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceAtLocation(String service, String location, LocalizedText description,
        List<Phone> phones, List<Email> emails, List<WebPage> webPages, List<OpeningHours> openingHours,
        String chargeType, LocalizedText chargeDescription, List<Address> addresses) {
}
