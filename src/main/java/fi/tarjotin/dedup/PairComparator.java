package fi.tarjotin.dedup;

import fi.tarjotin.dedup.ContactNormalizer.StreetKey;
import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two records field by field, Fellegi–Sunter style: every field compared on its own gives a
 * {@link ComparisonLevel}; what each level weighs is learned from the records ({@link WeightEstimation}) and
 * applied by {@link PairScorer}. The same PTV id decides on its own. So does the same business id between two
 * registered names (both carrying a legal form such as ry, sr, oy), since a register number names one legal
 * person whatever it is called this year (a renamed association). A record without a designation may be one
 * of the legal person's activities carrying its provider's id (PTV services do), so there the same id is a
 * level like any other. An agreement on one exact value (a name, a phone, an address) carries the value's
 * term frequency: the share of the organisations in the data that hold it, so a federation's central phone or
 * a name every town has says less than a value one organisation has.
 */
final class PairComparator {

    // Name similarity levels (symmetric soft TF-IDF over name tokens).
    private static final double VERY_SIMILAR = 0.9;
    private static final double SIMILAR = 0.75;
    private static final double WEAK = 0.5;
    // How much of the shorter name's information the longer must hold for the shorter to be contained in it.
    private static final double CONTAINED = 0.95;
    // Two tokens closer than this are the same word with a typo.
    private static final double SAME_TOKEN = 0.9;
    private static final double SAME_STREET_NAME = 0.9;
    // The shortest word counted as a part of a compound.
    private static final int COMPOUND_PART = 4;
    // The shortest first part two compounds must share to be one thing worded twice.
    private static final int SHARED_STEM = 5;
    // The shortest truncation read as an abbreviation of a longer word ("sch" for "school", "pohj." for "pohjois").
    private static final int ABBREVIATION = 3;

    // A value one organisation holds in a list of a few records is no commoner than in a town's list.
    private static final int FEWEST_RECORDS_FOR_FREQUENCIES = 1000;

    private final ValueStatistics statistics;
    private final double recordCount;
    private final Map<String, Set<String>> equivalentTokens;

    PairComparator(ValueStatistics statistics) {
        this(statistics, Map.of());
    }

    private PairComparator(ValueStatistics statistics, Map<String, Set<String>> equivalentTokens) {
        this.statistics = statistics;
        this.recordCount = Math.max(FEWEST_RECORDS_FOR_FREQUENCIES, statistics.recordCount());
        this.equivalentTokens = equivalentTokens;
    }

    /** The same comparison, with name tokens learned to stand for each other ({@link LearnedAbbreviations}). */
    PairComparator withEquivalentTokens(Map<String, Set<String>> equivalents) {
        return new PairComparator(statistics, equivalents);
    }

    Comparison compare(MatchRecord a, MatchRecord b) {
        if (!a.ptvId().isEmpty() && !b.ptvId().isEmpty()) {
            // PTV ids are the national register's own identity: two of them are two things, however alike
            // (a municipality's sub-organisations sharing its business id, a wellbeing services county's
            // services of one name in different areas).
            return a.ptvId().equals(b.ptvId()) ? Comparison.exact(MatchField.PTV_ID)
                    : Comparison.distinct(MatchField.PTV_ID);
        }
        boolean services = !a.organisation().isEmpty() || !b.organisation().isEmpty();
        boolean registered = a.name().legalForm() != LegalForm.NONE && b.name().legalForm() != LegalForm.NONE;
        boolean sameBusinessId = !a.businessId().isEmpty() && a.businessId().equals(b.businessId());
        if (sameBusinessId && registered && !services) {
            return Comparison.exact(MatchField.BUSINESS_ID);
        }
        Comparison comparison = Comparison.levels();
        if (!a.businessId().isEmpty() && !b.businessId().isEmpty()) {
            if (!sameBusinessId) {
                comparison.set(ComparisonLevel.BUSINESS_ID_DIFFERS);
            } else if (!services) {
                comparison.set(ComparisonLevel.BUSINESS_ID_AGREES, share(statistics.businessIdSharers(a.businessId())));
            }
        }
        nameLevel(a, b, comparison);
        if (registered) {
            comparison.set(a.name().legalForm() == b.name().legalForm() ? ComparisonLevel.LEGAL_FORM_AGREES
                    : ComparisonLevel.LEGAL_FORM_DIFFERS);
        }
        phoneLevel(a, b, comparison);
        emailLevel(a, b, comparison);
        // A shared address already implies its domain, so then only the websites themselves are compared.
        boolean sameEmail = comparison.level(MatchField.EMAIL) == ComparisonLevel.EMAIL_AGREES;
        websiteLevel(sameEmail ? a.websites() : a.domains(), sameEmail ? b.websites() : b.domains(), comparison);
        streetLevel(a, b, comparison);
        boolean samePostalCode = !a.postalCode().isEmpty() && a.postalCode().equals(b.postalCode());
        if (!a.postalCode().isEmpty() && !b.postalCode().isEmpty()) {
            comparison.set(samePostalCode ? ComparisonLevel.POSTAL_CODE_AGREES : ComparisonLevel.POSTAL_CODE_DIFFERS);
        }
        // A shared postal code already places both; then a city written in another language is no conflict.
        if (!samePostalCode && !a.city().isEmpty() && !b.city().isEmpty()) {
            comparison.set(a.city().equals(b.city()) ? ComparisonLevel.CITY_AGREES : ComparisonLevel.CITY_DIFFERS);
        }
        if (services) {
            organisationLevel(a, b, comparison);
            if (!a.categories().isEmpty() && !b.categories().isEmpty()) {
                comparison.set(categoriesLevel(a, b));
            }
        }
        return comparison;
    }

    /** The term frequency of a value held by this many distinct organisations. */
    private double share(int sharers) {
        return Math.max(1, sharers) / recordCount;
    }

    private void nameLevel(MatchRecord a, MatchRecord b, Comparison comparison) {
        if (a.name().isEmpty() || b.name().isEmpty()) {
            return;
        }
        List<NameVariant> leftVariants = a.name().variants();
        List<NameVariant> rightVariants = b.name().variants();
        for (NameVariant left : leftVariants) {
            for (NameVariant right : rightVariants) {
                if (left.key().equals(right.key())) {
                    // A name many towns have is common, but within one town it is still one organisation's.
                    boolean registered = a.name().legalForm() != LegalForm.NONE
                            || b.name().legalForm() != LegalForm.NONE;
                    comparison.set(nameLevel(registered, ComparisonLevel.NAME_EXACT, ComparisonLevel.ACTIVITY_NAME_EXACT),
                            share(samePlace(a, b) ? 1
                            : statistics.nameSharers(left.key())));
                    return;
                }
            }
        }
        double best = 0;
        boolean contained = false;
        for (int i = 0; i < leftVariants.size(); i++) {
            for (int j = 0; j < rightVariants.size(); j++) {
                List<String> leftTokens = leftVariants.get(i).tokens();
                List<String> rightTokens = rightVariants.get(j).tokens();
                double[] coverage = coverage(leftTokens, statistics.tokenWeights(a, i), rightTokens,
                        statistics.tokenWeights(b, j), equivalentTokens);
                best = Math.max(best, (coverage[0] + coverage[1]) / 2);
                // The shorter name's every word in the longer: "North Austin Head Start" in "Child Inc of Travis
                // County – North Austin Head Start". One word alone counts only when few records have it
                // ("McCormick" in "Chicago Public Schools McCormick"): "Nuoret" is too generic.
                List<String> shorterTokens = leftTokens.size() <= rightTokens.size() ? leftTokens : rightTokens;
                double shorterCoverage = shorterTokens == leftTokens ? coverage[0] : coverage[1];
                contained |= shorterCoverage >= CONTAINED && (shorterTokens.size() >= 2
                        || shorterTokens.size() == 1 && statistics.isRareWord(shorterTokens.get(0)));
            }
        }
        boolean registered = a.name().legalForm() != LegalForm.NONE || b.name().legalForm() != LegalForm.NONE;
        comparison.set(best >= VERY_SIMILAR ? nameLevel(registered, ComparisonLevel.NAME_VERY_SIMILAR,
                ComparisonLevel.ACTIVITY_NAME_VERY_SIMILAR)
                : contained ? nameLevel(registered, ComparisonLevel.NAME_CONTAINED, ComparisonLevel.ACTIVITY_NAME_CONTAINED)
                : best >= SIMILAR ? nameLevel(registered, ComparisonLevel.NAME_SIMILAR, ComparisonLevel.ACTIVITY_NAME_SIMILAR)
                : best >= WEAK ? nameLevel(registered, ComparisonLevel.NAME_WEAK, ComparisonLevel.ACTIVITY_NAME_WEAK)
                : nameLevel(registered, ComparisonLevel.NAME_DIFFERENT, ComparisonLevel.ACTIVITY_NAME_DIFFERENT));
    }

    private static ComparisonLevel nameLevel(boolean registered, ComparisonLevel ofRegistered,
            ComparisonLevel ofActivity) {
        return registered ? ofRegistered : ofActivity;
    }

    private static boolean samePlace(MatchRecord a, MatchRecord b) {
        return !a.postalCode().isEmpty() && a.postalCode().equals(b.postalCode())
                || !a.city().isEmpty() && a.city().equals(b.city());
    }

    /**
     * Soft TF-IDF in both directions: how much of each name's information (its tokens weighted by rarity, as
     * a unit vector of inverse document frequencies) the other name holds, typo'd tokens, compounds,
     * truncations and initialisms counted as near matches: {@code [share of a in b, share of b in a]}. Each
     * token is weighed by its own rarity only, so a typo, which makes a token rare, does not make the two names
     * look less alike.
     */
    static double[] coverage(List<String> a, double[] aWeights, List<String> b, double[] bWeights,
            Map<String, Set<String>> equivalents) {
        double[][] similarity = similarities(a, b, equivalents);
        double forward = 0;
        for (int i = 0; i < a.size(); i++) {
            double best = 0;
            for (int j = 0; j < b.size(); j++) {
                best = Math.max(best, similarity[i][j]);
            }
            forward += best >= SAME_TOKEN ? aWeights[i] * aWeights[i] * best : 0;
        }
        double backward = 0;
        for (int j = 0; j < b.size(); j++) {
            double best = 0;
            for (int i = 0; i < a.size(); i++) {
                best = Math.max(best, similarity[i][j]);
            }
            backward += best >= SAME_TOKEN ? bWeights[j] * bWeights[j] * best : 0;
        }
        return new double[] {forward, backward};
    }

    /** The symmetric soft TF-IDF similarity of two names: the mean of {@link #coverage}. */
    static double softTfIdf(List<String> a, double[] aWeights, List<String> b, double[] bWeights) {
        double[] coverage = coverage(a, aWeights, b, bWeights, Map.of());
        return (coverage[0] + coverage[1]) / 2;
    }

    /** Token by token, how alike two names' tokens are: typos, compounds, truncations, initialisms, equivalents. */
    private static double[][] similarities(List<String> a, List<String> b, Map<String, Set<String>> equivalents) {
        double[][] similarity = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            Set<String> equivalent = equivalents.getOrDefault(a.get(i), Set.of());
            for (int j = 0; j < b.size(); j++) {
                similarity[i][j] = equivalent.contains(b.get(j)) ? 1 : tokenSimilarity(a.get(i), b.get(j));
            }
        }
        markInitialisms(a, b, similarity, false);
        markInitialisms(b, a, similarity, true);
        return similarity;
    }

    /**
     * The tokens of each name that match no token of the other, even as a typo, truncation or initialism:
     * {@code [a's, b's]}. Between two records known to be one organisation, what is left over on both sides
     * is often one word written two ways.
     */
    static List<List<String>> unmatchedTokens(List<String> a, List<String> b) {
        double[][] similarity = similarities(a, b, Map.of());
        List<String> left = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            double best = 0;
            for (int j = 0; j < b.size(); j++) {
                best = Math.max(best, similarity[i][j]);
            }
            if (best < SAME_TOKEN) {
                left.add(a.get(i));
            }
        }
        List<String> right = new ArrayList<>();
        for (int j = 0; j < b.size(); j++) {
            double best = 0;
            for (int i = 0; i < a.size(); i++) {
                best = Math.max(best, similarity[i][j]);
            }
            if (best < SAME_TOKEN) {
                right.add(b.get(j));
            }
        }
        return List.of(left, right);
    }

    /**
     * A short token of one name spelling the initials of consecutive words of the other ("DC" / "Day Care",
     * "MLL" / "Mannerheimin Lastensuojelun Liitto") matches each of those words.
     */
    private static void markInitialisms(List<String> shortForms, List<String> words, double[][] similarity,
            boolean transposed) {
        for (int i = 0; i < shortForms.size(); i++) {
            String initials = shortForms.get(i);
            if (initials.length() < 2 || initials.length() > 4 || words.size() < initials.length()
                    || !initials.chars().allMatch(Character::isLetter) || words.contains(initials)) {
                continue;
            }
            for (int start = 0; start + initials.length() <= words.size(); start++) {
                boolean spells = true;
                for (int k = 0; k < initials.length() && spells; k++) {
                    spells = words.get(start + k).charAt(0) == initials.charAt(k);
                }
                if (spells) {
                    for (int k = 0; k < initials.length(); k++) {
                        int j = start + k;
                        if (transposed) {
                            similarity[j][i] = Math.max(similarity[j][i], SAME_TOKEN);
                        } else {
                            similarity[i][j] = Math.max(similarity[i][j], SAME_TOKEN);
                        }
                    }
                    break;
                }
            }
        }
    }

    /**
     * Jaro–Winkler, and Finnish and Swedish compounds read as such: a compound counts as its part ("retket" /
     * "retkitoiminta", "kahvila" / "kohtaamiskahvila"), and two compounds on one stem as one thing worded
     * twice ("kuntosaliryhmä" / "kuntosalivuoro", "lauluryhmä" / "laulupiiri"). Sharing only the generic
     * head ("lauluryhmä" / "kieliryhmä") makes no likeness. A word cut short is the word ("sch" / "school",
     * "pohj" / "pohjois", "element" / "elementary").
     */
    static double tokenSimilarity(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (shorter.equals(longer)) {
            return 1;
        }
        if (shorter.length() >= ABBREVIATION && longer.startsWith(shorter)
                || shorter.length() >= COMPOUND_PART && longer.endsWith(shorter)) {
            return SAME_TOKEN;
        }
        double similarity = JaroWinkler.similarity(a, b);
        int stem = 0;
        while (stem < shorter.length() && a.charAt(stem) == b.charAt(stem)) {
            stem++;
        }
        return stem >= SHARED_STEM ? Math.max(similarity, SAME_TOKEN) : similarity;
    }

    private void phoneLevel(MatchRecord a, MatchRecord b, Comparison comparison) {
        if (a.phones().isEmpty() || b.phones().isEmpty()) {
            return;
        }
        int fewestSharers = Integer.MAX_VALUE;
        for (ContactNormalizer.Phone left : a.phones()) {
            for (ContactNormalizer.Phone right : b.phones()) {
                if (left.sameNumber(right)) {
                    fewestSharers = Math.min(fewestSharers, statistics.phoneSharers(left));
                }
            }
        }
        agreesOrDiffers(comparison, fewestSharers, ComparisonLevel.PHONE_AGREES, ComparisonLevel.PHONE_DIFFERS);
    }

    private void agreesOrDiffers(Comparison comparison, int fewestSharers, ComparisonLevel agrees,
            ComparisonLevel differs) {
        if (fewestSharers == Integer.MAX_VALUE) {
            comparison.set(differs);
        } else {
            comparison.set(agrees, share(fewestSharers));
        }
    }

    private void emailLevel(MatchRecord a, MatchRecord b, Comparison comparison) {
        if (a.emails().isEmpty() || b.emails().isEmpty()) {
            return;
        }
        int fewestSharers = Integer.MAX_VALUE;
        for (String email : a.emails()) {
            if (b.emails().contains(email)) {
                fewestSharers = Math.min(fewestSharers, statistics.emailSharers(email));
            }
        }
        agreesOrDiffers(comparison, fewestSharers, ComparisonLevel.EMAIL_AGREES, ComparisonLevel.EMAIL_DIFFERS);
    }

    /**
     * The same site, or the same host where one side names no section of it ({@code diabetes.fi} and
     * {@code diabetes.fi/oulu}); two different sections of one host ({@code /oulu}, {@code /nokia}) differ.
     */
    private void websiteLevel(List<String> a, List<String> b, Comparison comparison) {
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        int fewestSharers = Integer.MAX_VALUE;
        for (String left : a) {
            for (String right : b) {
                String host = ContactNormalizer.hostOf(left);
                if (left.equals(right)) {
                    fewestSharers = Math.min(fewestSharers, statistics.siteSharers(left));
                } else if (host.equals(ContactNormalizer.hostOf(right)) && !ContactNormalizer.isSharedHost(host)
                        && (left.equals(host) || right.equals(host))) {
                    fewestSharers = Math.min(fewestSharers, statistics.siteSharers(host));
                }
            }
        }
        agreesOrDiffers(comparison, fewestSharers, ComparisonLevel.WEBSITE_AGREES, ComparisonLevel.WEBSITE_DIFFERS);
    }

    private void streetLevel(MatchRecord a, MatchRecord b, Comparison comparison) {
        StreetKey left = a.street();
        StreetKey right = b.street();
        if (left == null || right == null) {
            return;
        }
        if (left.equals(right)) {
            comparison.set(ComparisonLevel.STREET_AGREES, share(statistics.addressSharers(a)));
            return;
        }
        boolean numbersAgree = houseOf(left.number()).equals(houseOf(right.number())) || left.number().isEmpty()
                || right.number().isEmpty();
        if (numbersAgree && JaroWinkler.similarity(left.name(), right.name()) >= SAME_STREET_NAME) {
            comparison.set(ComparisonLevel.STREET_SIMILAR);
        } else {
            comparison.set(left.number().equals(right.number()) && !left.number().isEmpty()
                    ? ComparisonLevel.STREET_NUMBER_ONLY : ComparisonLevel.STREET_DIFFERS);
        }
    }

    /** "12b" and "12": one writes the staircase with the number, the other leaves it out. */
    private static String houseOf(String number) {
        int end = number.length();
        while (end > 0 && !Character.isDigit(number.charAt(end - 1))) {
            end--;
        }
        return number.substring(0, end);
    }

    private void organisationLevel(MatchRecord a, MatchRecord b, Comparison comparison) {
        boolean organisations = !a.organisation().isEmpty() && !b.organisation().isEmpty();
        boolean businessIds = !a.businessId().isEmpty() && !b.businessId().isEmpty();
        if (organisations && a.organisation().equals(b.organisation())
                || businessIds && a.businessId().equals(b.businessId())) {
            comparison.set(ComparisonLevel.ORGANISATION_AGREES);
        } else if (organisations) {
            comparison.set(ComparisonLevel.ORGANISATION_DIFFERS);
        }
    }

    private static ComparisonLevel categoriesLevel(MatchRecord a, MatchRecord b) {
        long common = a.categories().stream().filter(b.categories()::contains).count();
        if (common == 0) {
            return ComparisonLevel.CATEGORIES_DISJOINT;
        }
        double jaccard = common / (double) (a.categories().size() + b.categories().size() - common);
        return jaccard >= 0.5 ? ComparisonLevel.CATEGORIES_OVERLAP : ComparisonLevel.CATEGORIES_PARTLY;
    }
}
