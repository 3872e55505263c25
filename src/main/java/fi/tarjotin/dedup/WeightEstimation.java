package fi.tarjotin.dedup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Learns the Fellegi–Sunter weights from the records being matched, without labels, the way Splink and
 * fastLink do:
 * <ul>
 * <li><b>u</b> (how often two different organisations show a level) from random pairs of the records: nearly
 *     all random pairs are two organisations;</li>
 * <li><b>m</b> (how often two records of one organisation show it) by expectation maximisation over the
 *     candidate pairs blocking proposed, a mixture of matches and non-matches whose share it learns too; the
 *     non-matches among candidates get their own level frequencies there, since blocking chose them for
 *     agreeing on something. The seeds of {@link ComparisonLevel} weigh as {@value #SEED_PAIRS} pseudo-pairs
 *     per field, which steadies a small list and means nothing on a large one;</li>
 * <li>coordinators' decisions are labels: a pair decided to merge is a match and one kept apart a
 *     non-match in every iteration, whatever it scores;</li>
 * <li>the prior: the expected number of matches among the candidates (exact keys included) over all pairs.</li>
 * </ul>
 * Deterministic: the random pairs come from a seeded generator and the candidates sampled by stride.
 */
final class WeightEstimation {

    private static final double SEED_PAIRS = 10;
    // The name is what tells an organisation from its organiser's other activities and a federation's
    // chapters, which share every contact: without labels, expectation maximisation cannot see that (the
    // mixture it finds is "same organiser"), so the name's m stays near its seed unless the data is large.
    private static final double NAME_SEED_PAIRS = 1000;
    // u and the prior are seeded as from this many random pairs of a list of a thousand or so records: on a
    // list of a few records there is nothing to count, on one of 200,000 the seeds hardly matter.
    private static final double RANDOM_SEED_PAIRS = 10_000;
    private static final double SEED_PRIOR = 0.002;
    private static final double CANDIDATE_SEED_PAIRS = 50;
    private static final int MAX_ITERATIONS = 60;
    private static final double CONVERGED = 1e-6;
    private static final long RANDOM_SEED = 0x7a7d_0715L;
    private static final ComparisonLevel[] LEVELS = ComparisonLevel.values();
    private static final MatchField[] FIELDS = MatchField.values();

    private WeightEstimation() {
    }

    /**
     * @param randomPairs how many random pairs u is counted on (all pairs when there are fewer)
     * @param emPairs at most this many candidate pairs go into the expectation maximisation
     */
    static LevelWeights estimate(List<MatchRecord> records, long[] candidates, PairComparator comparator,
            List<int[]> mergeDecisions, List<int[]> keepApartDecisions, int randomPairs, int emPairs) {
        double[] u = uFromRandomPairs(records, comparator, randomPairs);
        long step = Math.max(1, (candidates.length + emPairs - 1) / Math.max(1, emPairs));
        int sampled = (int) ((candidates.length + step - 1) / step);
        Comparison[] comparisons = IntStream.range(0, sampled).parallel()
                .mapToObj(i -> comparator.compare(records.get((int) (candidates[(int) (i * step)] >>> 32)),
                        records.get((int) candidates[(int) (i * step)])))
                .toArray(Comparison[]::new);
        Map<Long, Long> unlabelled = new HashMap<>();
        long exactKeys = 0;
        long levelled = 0;
        for (Comparison comparison : comparisons) {
            if (comparison.isExactKey()) {
                exactKeys++;
            } else if (!comparison.isDistinctKey()) {
                unlabelled.merge(comparison.pattern(), 1L, Long::sum);
                levelled++;
            }
        }
        Map<Long, Long> matches = patterns(records, comparator, mergeDecisions);
        Map<Long, Long> nonMatches = patterns(records, comparator, keepApartDecisions);
        double[] m = seeds();
        double[] candidateU = normalised(levelCounts(unlabelled), candidateSeeds(), CANDIDATE_SEED_PAIRS);
        double candidateShare = 0.1;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] mCounts = new double[LEVELS.length];
            double[] uCounts = new double[LEVELS.length];
            double expectedMatches = 0;
            for (Map.Entry<Long, Long> pattern : unlabelled.entrySet()) {
                double share = matchShare(pattern.getKey(), m, candidateU, candidateShare);
                expectedMatches += share * pattern.getValue();
                add(mCounts, pattern.getKey(), share * pattern.getValue());
                add(uCounts, pattern.getKey(), (1 - share) * pattern.getValue());
            }
            matches.forEach((pattern, count) -> add(mCounts, pattern, count));
            nonMatches.forEach((pattern, count) -> add(uCounts, pattern, count));
            double[] nextM = normalised(mCounts, seeds(), SEED_PAIRS, NAME_SEED_PAIRS);
            double[] nextU = normalised(uCounts, candidateSeeds(), CANDIDATE_SEED_PAIRS);
            double nextShare = levelled == 0 ? candidateShare : Math.min(0.999, Math.max(1e-6, expectedMatches / levelled));
            double change = Math.abs(nextShare - candidateShare);
            for (int level = 0; level < LEVELS.length; level++) {
                change = Math.max(change, Math.abs(nextM[level] - m[level]));
            }
            m = nextM;
            candidateU = nextU;
            candidateShare = nextShare;
            if (change < CONVERGED) {
                break;
            }
        }
        double allPairs = records.size() * (records.size() - 1.0) / 2;
        double expectedCandidateMatches = (candidateShare * levelled + exactKeys) * step;
        double prior = (expectedCandidateMatches + RANDOM_SEED_PAIRS * SEED_PRIOR) / (allPairs + RANDOM_SEED_PAIRS);
        return new LevelWeights(m, u, candidateU, prior);
    }

    private static double matchShare(long pattern, double[] m, double[] u, double share) {
        double logOdds = Math.log(share / (1 - share));
        for (MatchField field : FIELDS) {
            ComparisonLevel level = Comparison.levelIn(pattern, field);
            if (level != null) {
                logOdds += Math.log(Math.max(1e-12, m[level.ordinal()]) / Math.max(1e-12, u[level.ordinal()]));
            }
        }
        return 1 / (1 + Math.exp(-logOdds));
    }

    private static void add(double[] counts, long pattern, double weight) {
        for (MatchField field : FIELDS) {
            ComparisonLevel level = Comparison.levelIn(pattern, field);
            if (level != null) {
                counts[level.ordinal()] += weight;
            }
        }
    }

    /** Per field, counts plus pseudo-counts made into probabilities over the field's levels. */
    private static double[] normalised(double[] counts, double[] prior, double priorPairs) {
        return normalised(counts, prior, priorPairs, priorPairs);
    }

    private static double[] normalised(double[] counts, double[] prior, double fieldPriorPairs, double namePriorPairs) {
        double[] probabilities = new double[LEVELS.length];
        for (MatchField field : FIELDS) {
            double priorPairs = field == MatchField.NAME || field == MatchField.ACTIVITY_NAME ? namePriorPairs
                    : fieldPriorPairs;
            List<ComparisonLevel> levels = ComparisonLevel.of(field);
            double total = 0;
            for (ComparisonLevel level : levels) {
                total += counts[level.ordinal()] + priorPairs * prior[level.ordinal()];
            }
            for (ComparisonLevel level : levels) {
                probabilities[level.ordinal()] = total == 0 ? 0
                        : (counts[level.ordinal()] + priorPairs * prior[level.ordinal()]) / total;
            }
        }
        return probabilities;
    }

    private static double[] seeds() {
        double[] seeds = new double[LEVELS.length];
        for (ComparisonLevel level : LEVELS) {
            seeds[level.ordinal()] = level.seedM();
        }
        return normalised(seeds, new double[LEVELS.length], 0);
    }

    private static double[] candidateSeeds() {
        double[] seeds = new double[LEVELS.length];
        for (ComparisonLevel level : LEVELS) {
            seeds[level.ordinal()] = level.seedCandidateU();
        }
        return normalised(seeds, new double[LEVELS.length], 0);
    }

    private static double[] randomSeeds() {
        double[] seeds = new double[LEVELS.length];
        for (ComparisonLevel level : LEVELS) {
            seeds[level.ordinal()] = level.seedU();
        }
        return normalised(seeds, new double[LEVELS.length], 0);
    }

    private static double[] levelCounts(Map<Long, Long> patterns) {
        double[] counts = new double[LEVELS.length];
        patterns.forEach((pattern, count) -> add(counts, pattern, count));
        return counts;
    }

    private static Map<Long, Long> patterns(List<MatchRecord> records, PairComparator comparator, List<int[]> pairs) {
        Map<Long, Long> patterns = new HashMap<>();
        for (int[] pair : pairs) {
            Comparison comparison = comparator.compare(records.get(pair[0]), records.get(pair[1]));
            if (!comparison.isExactKey() && !comparison.isDistinctKey()) {
                patterns.merge(comparison.pattern(), 1L, Long::sum);
            }
        }
        return patterns;
    }

    /**
     * u per level: its share among random pairs where the field was compared, with the seeds' pseudo-pairs, so a
     * level no random pair showed (two unrelated records with one phone) is rare rather than impossible.
     */
    private static double[] uFromRandomPairs(List<MatchRecord> records, PairComparator comparator, int randomPairs) {
        int n = records.size();
        long allPairs = n * (n - 1L) / 2;
        int[] left;
        int[] right;
        if (allPairs <= randomPairs) {
            left = new int[(int) allPairs];
            right = new int[(int) allPairs];
            int k = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    left[k] = i;
                    right[k++] = j;
                }
            }
        } else {
            SplittableRandom random = new SplittableRandom(RANDOM_SEED ^ n);
            left = new int[randomPairs];
            right = new int[randomPairs];
            for (int k = 0; k < randomPairs; k++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n - 1);
                left[k] = i;
                right[k] = j >= i ? j + 1 : j;
            }
        }
        int[] leftPairs = left;
        int[] rightPairs = right;
        long[] patterns = IntStream.range(0, leftPairs.length).parallel().mapToLong(k -> {
            Comparison comparison = comparator.compare(records.get(leftPairs[k]), records.get(rightPairs[k]));
            return comparison.key() != null ? 0 : comparison.pattern();
        }).toArray();
        double[] counts = new double[LEVELS.length];
        for (long pattern : patterns) {
            add(counts, pattern, 1);
        }
        return normalised(counts, randomSeeds(), RANDOM_SEED_PAIRS);
    }
}
