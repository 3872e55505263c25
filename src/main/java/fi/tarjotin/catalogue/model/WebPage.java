package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A web page. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebPage(String url, LocalizedText name) {
}
