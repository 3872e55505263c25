package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an organisation takes electronic invoices.
 *
 * @param address the e-invoice address (OVT code or IBAN)
 * @param operator the operator's (intermediator's) code
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EInvoiceAddress(String address, String operator, LocalizedText additionalInformation) {
}
