package fi.tarjotin.language;

import java.util.Set;

/**
 * One word of a text as a morphology sees it.
 *
 * @param surface the word as written, lower case
 * @param lemmas the word's base forms (every reading of an ambiguous word), or its stem where no analyser knows it
 * @param parts the base forms of its compound parts and of every run of consecutive parts, the whole word's
 *     included ({@code mielenterveysongelmiin}: mieli, terveys, ongelma, mielenterveys, terveysongelma,
 *     mielenterveysongelma); the stemming fallback has no parts and matches by letters instead
 */
public record Word(String surface, Set<String> lemmas, Set<String> parts) {
}
