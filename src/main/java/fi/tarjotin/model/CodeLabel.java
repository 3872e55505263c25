package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The name a source gives one of its codes, so a frontend can show the source's own classification in
 * the reader's language ("P5.17 Terveyden ja hyvinvoinnin neuvonta- ja ohjauspalvelut").
 *
 * @param scheme {@code service-class}, {@code target-group}, {@code ontology-term}, {@code life-event} or
 *     {@code industrial-class}
 * @param vocabulary for ontology terms, the ontology the term is from ({@code KOKO}, {@code YSO})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CodeLabel(String scheme, String code, String uri, String vocabulary, LocalizedText name,
        LocalizedText description) {
}
