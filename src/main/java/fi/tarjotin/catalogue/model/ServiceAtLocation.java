package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A service given at a location, with what is specific to that pairing (its own hours and contacts).
 *
 * @param service source id of the service
 * @param location source id of the location
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceAtLocation(String service, String location, LocalizedText description,
        List<Phone> phones, List<Email> emails, List<WebPage> webPages, List<OpeningHours> openingHours) {
}
