package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An organisation offering services: an association, a municipality, a wellbeing services county, a company.
 *
 * @param description sanitised HTML; {@code descriptionText} is the same as plain text
 * @param businessId Finnish business id (Y-tunnus)
 * @param organizationType {@code municipality}, {@code wellbeing-services-county}, {@code state},
 *     {@code regional}, {@code ngo}, {@code company} or {@code other}
 * @param parentOrganization the source id of the parent organisation
 * @param oid the organisation's OID (the public sector's object identifier)
 * @param municipality for a municipality or its organisation, its 3-digit code
 * @param alternateNamePreferred the languages (fi, sv, en) in which the organisation goes by its
 *     alternate name rather than its name
 * @param eInvoiceAddresses where the organisation takes e-invoices
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Organization(LocalizedText name, LocalizedText alternateName, LocalizedText summary,
        LocalizedText description, LocalizedText descriptionText, String businessId, String organizationType,
        String parentOrganization, ServiceArea area, List<Email> emails, List<Phone> phones,
        List<WebPage> webPages, List<Address> addresses, PrivateDetails privateDetails, String oid,
        String municipality, List<String> alternateNamePreferred, List<EInvoiceAddress> eInvoiceAddresses) {
}
