package fi.tarjotin.dedup;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict on two records: the evidence in bits (prior included), the match probability it gives, whether
 * an exact key decided it, and each field's contribution.
 */
record PairScore(double bits, double priorBits, double probability, boolean exactKey,
        Map<MatchField, Double> contributions) {

    // A field that moved the verdict by less than this did not decide it.
    private static final double DECISIVE_BITS = 1;

    static PairScore exact(MatchField key) {
        Map<MatchField, Double> contributions = new EnumMap<>(MatchField.class);
        contributions.put(key, Double.POSITIVE_INFINITY);
        return new PairScore(Double.POSITIVE_INFINITY, 0, 1, true, contributions);
    }

    /** Two records a key says are different things: never one entity. */
    static PairScore distinct(MatchField key) {
        Map<MatchField, Double> contributions = new EnumMap<>(MatchField.class);
        contributions.put(key, Double.NEGATIVE_INFINITY);
        return new PairScore(Double.NEGATIVE_INFINITY, 0, 0, false, contributions);
    }

    /** A pair a coordinator decided to merge. */
    static PairScore decided() {
        return exact(MatchField.COORDINATOR);
    }

    static PairScore of(double priorBits, Map<MatchField, Double> contributions) {
        double bits = priorBits;
        for (double contribution : contributions.values()) {
            bits += contribution;
        }
        return new PairScore(bits, priorBits, 1 / (1 + Math.pow(2, -bits)), false, contributions);
    }

    /** What the fields said, prior left out: how far the records moved the odds. */
    double evidenceBits() {
        return bits - priorBits;
    }

    /**
     * Each field's contribution in bits, strongest first, after the prior: {@code prior -11.2 name +9.1 phone
     * +7.4 city -2.3}; an exact key shows as {@code ptv_id exact}.
     */
    String explained() {
        if (exactKey) {
            return contributions.keySet().stream().map(field -> field.label() + " exact")
                    .collect(Collectors.joining(" "));
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "prior %+.1f", priorBits));
        contributions.entrySet().stream()
                .sorted(Map.Entry.<MatchField, Double>comparingByValue(Comparator.comparingDouble(Math::abs)).reversed())
                .forEach(entry -> text.append(String.format(Locale.ROOT, " %s %+.1f", entry.getKey().label(),
                        entry.getValue())));
        return text.toString();
    }

    /** Each field's finite evidence in bits by its label, in field order (an exact key is not evidence to weigh). */
    Map<String, Double> fieldContributions() {
        Map<String, Double> fields = new LinkedHashMap<>();
        contributions.forEach((field, bits) -> {
            if (Double.isFinite(bits)) {
                fields.put(field.label(), bits);
            }
        });
        return fields;
    }

    /** The fields that spoke for the match, e.g. {@code name+phone+postal_code}. */
    String decidedBy() {
        return contributions.entrySet().stream().filter(entry -> entry.getValue() >= DECISIVE_BITS)
                .map(entry -> entry.getKey().label()).collect(Collectors.joining("+"));
    }
}
