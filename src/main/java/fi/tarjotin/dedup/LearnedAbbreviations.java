package fi.tarjotin.dedup;

import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Abbreviations learned from the list being matched: between two records the first pass found to be one
 * organisation almost surely (on contacts and the rest of the name), a name that has exactly one word the other
 * name lacks, and the other exactly one word the first lacks, may write one word two ways ({@code pk} /
 * {@code park}, {@code tk} / {@code terveyskeskus}). A pair of such words where one {@link #abbreviates} the
 * other, seen so in at least {@value #MIN_PAIRS} such pairs of records, becomes an equivalence for the second
 * pass, beside the small fixed dictionaries of {@link NameNormalizer}: so the names of pairs with fewer contacts
 * to go on agree too.
 */
final class LearnedAbbreviations {

    /** Pairs at least this probable teach equivalences. */
    static final double FROM_PROBABILITY = 0.99;
    private static final int MIN_PAIRS = 3;
    // A word of one letter, or a number, is no abbreviation of anything in particular.
    private static final int SHORTEST_WORD = 2;

    private final Map<String, Set<String>> equivalents;
    private final Map<String, Integer> support;

    private LearnedAbbreviations(Map<String, Set<String>> equivalents, Map<String, Integer> support) {
        this.equivalents = equivalents;
        this.support = support;
    }

    /** Learns from pairs of records that are one organisation almost surely. */
    static LearnedAbbreviations learn(List<MatchRecord[]> sureMatches) {
        Map<String, Integer> counts = new HashMap<>();
        for (MatchRecord[] pair : sureMatches) {
            if (pair[0].name().isEmpty() || pair[1].name().isEmpty()) {
                continue;
            }
            List<String> left = pair[0].name().variants().get(0).tokens();
            List<String> right = pair[1].name().variants().get(0).tokens();
            List<List<String>> unmatched = PairComparator.unmatchedTokens(left, right);
            if (unmatched.get(0).size() == 1 && unmatched.get(1).size() == 1) {
                String a = unmatched.get(0).get(0);
                String b = unmatched.get(1).get(0);
                if (isWord(a) && isWord(b) && (abbreviates(a, b) || abbreviates(b, a))) {
                    counts.merge(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a, 1, Integer::sum);
                }
            }
        }
        Map<String, Set<String>> equivalents = new HashMap<>();
        Map<String, Integer> support = new HashMap<>();
        counts.forEach((pair, count) -> {
            if (count >= MIN_PAIRS) {
                String[] words = pair.split("\\|");
                equivalents.computeIfAbsent(words[0], ignored -> new HashSet<>()).add(words[1]);
                equivalents.computeIfAbsent(words[1], ignored -> new HashSet<>()).add(words[0]);
                support.put(pair, count);
            }
        });
        return new LearnedAbbreviations(Map.copyOf(equivalents), Map.copyOf(support));
    }

    /**
     * Whether {@code shorter} can be an abbreviation of {@code longer}: shorter, the same first letter and its
     * letters in order among the longer's ({@code pk} / {@code park}, {@code ctr} / {@code center}). Two words
     * that only stand in each other's place (a renamed association's old and new word, a translation, a site's
     * two names) are not learned.
     */
    static boolean abbreviates(String shorter, String longer) {
        if (shorter.length() >= longer.length() || shorter.charAt(0) != longer.charAt(0)) {
            return false;
        }
        int next = 1;
        for (int i = 1; i < longer.length() && next < shorter.length(); i++) {
            if (longer.charAt(i) == shorter.charAt(next)) {
                next++;
            }
        }
        return next == shorter.length();
    }

    private static boolean isWord(String token) {
        return token.length() >= SHORTEST_WORD && token.chars().allMatch(Character::isLetter);
    }

    boolean isEmpty() {
        return equivalents.isEmpty();
    }

    Map<String, Set<String>> equivalents() {
        return equivalents;
    }

    /** Whether a learned equivalence can change how the two records' names compare. */
    boolean touches(MatchRecord a, MatchRecord b) {
        for (NameVariant left : a.name().variants()) {
            for (String token : left.tokens()) {
                Set<String> equivalent = equivalents.get(token);
                if (equivalent != null) {
                    for (NameVariant right : b.name().variants()) {
                        for (String other : right.tokens()) {
                            if (equivalent.contains(other)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /** One line: the learned pairs, most supported first, with how many pairs of records taught each. */
    String describe() {
        return "learned equivalent name words: " + (support.isEmpty() ? "none" : support.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> String.format(Locale.ROOT, "%s=%s (%d)", entry.getKey().split("\\|")[0],
                        entry.getKey().split("\\|")[1], entry.getValue()))
                .collect(Collectors.joining(", "))) + System.lineSeparator();
    }
}
