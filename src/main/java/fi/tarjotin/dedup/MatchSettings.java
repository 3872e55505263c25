package fi.tarjotin.dedup;

/**
 * How a run decides: the two thresholds of the bands (on the match probability), what the weights are learned
 * on, and the limits that keep candidate generation sub-quadratic. The weights themselves are not settings: each
 * run learns them from its records ({@link WeightEstimation}).
 *
 * @param matchProbability from this probability up a pair is merged automatically
 * @param reviewProbability from this probability up to the match threshold a pair is queued for review: the
 *     probabilities are calibrated, so this is how often a coordinator would say "one organisation" at least
 * @param clearNonMatchBits two records whose fields say this or less (in bits, the prior left out) are never
 *     put in one entity, however a chain of matches would join them
 * @param blockCap a blocking key shared by more records than this compares each record only with its
 *     {@code window} neighbours in name order instead of with every record of the block
 * @param randomPairs the random pairs the u-probabilities are counted on
 * @param estimationPairs at most this many candidate pairs go into the m-probabilities' estimation
 * @param defaultRegion the region national phone numbers are read in (ISO 3166 code, FI)
 */
public record MatchSettings(double matchProbability, double reviewProbability, double clearNonMatchBits,
        int blockCap, int window, int randomPairs, int estimationPairs, String defaultRegion) {

    public MatchSettings {
        if (!(reviewProbability > 0 && reviewProbability <= matchProbability && matchProbability < 1)) {
            throw new IllegalArgumentException("need 0 < reviewProbability <= matchProbability < 1");
        }
        if (blockCap < 2 || window < 1) {
            throw new IllegalArgumentException("blockCap must be at least 2 and window at least 1");
        }
        if (randomPairs < 1 || estimationPairs < 1) {
            throw new IllegalArgumentException("randomPairs and estimationPairs must be at least 1");
        }
    }

    public static MatchSettings defaults() {
        return new MatchSettings(0.9, 0.5, -8, 60, 8, 200_000, 200_000, "FI");
    }

    public MatchSettings withDefaultRegion(String region) {
        return new MatchSettings(matchProbability, reviewProbability, clearNonMatchBits, blockCap, window, randomPairs,
                estimationPairs, region);
    }

    public MatchSettings withBands(double match, double review) {
        return new MatchSettings(match, review, clearNonMatchBits, blockCap, window, randomPairs, estimationPairs,
                defaultRegion);
    }

    /** The band a probabilistic score falls into. */
    Band bandOf(double probability) {
        return probability >= matchProbability ? Band.MATCH : probability >= reviewProbability ? Band.POSSIBLE
                : Band.NON_MATCH;
    }
}
