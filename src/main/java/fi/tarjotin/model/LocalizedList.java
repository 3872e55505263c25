package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Words per language, such as keywords. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LocalizedList(List<String> fi, List<String> sv, List<String> en) {
}
