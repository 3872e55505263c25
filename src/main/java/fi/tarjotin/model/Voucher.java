package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Whether a service can be paid with a service voucher (palveluseteli).
 *
 * @param inUse true when vouchers are accepted, false when the source says they are not
 * @param description how to get and use one
 * @param webPages where to read more
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Voucher(Boolean inUse, LocalizedText description, List<WebPage> webPages) {
}
