package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A need the source did not give but the record's own words signal: written by the need-inference stage
 * ({@code fi.tarjotin.needs.NeedInference}), never by a mapping file.
 *
 * @param need the need code (mappings/taxonomy/needs.csv)
 * @param score 0–1: one minus the product of (1 − weight) over the evidence; {@code tarjotin.needs.min-score}
 *     and above are kept
 * @param evidence what signalled it, strongest first
 * @param confirmed a coordinator confirmed it on this record ({@code fi.tarjotin.needs.NeedDecisions}); absent
 *     when not. A confirmed need stays, with the evidence it was confirmed on, even when its words are gone.
 */
public record InferredNeed(String need, double score, List<Evidence> evidence,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean confirmed) {

    public InferredNeed(String need, double score, List<Evidence> evidence) {
        this(need, score, evidence, false);
    }

    /** The same need, marked as a coordinator's confirmed one. */
    public InferredNeed asConfirmed() {
        return new InferredNeed(need, score, evidence, true);
    }

    /**
     * @param field where the words stand: {@code name}, {@code alternateName}, {@code keywords},
     *     {@code summary}, {@code description} or {@code conditions}
     * @param language {@code fi} or {@code sv}
     * @param words the text's words that matched, as written
     * @param signal the signal phrase of need-signals.csv they matched
     * @param rule {@code signal-phrase}: the words of a signal phrase in a row
     */
    public record Evidence(String field, String language, String words, String signal, String rule, double weight) {
    }
}
