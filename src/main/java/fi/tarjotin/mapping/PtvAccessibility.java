package fi.tarjotin.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PTV v11 entrance accessibility ({@code addresses[].entrances[].accessibilitySentences}, filled from the
 * accessibility register: {@code {sentenceGroup: [{language, value}], sentences: [{sentence: [{language,
 * value}]}]}}) as one plain text per language, a line per group: "Reitti pääsisäänkäynnille: Reitti on
 * tasainen. Reitti on valaistu." That is what HSDS {@code accessibility.description} holds and what a
 * professional guiding a client with a wheelchair reads; the structured entrances stay in the profile.
 */
final class PtvAccessibility {

    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    private PtvAccessibility() {
    }

    static Object sentencesByLanguage(Object entrances) {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (Object entrance : JsonataFunctions.asList(entrances)) {
            if (!(entrance instanceof Map<?, ?> fields)) {
                continue;
            }
            for (Object group : JsonataFunctions.asList(fields.get("accessibilitySentences"))) {
                if (group instanceof Map<?, ?> sentences) {
                    addGroup(lines, sentences);
                }
            }
        }
        Map<String, Object> texts = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            if (lines.containsKey(language)) {
                texts.put(language, String.join("\n", lines.get(language)));
            }
        }
        return texts.isEmpty() ? null : texts;
    }

    private static void addGroup(Map<String, List<String>> lines, Map<?, ?> group) {
        for (String language : LANGUAGES) {
            String heading = text(group.get("sentenceGroup"), language);
            List<String> sentences = new ArrayList<>();
            for (Object sentence : JsonataFunctions.asList(group.get("sentences"))) {
                if (sentence instanceof Map<?, ?> item) {
                    String value = text(item.get("sentence"), language);
                    if (value != null) {
                        sentences.add(value);
                    }
                }
            }
            if (sentences.isEmpty() && heading == null) {
                continue;
            }
            String line = heading == null ? String.join(" ", sentences)
                    : sentences.isEmpty() ? heading : heading + ": " + String.join(" ", sentences);
            lines.computeIfAbsent(language, key -> new ArrayList<>()).add(line);
        }
    }

    private static String text(Object languageValues, String language) {
        for (Object item : JsonataFunctions.asList(languageValues)) {
            if (item instanceof Map<?, ?> entry && language.equals(entry.get("language"))
                    && entry.get("value") instanceof String value && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
