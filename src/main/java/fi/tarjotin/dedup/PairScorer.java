package fi.tarjotin.dedup;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores two records: their {@link Comparison}'s levels weighed by the run's learned {@link LevelWeights},
 * summed with the prior into the log-odds (bits) that they are one organisation, each field's contribution kept
 * so a decision can be explained.
 *
 * <p>Phone, e-mail, website, street address, postal code, municipality and business id are not independent witnesses: an organiser's
 * activities share all of them at once, as do a federation's chapters. Summing them as Fellegi–Sunter's
 * independence assumption would, five agreeing contacts outweigh any name. So the strongest agreement counts
 * in full, each further one only in part, and together they can bring a pair at most
 * {@value #CONTACTS_BEYOND_EVEN} bits past even odds ({@value #CONTACTS_BEYOND_EVEN_REGISTERED} between two
 * registered bodies), plus what the name's level learned to say against random records beyond what it says
 * against the organiser's other activities: contacts say "the same organiser"; that it is the same
 * organisation the name has to say, and a name that is the other written otherwise or with words added says
 * some of it.
 */
final class PairScorer {

    private static final Set<MatchField> CONTACTS = EnumSet.of(MatchField.BUSINESS_ID, MatchField.PHONE,
            MatchField.EMAIL, MatchField.WEBSITE, MatchField.STREET, MatchField.POSTAL_CODE, MatchField.CITY);
    // The contacts an organiser shares with its activities and chapters; a postal code is shared by a town.
    private static final Set<MatchField> ORGANISER_CONTACTS = EnumSet.of(MatchField.BUSINESS_ID, MatchField.PHONE,
            MatchField.EMAIL, MatchField.WEBSITE, MatchField.STREET);
    private static final Set<MatchField> NAMES = EnumSet.of(MatchField.NAME, MatchField.ACTIVITY_NAME);
    // Name levels where one name is the other, written otherwise or with words added (a parent body's prefix,
    // "Real BBQ"): not a weak likeness, which is what two activities of one organiser have, each with its own word.
    private static final Set<ComparisonLevel> SAYS_SAME_ONE = EnumSet.of(ComparisonLevel.NAME_EXACT,
            ComparisonLevel.NAME_VERY_SIMILAR, ComparisonLevel.NAME_CONTAINED, ComparisonLevel.NAME_SIMILAR,
            ComparisonLevel.ACTIVITY_NAME_EXACT, ComparisonLevel.ACTIVITY_NAME_VERY_SIMILAR,
            ComparisonLevel.ACTIVITY_NAME_CONTAINED, ComparisonLevel.ACTIVITY_NAME_SIMILAR);
    private static final double SECOND_CONTACT = 0.7;
    private static final double FURTHER_CONTACTS = 0.5;
    private static final double CONTACTS_BEYOND_EVEN = 0;
    // Between two registered bodies (both names carry a legal form) the organiser's shared contacts are not an
    // activity's: an association's activities are not registered, and a federation's chapters have their own
    // addresses. So there contacts may say more.
    private static final double CONTACTS_BEYOND_EVEN_REGISTERED = 8;

    private final PairComparator comparator;
    private final LevelWeights weights;

    PairScorer(PairComparator comparator, LevelWeights weights) {
        this.comparator = comparator;
        this.weights = weights;
    }

    PairScore score(MatchRecord a, MatchRecord b) {
        return score(comparator.compare(a, b));
    }

    PairScore score(Comparison comparison) {
        if (comparison.isExactKey()) {
            return PairScore.exact(comparison.key());
        }
        if (comparison.isDistinctKey()) {
            return PairScore.distinct(comparison.key());
        }
        Map<MatchField, Double> contributions = new EnumMap<>(MatchField.class);
        for (MatchField field : MatchField.values()) {
            ComparisonLevel level = comparison.level(field);
            if (level != null) {
                contributions.put(field, weights.bits(level, comparison.termFrequency(field)));
            }
        }
        boolean sameOrganiser = sameOrganiser(contributions);
        if (sameOrganiser) {
            // Two records sharing an organiser's contacts are not two random records: how alike their names
            // are is weighed against the candidate pairs that are two organisations (an organiser's other
            // activities, a federation's chapters), not against random pairs. One name exactly is still
            // weighed by how common the name is: an organiser does not give two of its activities one name.
            for (MatchField name : NAMES) {
                ComparisonLevel level = comparison.level(name);
                if (level != null && Double.isNaN(comparison.termFrequency(name))) {
                    contributions.put(name, weights.bitsAmongCandidates(level));
                }
            }
        }
        boolean registered = comparison.level(MatchField.LEGAL_FORM) != null;
        double beyondEven = (registered ? CONTACTS_BEYOND_EVEN_REGISTERED : CONTACTS_BEYOND_EVEN)
                + (sameOrganiser ? nameBeyondCandidates(comparison) : 0);
        discountCorrelatedContacts(contributions, -weights.priorBits() + beyondEven);
        return PairScore.of(weights.priorBits(), contributions);
    }

    /**
     * What the name's level says against random records beyond what it says against the candidates sharing an
     * organiser's contacts, in bits (learned, never negative): the room the contacts get past even odds. A
     * similar or contained name at one phone and street is some evidence of one organisation, which weighing the
     * name against the organiser's other activities alone would leave unused; a weak likeness (two activities
     * of one organiser, each with its own word) or a name that differs leaves none.
     */
    private double nameBeyondCandidates(Comparison comparison) {
        for (MatchField name : NAMES) {
            ComparisonLevel level = comparison.level(name);
            if (level != null) {
                return SAYS_SAME_ONE.contains(level)
                        ? Math.max(0, weights.bits(level, Double.NaN) - weights.bitsAmongCandidates(level)) : 0;
            }
        }
        return 0;
    }

    private static boolean sameOrganiser(Map<MatchField, Double> contributions) {
        for (MatchField contact : ORGANISER_CONTACTS) {
            if (contributions.getOrDefault(contact, 0.0) > 0) {
                return true;
            }
        }
        return false;
    }

    private static void discountCorrelatedContacts(Map<MatchField, Double> contributions, double atMost) {
        List<MatchField> agreements = contributions.entrySet().stream()
                .filter(entry -> CONTACTS.contains(entry.getKey()) && entry.getValue() > 0)
                .sorted(Map.Entry.<MatchField, Double>comparingByValue().reversed()).map(Map.Entry::getKey)
                .toList();
        double total = 0;
        for (int i = 0; i < agreements.size(); i++) {
            MatchField field = agreements.get(i);
            double discounted = contributions.get(field) * (i == 0 ? 1 : i == 1 ? SECOND_CONTACT : FURTHER_CONTACTS);
            double allowed = Math.max(0, Math.min(discounted, atMost - total));
            contributions.put(field, allowed);
            total += allowed;
        }
    }
}
