package fi.tarjotin.dedup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How common each value is in the data at hand, which is what the u-probabilities of Fellegi–Sunter are
 * about. For a contact (phone, e-mail, domain, street address) it counts the distinct names sharing it: four
 * records of one association from four sources share its phone under one name, while a federation's
 * central phone is shared under as many names as it has member associations. For a name it counts the
 * distinct places (postal code, else municipality) it occurs in. A value on many records counts at least
 * one sharer per {@value #TYPICAL_CLUSTER} of them whatever the other field says. Name tokens get an inverse
 * document frequency, so "omaishoitajat" says less than "kuopion".
 */
final class ValueStatistics {

    private static final int TYPICAL_CLUSTER = 4;
    // Beyond this many distinct sharers a value weighs nothing more; counting further only costs memory.
    private static final int COUNT_LIMIT = 1024;

    private final Map<String, Sharing> sharing = new HashMap<>();
    private final Map<String, Integer> tokenFrequencies = new HashMap<>();
    private final double recordCount;

    ValueStatistics(List<MatchRecord> records) {
        this.recordCount = records.size();
        for (MatchRecord record : records) {
            String name = record.name().key();
            for (ContactNormalizer.Phone phone : record.phones()) {
                count("t:" + phone.national(), name);
            }
            for (String email : record.emails()) {
                count("e:" + email, name);
            }
            Set<String> sites = new HashSet<>();
            for (String site : record.domains()) {
                sites.add(site);
                sites.add(ContactNormalizer.hostOf(site));
            }
            sites.forEach(site -> count("w:" + site, name));
            if (!record.businessId().isEmpty()) {
                count("b:" + record.businessId(), name);
            }
            if (record.street() != null) {
                count(addressKey(record), name);
            }
            if (!name.isEmpty()) {
                String place = placeOf(record);
                count("n:" + name, place.isEmpty() ? null : place);
            }
            Set<String> tokens = new HashSet<>();
            record.name().variants().forEach(variant -> tokens.addAll(variant.tokens()));
            tokens.forEach(token -> tokenFrequencies.merge(token, 1, Integer::sum));
        }
    }

    int phoneSharers(ContactNormalizer.Phone phone) {
        return sharers("t:" + phone.national());
    }

    int businessIdSharers(String businessId) {
        return sharers("b:" + businessId);
    }

    int emailSharers(String email) {
        return sharers("e:" + email);
    }

    /** Of a site key ({@code host} or {@code host/section}) or a bare host. */
    int siteSharers(String site) {
        return sharers("w:" + site);
    }

    int addressSharers(MatchRecord record) {
        return sharers(addressKey(record));
    }

    int nameSharers(String nameKey) {
        return sharers("n:" + nameKey);
    }

    double inverseDocumentFrequency(String token) {
        return Math.log(1 + recordCount / tokenFrequencies.getOrDefault(token, 1));
    }

    static String placeOf(MatchRecord record) {
        return record.postalCode().isEmpty() ? record.city() : record.postalCode();
    }

    private static String addressKey(MatchRecord record) {
        return "s:" + placeOf(record) + "|" + record.streetKey();
    }

    private void count(String value, String distinguishing) {
        sharing.computeIfAbsent(value, ignored -> new Sharing()).add(distinguishing);
    }

    private int sharers(String value) {
        Sharing counted = sharing.get(value);
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
