package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A public e-mail address. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Email(String address, LocalizedText description) {
}
