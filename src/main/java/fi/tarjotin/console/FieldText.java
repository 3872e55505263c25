package fi.tarjotin.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field of a mapped document as a person reads it: texts as they are, a text per language as
 * {@code fi: … · sv: …}, lists joined, nested objects as {@code key: value} pairs. Thymeleaf escapes it.
 */
final class FieldText {

    private FieldText() {
    }

    static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> parts.add(of(element)));
            return String.join("; ", parts);
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String text = of(field.getValue());
            if (!text.isEmpty()) {
                parts.add(field.getKey() + ": " + text);
            }
        }
        return String.join(" · ", parts);
    }
}
