package fi.tarjotin.dedup;

import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the pairs worth scoring without looking at all n² of them: an inverted index from blocking keys to
 * the records having them, and only records sharing a key become candidates. The keys are the exact
 * identifiers (business id, PTV id, phone, e-mail, web domain), the normalised name, every pair of name-token
 * prefixes (robust to word order, typos after the fourth letter and extra words), and the street address in
 * its postal area. A key shared by more than {@code blockCap} records (a common word, a federation's phone)
 * does not compare all its records with each other: they are sorted by name and each meets only its
 * {@code window} next neighbours, so the work stays linear in the number of records.
 */
final class CandidateBlocking {

    private static final int PREFIX = 4;
    // Names longer than this contribute prefix pairs of their first tokens only.
    private static final int MAX_TOKENS = 6;

    private CandidateBlocking() {
    }

    /** The distinct candidate pairs, each as {@code smaller index << 32 | larger index}, sorted. */
    static long[] candidatePairs(List<MatchRecord> records, int blockCap, int window) {
        List<List<String>> keysByRecord = records.parallelStream().map(CandidateBlocking::keysOf).toList();
        Map<String, int[]> blocks = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        for (List<String> keys : keysByRecord) {
            keys.forEach(key -> sizes.merge(key, 1, Integer::sum));
        }
        Map<String, Integer> filled = new HashMap<>();
        for (int index = 0; index < keysByRecord.size(); index++) {
            for (String key : keysByRecord.get(index)) {
                int size = sizes.get(key);
                if (size < 2) {
                    continue;
                }
                int[] members = blocks.computeIfAbsent(key, ignored -> new int[size]);
                members[filled.merge(key, 1, Integer::sum) - 1] = index;
            }
        }
        PairBuffer pairs = new PairBuffer();
        Comparator<Integer> byName = Comparator.comparing((Integer index) -> records.get(index).name().key())
                .thenComparing(index -> records.get(index).id());
        for (int[] members : blocks.values()) {
            if (members.length <= blockCap) {
                for (int i = 0; i < members.length; i++) {
                    for (int j = i + 1; j < members.length; j++) {
                        pairs.add(members[i], members[j]);
                    }
                }
            } else {
                Integer[] sorted = Arrays.stream(members).boxed().sorted(byName).toArray(Integer[]::new);
                for (int i = 0; i < sorted.length; i++) {
                    for (int j = i + 1; j <= Math.min(sorted.length - 1, i + window); j++) {
                        pairs.add(sorted[i], sorted[j]);
                    }
                }
            }
        }
        return pairs.distinctSorted();
    }

    static List<String> keysOf(MatchRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        if (!record.businessId().isEmpty()) {
            keys.add("b:" + record.businessId());
        }
        if (!record.ptvId().isEmpty()) {
            keys.add("p:" + record.ptvId());
        }
        record.phones().forEach(phone -> keys.add("t:" + phone.national()));
        record.emails().forEach(email -> keys.add("e:" + email));
        for (String site : record.domains()) {
            keys.add("w:" + site);
            keys.add("w:" + ContactNormalizer.hostOf(site));
        }
        String place = ValueStatistics.placeOf(record);
        for (NameVariant variant : record.name().variants()) {
            keys.add("n:" + variant.key());
            TreeSet<String> prefixes = new TreeSet<>();
            for (String token : variant.tokens().subList(0, Math.min(MAX_TOKENS, variant.tokens().size()))) {
                prefixes.add(token.length() > PREFIX ? token.substring(0, PREFIX) : token);
            }
            List<String> sorted = new ArrayList<>(prefixes);
            if (sorted.size() == 1) {
                keys.add("q:" + sorted.get(0) + "|" + place);
            }
            for (int i = 0; i < sorted.size(); i++) {
                for (int j = i + 1; j < sorted.size(); j++) {
                    keys.add("q:" + sorted.get(i) + "|" + sorted.get(j));
                }
            }
        }
        if (record.street() != null && !record.street().number().isEmpty() && !place.isEmpty()) {
            keys.add("s:" + record.addressKey());
        }
        return List.copyOf(keys);
    }

    /** A growable array of pairs packed into longs: tens of millions of them fit where objects would not. */
    private static final class PairBuffer {
        private long[] pairs = new long[1 << 16];
        private int size;

        void add(int a, int b) {
            if (a == b) {
                return;
            }
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        }

        long[] distinctSorted() {
            long[] sorted = Arrays.copyOf(pairs, size);
            Arrays.parallelSort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, distinct);
        }
    }
}
