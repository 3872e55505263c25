package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A text in the tray's languages; a missing translation is null, never an empty string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalizedText(String fi, String sv, String en) {

    public LocalizedText {
        fi = blankToNull(fi);
        sv = blankToNull(sv);
        en = blankToNull(en);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return fi == null && sv == null && en == null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
