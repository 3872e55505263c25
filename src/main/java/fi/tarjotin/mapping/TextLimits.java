package fi.tarjotin.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How long a mapped text may be. A longer value is a reject with its reason, never a silent cut: a name of
 * thousands of characters is a broken source record, and one such value must not reach the read model, where
 * names are indexed. The limits are well above what the sources allow themselves (PTV: names 100, summaries
 * 150, descriptions 4,000 characters) and what a spreadsheet cell holds in practice.
 */
final class TextLimits {

    /** Characters a name may have: it is the read model's sort key and what every list shows. */
    static final int NAME = 500;
    /** Characters a long text (a description, instructions, conditions) may have. */
    static final int LONG_TEXT = 50_000;
    /** Characters any other text may have: keywords, addresses, phone numbers, links, e-mails. */
    static final int OTHER = 10_000;

    private static final Map<String, Integer> BY_FIELD = Map.of(
            "name", NAME, "alternateName", NAME,
            "description", LONG_TEXT, "descriptionText", LONG_TEXT, "summary", LONG_TEXT,
            "userInstructions", LONG_TEXT, "conditions", LONG_TEXT);

    private TextLimits() {
    }

    /** Rejects the document if any text in it is longer than its field allows. */
    static void check(JsonNode document) throws MappingException {
        check(document, "", OTHER);
    }

    private static void check(JsonNode node, String path, int limit) throws MappingException {
        if (node.isTextual()) {
            int length = node.asText().codePointCount(0, node.asText().length());
            if (length > limit) {
                throw new MappingException(path + " is " + length + " characters long; at most " + limit
                        + " are accepted");
            }
        } else if (node.isObject()) {
            for (var field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                // A field's own limit holds for every language version and item below it.
                int fieldLimit = path.isEmpty() ? BY_FIELD.getOrDefault(field.getKey(), OTHER) : limit;
                check(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), fieldLimit);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]", limit);
            }
        }
    }
}
