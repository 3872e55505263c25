package fi.tarjotin.search;

import java.util.Map;

/**
 * What the search index holds of one service.
 *
 * @param id the entity id
 * @param sortName the name results with equal relevance are ordered by
 * @param texts by weight ({@code A} names, {@code B} keywords, {@code C} summaries, {@code D} descriptions),
 *     then by language ({@code fi}, {@code sv}, {@code en})
 */
public record SearchDocument(String id, String sortName, Map<String, Map<String, String>> texts) {
}
