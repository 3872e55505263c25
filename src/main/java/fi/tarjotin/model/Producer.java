package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who produces a service for its responsible organisation.
 *
 * @param organization the producer's source id, when it is an organisation of the same source
 * @param name the producer's name, when it is not (a company named in free text)
 * @param provisionType {@code self-produced}, {@code purchased} or {@code other}
 * @param additionalInformation what the source says more about the arrangement
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Producer(String organization, LocalizedText name, String provisionType,
        LocalizedText additionalInformation) {
}
