package fi.tarjotin.dedup;

/**
 * How a run decides: the weights, the prior odds that two candidate records are one organisation, the two
 * thresholds of the bands (on the match probability) and the limits that keep candidate generation
 * sub-quadratic.
 *
 * @param priorBits log2 of the prior odds of a match between two candidates sharing a blocking key
 * @param matchProbability from this probability up a pair is merged automatically
 * @param reviewProbability from this probability up to the match threshold a pair is queued for review
 * @param blockCap a blocking key shared by more records than this compares each record only with its
 *     {@code window} neighbours in name order instead of with every record of the block
 * @param clearNonMatchBits two records scoring this or less (prior included) are never put in one entity,
 *     however a chain of matches would join them
 * @param defaultRegion the region national phone numbers are read in (ISO 3166 code, FI)
 */
public record MatchSettings(MatchWeights weights, double priorBits, double matchProbability,
        double reviewProbability, double clearNonMatchBits, int blockCap, int window, String defaultRegion) {

    public MatchSettings {
        if (!(reviewProbability > 0 && reviewProbability <= matchProbability && matchProbability < 1)) {
            throw new IllegalArgumentException("need 0 < reviewProbability <= matchProbability < 1");
        }
        if (blockCap < 2 || window < 1) {
            throw new IllegalArgumentException("blockCap must be at least 2 and window at least 1");
        }
    }

    public static MatchSettings defaults() {
        return new MatchSettings(MatchWeights.defaults(), -6, 0.9, 0.3, -12, 60, 8, "FI");
    }

    public MatchSettings withDefaultRegion(String region) {
        return new MatchSettings(weights, priorBits, matchProbability, reviewProbability, clearNonMatchBits, blockCap,
                window, region);
    }

    /** The band a probabilistic score falls into. */
    Band bandOf(double probability) {
        return probability >= matchProbability ? Band.MATCH : probability >= reviewProbability ? Band.POSSIBLE
                : Band.NON_MATCH;
    }
}
