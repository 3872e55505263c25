package fi.tarjotin.dedup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes a field comparison can have (Fellegi–Sunter's comparison levels), each with seeds for its
 * m-probability (how often two records of one organisation show it) and u-probabilities (how often two records
 * of different organisations do, at random and among candidate pairs). The seeds only start the estimate and
 * weigh as pseudo-pairs in it ({@link WeightEstimation}): they decide on a list of a few records and mean
 * little on one of thousands, whose weights are learned from its records. A field not compared (missing on either side) has no level and weighs nothing.
 *
 * <p>Names are two fields by whether either carries a legal-form designation: a registered organisation may
 * be renamed or named in two languages and keep its contacts, while an activity is told from its organiser's
 * other activities (same phone, same address) by its name alone, so its name levels weigh otherwise.
 */
enum ComparisonLevel {
    NAME_EXACT(MatchField.NAME, 0.55, 0.001, 0.03),
    NAME_VERY_SIMILAR(MatchField.NAME, 0.2, 0.0003, 0.02),
    // All of the shorter name's words (at least two) in the longer one: a parent body's prefix, an added place.
    NAME_CONTAINED(MatchField.NAME, 0.08, 3e-05, 0.01),
    NAME_SIMILAR(MatchField.NAME, 0.08, 2e-05, 0.01),
    NAME_WEAK(MatchField.NAME, 0.04, 0.006, 0.2),
    NAME_DIFFERENT(MatchField.NAME, 0.03, 0.99, 0.73),
    // The same levels when neither name carries a legal form (activities, services): counted apart, since how
    // alike two names of one activity are is another matter than for two names of a registered body.
    ACTIVITY_NAME_EXACT(MatchField.ACTIVITY_NAME, 0.55, 0.004, 0.05),
    ACTIVITY_NAME_VERY_SIMILAR(MatchField.ACTIVITY_NAME, 0.2, 0.0025, 0.01),
    ACTIVITY_NAME_CONTAINED(MatchField.ACTIVITY_NAME, 0.08, 0.001, 0.2),
    ACTIVITY_NAME_SIMILAR(MatchField.ACTIVITY_NAME, 0.08, 0.0008, 0.1),
    ACTIVITY_NAME_WEAK(MatchField.ACTIVITY_NAME, 0.04, 0.013, 0.2),
    ACTIVITY_NAME_DIFFERENT(MatchField.ACTIVITY_NAME, 0.02, 0.98, 0.44),
    LEGAL_FORM_AGREES(MatchField.LEGAL_FORM, 0.95, 0.8, 0.9),
    LEGAL_FORM_DIFFERS(MatchField.LEGAL_FORM, 0.05, 0.2, 0.1),
    BUSINESS_ID_AGREES(MatchField.BUSINESS_ID, 0.95, 0.001, 0.3),
    BUSINESS_ID_DIFFERS(MatchField.BUSINESS_ID, 0.05, 0.999, 0.7),
    PHONE_AGREES(MatchField.PHONE, 0.75, 0.005, 0.5),
    PHONE_DIFFERS(MatchField.PHONE, 0.25, 0.995, 0.5),
    EMAIL_AGREES(MatchField.EMAIL, 0.75, 0.003, 0.5),
    EMAIL_DIFFERS(MatchField.EMAIL, 0.25, 0.997, 0.5),
    WEBSITE_AGREES(MatchField.WEBSITE, 0.8, 0.005, 0.5),
    WEBSITE_DIFFERS(MatchField.WEBSITE, 0.2, 0.995, 0.5),
    STREET_AGREES(MatchField.STREET, 0.7, 0.002, 0.4),
    STREET_SIMILAR(MatchField.STREET, 0.12, 0.0003, 0.05),
    // The same number on a street named otherwise: in a bilingual town, Linnankatu 48 is Slottsgatan 48.
    STREET_NUMBER_ONLY(MatchField.STREET, 0.06, 0.01, 0.05),
    STREET_DIFFERS(MatchField.STREET, 0.12, 0.9877, 0.5),
    POSTAL_CODE_AGREES(MatchField.POSTAL_CODE, 0.85, 0.003, 0.6),
    POSTAL_CODE_DIFFERS(MatchField.POSTAL_CODE, 0.15, 0.997, 0.4),
    CITY_AGREES(MatchField.CITY, 0.8, 0.012, 0.6),
    CITY_DIFFERS(MatchField.CITY, 0.2, 0.988, 0.4),
    ORGANISATION_AGREES(MatchField.ORGANISATION, 0.97, 0.01, 0.5),
    ORGANISATION_DIFFERS(MatchField.ORGANISATION, 0.03, 0.99, 0.5),
    CATEGORIES_OVERLAP(MatchField.CATEGORIES, 0.6, 0.2, 0.3),
    CATEGORIES_PARTLY(MatchField.CATEGORIES, 0.3, 0.2, 0.3),
    CATEGORIES_DISJOINT(MatchField.CATEGORIES, 0.1, 0.6, 0.4);

    private static final Map<MatchField, List<ComparisonLevel>> BY_FIELD = byField();
    private static final int[] RANKS = ranks();

    private final MatchField field;
    private final double seedM;
    private final double seedU;
    private final double seedCandidateU;

    ComparisonLevel(MatchField field, double seedM, double seedU, double seedCandidateU) {
        this.field = field;
        this.seedM = seedM;
        this.seedU = seedU;
        this.seedCandidateU = seedCandidateU;
    }

    MatchField field() {
        return field;
    }

    double seedM() {
        return seedM;
    }

    /** The seed of u: how often two unrelated records of a list of a thousand or so show the level. */
    double seedU() {
        return seedU;
    }

    /** The seed of u among candidate pairs that are two organisations (an organiser's activities, chapters). */
    double seedCandidateU() {
        return seedCandidateU;
    }

    /** The levels of a field, in declaration order; empty for a field that is only a key. */
    static List<ComparisonLevel> of(MatchField field) {
        return BY_FIELD.getOrDefault(field, List.of());
    }

    /** The level's place among its field's levels, from 1 (0 is "not compared"). */
    int rank() {
        return RANKS[ordinal()];
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int[] ranks() {
        int[] ranks = new int[values().length];
        for (ComparisonLevel level : values()) {
            ranks[level.ordinal()] = BY_FIELD.get(level.field).indexOf(level) + 1;
        }
        return ranks;
    }

    private static Map<MatchField, List<ComparisonLevel>> byField() {
        Map<MatchField, List<ComparisonLevel>> levels = new EnumMap<>(MatchField.class);
        for (ComparisonLevel level : values()) {
            levels.computeIfAbsent(level.field, ignored -> new ArrayList<>()).add(level);
        }
        levels.replaceAll((field, list) -> List.copyOf(list));
        return levels;
    }
}
