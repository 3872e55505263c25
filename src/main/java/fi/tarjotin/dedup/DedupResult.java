package fi.tarjotin.dedup;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a run found: every input record's entity, in input order; the pairs left for a person to decide; and
 * the figures of the run; and the weights the run learned from the records, one level a line.
 */
public record DedupResult(List<Assignment> assignments, List<ReviewPair> reviewPairs, Figures figures,
        String learnedWeights) {

    /**
     * A record's predicted entity. The link is the strongest match inside the entity that touches the record,
     * null for a record alone in its entity.
     */
    public record Assignment(String recordId, UUID entityId, Link link) {
    }

    /**
     * A match between two records: its probability (1 for an exact key), the fields that decided it and each
     * field's contribution in bits ({@code prior -11.2 name +9.1 phone +7.4}).
     */
    public record Link(String otherRecordId, double score, boolean exactKey, String decidedBy, String contributions) {
    }

    /**
     * Two records of different entities that may be one: the strongest such pair between two entities.
     *
     * @param contributions each compared field's evidence in bits ({@code name}, {@code phone}, …), for or against
     * @param explained the same after the prior, strongest first, as text ({@code prior -9.1 name +4.2 phone +7.4})
     */
    public record ReviewPair(String recordIdA, String recordIdB, double score, String decidedBy,
            Map<String, Double> contributions, String explained) {
    }

    /**
     * @param candidatePairs the pairs blocking proposed and the scorer scored
     * @param matchPairs pairs scored in the match band
     * @param possiblePairs pairs scored in the review band
     * @param refusedMerges match-band pairs not merged because their entities hold a clear non-match
     */
    public record Figures(int records, long candidatePairs, long matchPairs, long possiblePairs, long refusedMerges,
            int entities) {
    }
}
