package fi.tarjotin.dedup;

import fi.tarjotin.dedup.DedupResult.Assignment;
import fi.tarjotin.dedup.DedupResult.Figures;
import fi.tarjotin.dedup.DedupResult.Link;
import fi.tarjotin.dedup.DedupResult.ReviewPair;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Deduplicates records: normalise each once, find candidate pairs by blocking, score them, and join the
 * match band into entities; the review band is handed back as pairs for a person. Pure and deterministic:
 * no database, no clock, and the same records give the same entity ids in any order, since an entity's id
 * is a name-based UUID of its smallest record id and links are applied strongest first with ties broken by
 * record ids.
 */
public final class Deduplicator {

    private static final String ENTITY_NAMESPACE = "tarjotin-dedup:";

    private final MatchSettings settings;

    public Deduplicator(MatchSettings settings) {
        this.settings = settings;
    }

    public DedupResult deduplicate(List<DedupRecord> input) {
        return deduplicate(input, Decisions.NONE);
    }

    /**
     * Deduplicates with coordinators' decisions: pairs to merge are joined first, whatever they score; pairs
     * kept apart are never joined, and no pair between their entities is offered for review again.
     */
    public DedupResult deduplicate(List<DedupRecord> input, Decisions decisions) {
        Map<String, Integer> indexById = new HashMap<>();
        for (int index = 0; index < input.size(); index++) {
            if (indexById.put(input.get(index).id(), index) != null) {
                throw new IllegalArgumentException("the record id " + input.get(index).id() + " occurs more than once");
            }
        }
        Map<String, ContactNormalizer.Phone> knownPhones = new ConcurrentHashMap<>();
        List<MatchRecord> records = IntStream.range(0, input.size()).parallel()
                .mapToObj(index -> MatchRecord.of(index, input.get(index), settings.defaultRegion(), knownPhones))
                .toList();
        PairComparator comparator = new PairComparator(new ValueStatistics(records));
        long[] candidates = CandidateBlocking.candidatePairs(records, settings.blockCap(), settings.window());
        LevelWeights weights = WeightEstimation.estimate(records, candidates, comparator,
                indexPairs(decisions.merge(), indexById), indexPairs(decisions.keepApart(), indexById),
                settings.randomPairs(), settings.estimationPairs());
        PairScorer firstPass = new PairScorer(comparator, weights);
        List<ScoredPair> scored = score(records, candidates, firstPass, (a, b) -> true);
        // Second pass: words the sure matches wrote two ways count as one word, in the pairs whose names they touch.
        LearnedAbbreviations learned = LearnedAbbreviations.learn(scored.stream()
                .filter(pair -> !pair.score().exactKey()
                        && pair.score().probability() >= LearnedAbbreviations.FROM_PROBABILITY)
                .map(pair -> new MatchRecord[] {pair.a(), pair.b()}).toList());
        PairScorer scorer = learned.isEmpty() ? firstPass
                : new PairScorer(comparator.withEquivalentTokens(learned.equivalents()), weights);
        if (!learned.isEmpty()) {
            List<ScoredPair> rescored = score(records, candidates, scorer, learned::touches);
            scored = Stream.concat(scored.stream().filter(pair -> !learned.touches(pair.a(), pair.b())),
                    rescored.stream()).sorted(STRONGEST_FIRST).toList();
        }

        Clusterer clusterer = new Clusterer(records);
        for (Decisions.Pair pair : decisions.keepApart()) {
            Integer a = indexById.get(pair.recordIdA());
            Integer b = indexById.get(pair.recordIdB());
            if (a != null && b != null) {
                clusterer.keepApart(a, b);
            }
        }
        List<ScoredPair> merged = new ArrayList<>();
        for (Decisions.Pair pair : decisions.merge()) {
            Integer a = indexById.get(pair.recordIdA());
            Integer b = indexById.get(pair.recordIdB());
            if (a != null && b != null && clusterer.joinAsDecided(a, b)) {
                merged.add(new ScoredPair(records.get(a), records.get(b), PairScore.decided(), Band.MATCH));
            }
        }
        Clusterer.PairCheck mayBeOne = (a, b) -> {
            PairScore score = scorer.score(records.get(a), records.get(b));
            return score.exactKey() || score.evidenceBits() > settings.clearNonMatchBits();
        };
        List<ScoredPair> forReview = new ArrayList<>();
        long matchPairs = 0;
        long refused = 0;
        for (ScoredPair pair : scored) {
            if (pair.band() == Band.POSSIBLE) {
                forReview.add(pair);
                continue;
            }
            matchPairs++;
            Clusterer.Join join = clusterer.join(pair.a().index(), pair.b().index(), pair.score().exactKey(), mayBeOne);
            if (join == Clusterer.Join.REFUSED) {
                refused++;
                forReview.add(pair);
            } else {
                merged.add(pair);
            }
        }
        List<Assignment> assignments = assignments(records, clusterer, merged);
        List<ReviewPair> reviewPairs = reviewPairs(clusterer, forReview);
        long entities = assignments.stream().map(Assignment::entityId).distinct().count();
        Figures figures = new Figures(records.size(), candidates.length, matchPairs,
                scored.size() - matchPairs, refused, (int) entities);
        return new DedupResult(assignments, reviewPairs, figures, weights.describe() + learned.describe());
    }

    /** The candidate pairs {@code which} takes, scored, outside the non-match band, strongest first. */
    private List<ScoredPair> score(List<MatchRecord> records, long[] candidates, PairScorer scorer,
            BiPredicate<MatchRecord, MatchRecord> which) {
        return IntStream.range(0, candidates.length).parallel().mapToObj(i -> {
            MatchRecord a = records.get((int) (candidates[i] >>> 32));
            MatchRecord b = records.get((int) candidates[i]);
            if (!which.test(a, b)) {
                return null;
            }
            PairScore score = scorer.score(a, b);
            Band band = score.exactKey() ? Band.MATCH : settings.bandOf(score.probability());
            return band == Band.NON_MATCH ? null : new ScoredPair(a, b, score, band);
        }).filter(pair -> pair != null).sorted(STRONGEST_FIRST).toList();
    }

    private static List<int[]> indexPairs(List<Decisions.Pair> pairs, Map<String, Integer> indexById) {
        List<int[]> indexes = new ArrayList<>();
        for (Decisions.Pair pair : pairs) {
            Integer a = indexById.get(pair.recordIdA());
            Integer b = indexById.get(pair.recordIdB());
            if (a != null && b != null) {
                indexes.add(new int[] {a, b});
            }
        }
        return indexes;
    }

    private record ScoredPair(MatchRecord a, MatchRecord b, PairScore score, Band band) {

        String smallerId() {
            return a.id().compareTo(b.id()) <= 0 ? a.id() : b.id();
        }

        String largerId() {
            return a.id().compareTo(b.id()) <= 0 ? b.id() : a.id();
        }
    }

    // Exact keys first, then by evidence; equal evidence by record ids, so input order never matters.
    private static final Comparator<ScoredPair> STRONGEST_FIRST = Comparator
            .comparing((ScoredPair pair) -> !pair.score().exactKey())
            .thenComparing(pair -> -pair.score().bits())
            .thenComparing(ScoredPair::smallerId)
            .thenComparing(ScoredPair::largerId);

    private static List<Assignment> assignments(List<MatchRecord> records, Clusterer clusterer,
            List<ScoredPair> merged) {
        Map<Integer, String> smallestIdByRoot = new HashMap<>();
        for (MatchRecord record : records) {
            smallestIdByRoot.merge(clusterer.find(record.index()), record.id(),
                    (left, right) -> left.compareTo(right) <= 0 ? left : right);
        }
        // The merged pairs are strongest first, so a record's first one is its strongest link.
        Link[] strongest = new Link[records.size()];
        for (ScoredPair pair : merged) {
            offer(strongest, pair.a(), pair.b(), pair.score());
            offer(strongest, pair.b(), pair.a(), pair.score());
        }
        List<Assignment> assignments = new ArrayList<>(records.size());
        for (MatchRecord record : records) {
            String smallestId = smallestIdByRoot.get(clusterer.find(record.index()));
            assignments.add(new Assignment(record.id(), entityId(smallestId), strongest[record.index()]));
        }
        return assignments;
    }

    private static void offer(Link[] strongest, MatchRecord record, MatchRecord other, PairScore score) {
        if (strongest[record.index()] == null) {
            strongest[record.index()] = new Link(other.id(), score.probability(), score.exactKey(), score.decidedBy(),
                    score.explained());
        }
    }

    /** The id of the entity whose smallest record id is given: the same on every run over the same records. */
    public static UUID entityId(String smallestRecordId) {
        return UUID.nameUUIDFromBytes((ENTITY_NAMESPACE + smallestRecordId).getBytes(StandardCharsets.UTF_8));
    }

    private static List<ReviewPair> reviewPairs(Clusterer clusterer, List<ScoredPair> forReview) {
        Set<Long> entityPairs = new HashSet<>();
        List<ScoredPair> strongestPerEntityPair = new ArrayList<>();
        for (ScoredPair pair : forReview.stream().sorted(STRONGEST_FIRST).toList()) {
            int rootA = clusterer.find(pair.a().index());
            int rootB = clusterer.find(pair.b().index());
            if (rootA == rootB || clusterer.keptApart(rootA, rootB)) {
                continue;
            }
            long entityPair = ((long) Math.min(rootA, rootB) << 32) | Math.max(rootA, rootB);
            if (entityPairs.add(entityPair)) {
                strongestPerEntityPair.add(pair);
            }
        }
        return strongestPerEntityPair.stream().map(pair -> new ReviewPair(pair.smallerId(), pair.largerId(),
                pair.score().probability(), pair.score().decidedBy(), pair.score().fieldContributions(),
                pair.score().explained())).toList();
    }
}
