package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A place or channel where services are given: a visiting address, a web page, a phone line.
 *
 * @param channelType {@code service-location}, {@code web-page}, {@code phone}, {@code e-service} or
 *     {@code printable-form}
 * @param organization the source id of the organisation whose channel this is
 * @param alternateNamePreferred the languages (fi, sv, en) in which the place goes by its alternate name
 * @param accessibility accessibility notes (entrances, lifts) as plain text
 * @param entrances the entrances with their accessibility facts, as the accessibility register gives them
 * @param accessibilityCompliance for web pages and e-services, how far they meet the accessibility
 *     requirements (WCAG): {@code fully-compliant}, {@code partially-compliant}, {@code non-compliant}
 *     or {@code unknown}, per language version
 * @param documents a printable form's files and an e-service's attachments
 * @param formIdentifier a printable form's own number or code
 * @param signature for an e-service or form: {@code required} or {@code not-required}
 * @param signaturesRequired how many signatures it needs, when required
 * @param identification for an e-service: {@code required} or {@code not-required} (strong identification)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Location(LocalizedText name, LocalizedText alternateName, LocalizedText summary,
        LocalizedText description, LocalizedText descriptionText, String organization, String channelType,
        ServiceArea area, List<Address> addresses, List<Phone> phones, List<Email> emails,
        List<WebPage> webPages, List<OpeningHours> openingHours, List<String> languages,
        LocalizedText accessibility, List<Entrance> entrances, LocalizedText accessibilityCompliance,
        List<WebPage> documents, LocalizedText formIdentifier, String signature, Integer signaturesRequired,
        String identification, List<String> alternateNamePreferred) {
}
