package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A public e-mail address.
 *
 * @param languages the language versions of the record (fi, sv, en) that list this address
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Email(String address, LocalizedText description, List<String> languages) {
}
