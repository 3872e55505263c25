package fi.tarjotin.dedup;

import java.util.Locale;

/**
 * What each comparison level weighs in a run, as Fellegi–Sunter's m and u probabilities: m = how often two
 * records of one organisation show the level (learned by expectation maximisation), u = how often two records
 * of different organisations do (counted on random pairs of the records), and the prior: the probability that
 * two records drawn at random are one organisation. A level's weight is log2(m/u) bits; an agreement on one
 * exact value uses the value's term frequency as its u instead, so a rare name or phone agreeing counts for
 * more than a common one.
 *
 * @param m by {@link ComparisonLevel#ordinal()}
 * @param u by {@link ComparisonLevel#ordinal()}
 * @param candidateU the u-probabilities among the candidate pairs that are two organisations (learned with m):
 *     what a level says between two records already known to share an organiser's contacts
 * @param matchPrior the probability that two records drawn at random are one organisation
 */
record LevelWeights(double[] m, double[] u, double[] candidateU, double matchPrior) {

    // No probability is taken as exactly 0 or 1: one level never seen in a sample must not weigh infinitely.
    private static final double FLOOR = 1e-9;

    double m(ComparisonLevel level) {
        return m[level.ordinal()];
    }

    double u(ComparisonLevel level) {
        return u[level.ordinal()];
    }

    /** log2(m/u) with the u of candidate pairs: a level's weight between two records of one organiser. */
    double bitsAmongCandidates(ComparisonLevel level) {
        return log2(Math.max(FLOOR, m(level)) / Math.max(FLOOR, candidateU[level.ordinal()]));
    }

    /** log2(m/u), with the agreed value's term frequency as u when there is one. */
    double bits(ComparisonLevel level, double termFrequency) {
        double unrelated = Double.isNaN(termFrequency) ? u(level) : termFrequency;
        return log2(Math.max(FLOOR, m(level)) / Math.max(FLOOR, unrelated));
    }

    /** log2 of the prior odds that two records drawn at random are one organisation. */
    double priorBits() {
        double prior = Math.min(0.5, Math.max(FLOOR, matchPrior));
        return log2(prior / (1 - prior));
    }

    static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }

    /** One line per level, for the run's log and the clusters file's readers: what the data taught. */
    String describe() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "prior %.3g (%.1f bits)%n", matchPrior,
                priorBits()));
        for (ComparisonLevel level : ComparisonLevel.values()) {
            text.append(String.format(Locale.ROOT, "%-28s m %.4f u %.6f %+6.1f bits; among candidates u %.4f %+5.1f bits%n",
                    level.label(), m(level), u(level), bits(level, Double.NaN), candidateU[level.ordinal()],
                    bitsAmongCandidates(level)));
        }
        return text.toString();
    }
}
