package fi.tarjotin.dedup;

import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How common each value is in the data at hand, which is what the u-probabilities of Fellegi–Sunter are
 * about. For a contact (phone, e-mail, website, street address, business id) it counts the distinct names
 * sharing it: four records of one association from four sources share its phone under one name, while a
 * federation's central phone is shared under as many names as it has member associations. For a name it
 * counts the distinct places (postal code, else municipality) it occurs in; that matters only between records
 * of two places, since within one place a name is one organisation's however many towns use it. A value on
 * many records counts at least one sharer per {@value #TYPICAL_CLUSTER} of them whatever the other field
 * says. Name tokens get an inverse document frequency, so "omaishoitajat" says less than "kuopion".
 */
final class ValueStatistics {

    private static final int TYPICAL_CLUSTER = 4;
    // A word on at most this many records, or this share of them, names one organisation (a few sources' records
    // of it and a namesake or two), like "McCormick"; "Nuoret" or "Martat" is on far more.
    private static final int RARE_WORD_RECORDS = 2 * TYPICAL_CLUSTER;
    private static final double RARE_WORD_SHARE = 0.001;
    // Beyond this many distinct sharers a value weighs nothing more; counting further only costs memory.
    private static final int COUNT_LIMIT = 1024;

    // One map per field, keyed by the normalised value itself, so a lookup builds no new string.
    private final Map<String, Sharing> phones = new HashMap<>();
    private final Map<String, Sharing> emails = new HashMap<>();
    private final Map<String, Sharing> sites = new HashMap<>();
    private final Map<String, Sharing> addresses = new HashMap<>();
    private final Map<String, Sharing> businessIds = new HashMap<>();
    private final Map<String, Sharing> names = new HashMap<>();
    private final Map<String, Integer> tokenFrequencies = new HashMap<>();
    private final double recordCount;
    private final List<double[][]> tokenWeights;

    ValueStatistics(List<MatchRecord> records) {
        this.recordCount = records.size();
        for (MatchRecord record : records) {
            String name = record.name().key();
            for (ContactNormalizer.Phone phone : record.phones()) {
                count(phones, phone.national(), name);
            }
            for (String email : record.emails()) {
                count(emails, email, name);
            }
            Set<String> siteKeys = new HashSet<>();
            for (String site : record.domains()) {
                siteKeys.add(site);
                siteKeys.add(ContactNormalizer.hostOf(site));
            }
            siteKeys.forEach(site -> count(sites, site, name));
            if (!record.businessId().isEmpty()) {
                count(businessIds, record.businessId(), name);
            }
            if (record.street() != null) {
                count(addresses, record.addressKey(), name);
            }
            if (!name.isEmpty()) {
                String place = placeOf(record);
                count(names, name, place.isEmpty() ? null : place);
            }
            Set<String> tokens = new HashSet<>();
            record.name().variants().forEach(variant -> tokens.addAll(variant.tokens()));
            tokens.forEach(token -> tokenFrequencies.merge(token, 1, Integer::sum));
        }
        this.tokenWeights = records.parallelStream().map(this::weightsOf).toList();
    }

    int recordCount() {
        return (int) recordCount;
    }

    int phoneSharers(ContactNormalizer.Phone phone) {
        return sharers(phones, phone.national());
    }

    int businessIdSharers(String businessId) {
        return sharers(businessIds, businessId);
    }

    int emailSharers(String email) {
        return sharers(emails, email);
    }

    /** Of a site key ({@code host} or {@code host/section}) or a bare host. */
    int siteSharers(String site) {
        return sharers(sites, site);
    }

    int addressSharers(MatchRecord record) {
        return sharers(addresses, record.addressKey());
    }

    int nameSharers(String nameKey) {
        return sharers(names, nameKey);
    }

    /** Whether a name word is on so few records that it names one organisation rather than a kind of one. */
    boolean isRareWord(String token) {
        return tokenFrequencies.getOrDefault(token, 0) <= Math.max(RARE_WORD_RECORDS, recordCount * RARE_WORD_SHARE);
    }

    /** The unit vector of a name variant's token weights (inverse document frequencies), for soft TF-IDF. */
    double[] tokenWeights(MatchRecord record, int variant) {
        return tokenWeights.get(record.index())[variant];
    }

    private double[][] weightsOf(MatchRecord record) {
        List<NameVariant> variants = record.name().variants();
        double[][] result = new double[variants.size()][];
        for (int v = 0; v < variants.size(); v++) {
            List<String> tokens = variants.get(v).tokens();
            double[] weights = new double[tokens.size()];
            double norm = 0;
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Math.log(1 + recordCount / tokenFrequencies.getOrDefault(tokens.get(i), 1));
                norm += weights[i] * weights[i];
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] /= Math.sqrt(norm);
            }
            result[v] = weights;
        }
        return result;
    }

    static String placeOf(MatchRecord record) {
        return record.postalCode().isEmpty() ? record.city() : record.postalCode();
    }

    private static void count(Map<String, Sharing> field, String value, String distinguishing) {
        field.computeIfAbsent(value, ignored -> new Sharing()).add(distinguishing);
    }

    private static int sharers(Map<String, Sharing> field, String value) {
        Sharing counted = field.get(value);
        if (counted == null) {
            return 1;
        }
        return Math.max(Math.max(1, counted.distinct()), (counted.records + TYPICAL_CLUSTER - 1) / TYPICAL_CLUSTER);
    }

    /** Most values occur once, so the set of distinct sharers is only made when a second one turns up. */
    private static final class Sharing {
        int records;
        String first;
        Set<String> others;

        void add(String distinguishing) {
            records++;
            if (distinguishing == null || distinguishing.equals(first)) {
                return;
            }
            if (first == null) {
                first = distinguishing;
            } else if (others == null) {
                others = new HashSet<>(4);
                others.add(distinguishing);
            } else if (others.size() < COUNT_LIMIT) {
                others.add(distinguishing);
            }
        }

        int distinct() {
            return (first == null ? 0 : 1) + (others == null ? 0 : others.size());
        }
    }
}
