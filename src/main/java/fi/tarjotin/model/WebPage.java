package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A web page, or a document to download (a printable form's file).
 *
 * @param description what the page is for, when the source says more than its name
 * @param fileType for a document: {@code pdf}, {@code doc}, {@code rtf}, {@code odt} or {@code excel}
 * @param languages the language versions of the record (fi, sv, en) that list this page
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WebPage(String url, LocalizedText name, LocalizedText description, String fileType,
        List<String> languages) {
}
