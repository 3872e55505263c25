package fi.tarjotin.dedup;

import java.util.Arrays;

/**
 * How two records compare, before any weight is applied: an exact key that decides on its own (the same PTV
 * id), a key that tells them apart (two PTV ids), or one level per compared field, with the agreed value's
 * term frequency where the agreement is on one exact value (a phone, a name), so that a rare value can count
 * for more than a common one.
 */
final class Comparison {

    private static final MatchField[] FIELDS = MatchField.values();

    private final MatchField key;
    private final boolean distinct;
    private final ComparisonLevel[] levels = new ComparisonLevel[FIELDS.length];
    // The share of records (or of distinct organisations) holding the agreed value; NaN = no such value.
    private final double[] termFrequencies = new double[FIELDS.length];

    private Comparison(MatchField key, boolean distinct) {
        this.key = key;
        this.distinct = distinct;
        Arrays.fill(termFrequencies, Double.NaN);
    }

    static Comparison levels() {
        return new Comparison(null, false);
    }

    static Comparison exact(MatchField key) {
        return new Comparison(key, false);
    }

    static Comparison distinct(MatchField key) {
        return new Comparison(key, true);
    }

    /** The key that decided the comparison on its own, or null. */
    MatchField key() {
        return key;
    }

    boolean isExactKey() {
        return key != null && !distinct;
    }

    boolean isDistinctKey() {
        return key != null && distinct;
    }

    Comparison set(ComparisonLevel level) {
        levels[level.field().ordinal()] = level;
        return this;
    }

    Comparison set(ComparisonLevel level, double termFrequency) {
        set(level);
        termFrequencies[level.field().ordinal()] = termFrequency;
        return this;
    }

    /** The field's level, or null when it was not compared. */
    ComparisonLevel level(MatchField field) {
        return levels[field.ordinal()];
    }

    double termFrequency(MatchField field) {
        return termFrequencies[field.ordinal()];
    }

    /** The levels packed four bits a field ({@link ComparisonLevel#rank()}, 0 = not compared), for counting patterns. */
    long pattern() {
        long pattern = 0;
        for (ComparisonLevel level : levels) {
            pattern = pattern << 4 | (level == null ? 0 : level.rank());
        }
        return pattern;
    }

    /** The level of a field in a {@link #pattern()}, or null. */
    static ComparisonLevel levelIn(long pattern, MatchField field) {
        int rank = (int) (pattern >>> (4 * (FIELDS.length - 1 - field.ordinal()))) & 0xF;
        return rank == 0 ? null : ComparisonLevel.of(field).get(rank - 1);
    }
}
