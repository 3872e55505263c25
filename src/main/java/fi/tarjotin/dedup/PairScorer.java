package fi.tarjotin.dedup;

import fi.tarjotin.dedup.ContactNormalizer.StreetKey;
import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores two records Fellegi–Sunter style: every field compared on its own gives an agreement level, every
 * level a weight in bits (see {@link MatchWeights}), and their sum with the prior is the log-odds of one
 * organisation. The same PTV id decides on its own. So does the same business id between two registered
 * names (both carrying a legal form such as ry, sr, oy), since a register number names one legal person
 * whatever it is called this year (a renamed association). A record without a designation may be one of
 * the legal person's activities carrying its provider's id (PTV services do), so there the same id is
 * strong evidence but not proof; different business ids weigh heavily against.
 */
final class PairScorer {

    // Name similarity levels (symmetric soft TF-IDF over name tokens).
    private static final double VERY_SIMILAR = 0.9;
    private static final double SIMILAR = 0.75;
    private static final double WEAK = 0.5;
    // Two tokens closer than this are the same word with a typo.
    private static final double SAME_TOKEN = 0.9;
    private static final double SAME_STREET_NAME = 0.9;
    // The shortest word counted as a part of a compound.
    private static final int COMPOUND_PART = 4;
    // The shortest first part two compounds must share to be one thing worded twice.
    private static final int SHARED_STEM = 5;
    private static final Set<MatchField> CONTACTS = EnumSet.of(MatchField.BUSINESS_ID, MatchField.PHONE,
            MatchField.EMAIL, MatchField.WEBSITE, MatchField.STREET);
    private static final double SECOND_CONTACT = 0.7;
    private static final double FURTHER_CONTACTS = 0.5;
    // However many contacts agree, together they say "same organiser" at most this strongly.
    private static final double CONTACTS_AT_MOST = 12;

    private final MatchWeights weights;
    private final double priorBits;
    private final ValueStatistics statistics;

    PairScorer(MatchSettings settings, ValueStatistics statistics) {
        this.weights = settings.weights();
        this.priorBits = settings.priorBits();
        this.statistics = statistics;
    }

    PairScore score(MatchRecord a, MatchRecord b) {
        if (!a.ptvId().isEmpty() && !b.ptvId().isEmpty()) {
            // PTV ids are the national register's own identity: two of them are two things, however alike
            // (a municipality's sub-organisations sharing its business id, a wellbeing services county's
            // services of one name in different areas).
            return a.ptvId().equals(b.ptvId()) ? PairScore.exact(MatchField.PTV_ID) : PairScore.distinct(MatchField.PTV_ID);
        }
        boolean services = !a.organisation().isEmpty() || !b.organisation().isEmpty();
        boolean registered = a.name().legalForm() != LegalForm.NONE && b.name().legalForm() != LegalForm.NONE;
        boolean sameBusinessId = !a.businessId().isEmpty() && a.businessId().equals(b.businessId());
        if (sameBusinessId && registered && !services) {
            return PairScore.exact(MatchField.BUSINESS_ID);
        }
        Map<MatchField, Double> evidence = new EnumMap<>(MatchField.class);
        if (!a.businessId().isEmpty() && !b.businessId().isEmpty()) {
            evidence.put(MatchField.BUSINESS_ID, !sameBusinessId ? weights.businessIdDiffers() : services ? 0
                    : weights.shared(weights.businessIdAgrees(), statistics.businessIdSharers(a.businessId())));
        }
        double name = nameEvidence(a, b);
        boolean eitherRegistered = a.name().legalForm() != LegalForm.NONE || b.name().legalForm() != LegalForm.NONE;
        if (name < 0 && !eitherRegistered) {
            name += weights.unregisteredNameDiffers();
        }
        evidence.put(MatchField.NAME, name);
        if (a.name().legalForm() != LegalForm.NONE && b.name().legalForm() != LegalForm.NONE
                && a.name().legalForm() != b.name().legalForm()) {
            evidence.put(MatchField.LEGAL_FORM, weights.legalFormDiffers());
        }
        evidence.put(MatchField.PHONE, phoneEvidence(a, b));
        double email = emailEvidence(a, b);
        evidence.put(MatchField.EMAIL, email);
        // A shared address already implies its domain, so then only the websites themselves are compared.
        boolean sameEmail = email > 0;
        evidence.put(MatchField.WEBSITE, websiteEvidence(sameEmail ? a.websites() : a.domains(),
                sameEmail ? b.websites() : b.domains()));
        evidence.put(MatchField.STREET, streetEvidence(a, b));
        boolean samePostalCode = !a.postalCode().isEmpty() && a.postalCode().equals(b.postalCode());
        if (!a.postalCode().isEmpty() && !b.postalCode().isEmpty()) {
            evidence.put(MatchField.POSTAL_CODE, samePostalCode ? weights.postalCodeAgrees()
                    : weights.postalCodeDiffers());
        }
        // A shared postal code already places both; then a city written in another language is no conflict.
        if (!samePostalCode && !a.city().isEmpty() && !b.city().isEmpty()) {
            evidence.put(MatchField.CITY, a.city().equals(b.city()) ? weights.cityAgrees() : weights.cityDiffers());
        }
        if (services) {
            evidence.put(MatchField.ORGANISATION, organisationEvidence(a, b));
            if (!a.categories().isEmpty() && !b.categories().isEmpty()) {
                evidence.put(MatchField.CATEGORIES, categoriesEvidence(a, b));
            }
        }
        discountCorrelatedContacts(evidence);
        evidence.values().removeIf(value -> value == 0);
        return PairScore.of(priorBits, evidence);
    }

    /**
     * Phone, e-mail, website, street address and business id are not independent witnesses: an organiser's
     * activities share all of them at once, as do two records of one organisation. Summing them as
     * Fellegi–Sunter's independence assumption would, five agreeing contacts outweigh any name. So the
     * strongest agreement counts in full, each further one only in part, and all of them together no more
     * than {@value #CONTACTS_AT_MOST} bits.
     */
    private static void discountCorrelatedContacts(Map<MatchField, Double> evidence) {
        List<MatchField> agreements = evidence.entrySet().stream()
                .filter(entry -> CONTACTS.contains(entry.getKey()) && entry.getValue() > 0)
                .sorted(Map.Entry.<MatchField, Double>comparingByValue().reversed()).map(Map.Entry::getKey)
                .toList();
        double total = 0;
        for (int i = 0; i < agreements.size(); i++) {
            MatchField field = agreements.get(i);
            double discounted = evidence.get(field) * (i == 0 ? 1 : i == 1 ? SECOND_CONTACT : FURTHER_CONTACTS);
            double allowed = Math.min(discounted, CONTACTS_AT_MOST - total);
            evidence.put(field, allowed);
            total += allowed;
        }
    }

    private double nameEvidence(MatchRecord a, MatchRecord b) {
        if (a.name().isEmpty() || b.name().isEmpty()) {
            return 0;
        }
        List<NameVariant> leftVariants = a.name().variants();
        List<NameVariant> rightVariants = b.name().variants();
        for (NameVariant left : leftVariants) {
            for (NameVariant right : rightVariants) {
                if (left.key().equals(right.key())) {
                    // A name many towns have is common, but within one town it is still one organisation's.
                    return samePlace(a, b) ? weights.nameExact()
                            : weights.shared(weights.nameExact(), statistics.nameSharers(left.key()));
                }
            }
        }
        double best = 0;
        for (int i = 0; i < leftVariants.size(); i++) {
            for (int j = 0; j < rightVariants.size(); j++) {
                best = Math.max(best, softTfIdf(leftVariants.get(i).tokens(), statistics.tokenWeights(a, i),
                        rightVariants.get(j).tokens(), statistics.tokenWeights(b, j)));
            }
        }
        return best >= VERY_SIMILAR ? weights.nameVerySimilar() : best >= SIMILAR ? weights.nameSimilar()
                : best >= WEAK ? weights.nameWeak() : weights.nameDifferent();
    }

    private static boolean samePlace(MatchRecord a, MatchRecord b) {
        return !a.postalCode().isEmpty() && a.postalCode().equals(b.postalCode())
                || !a.city().isEmpty() && a.city().equals(b.city());
    }

    /**
     * Soft TF-IDF in both directions: how much of each name's information (its tokens weighted by rarity, as
     * a unit vector of inverse document frequencies) the other name holds, typo'd tokens and compounds counted
     * as near matches. Each token is weighed by its own rarity only, so a typo, which makes a token rare, does
     * not make the two names look less alike.
     */
    static double softTfIdf(List<String> a, double[] aWeights, List<String> b, double[] bWeights) {
        double[][] similarity = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                similarity[i][j] = tokenSimilarity(a.get(i), b.get(j));
            }
        }
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
        return (forward + backward) / 2;
    }

    /**
     * Jaro–Winkler, and Finnish and Swedish compounds read as such: a compound counts as its part ("retket" /
     * "retkitoiminta", "kahvila" / "kohtaamiskahvila"), and two compounds on one stem as one thing worded
     * twice ("kuntosaliryhmä" / "kuntosalivuoro", "lauluryhmä" / "laulupiiri"). Sharing only the generic
     * head ("lauluryhmä" / "kieliryhmä") makes no likeness.
     */
    static double tokenSimilarity(String a, String b) {
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (shorter.length() >= COMPOUND_PART && !shorter.equals(longer)
                && (longer.startsWith(shorter) || longer.endsWith(shorter))) {
            return SAME_TOKEN;
        }
        double similarity = JaroWinkler.similarity(a, b);
        int stem = 0;
        while (stem < shorter.length() && a.charAt(stem) == b.charAt(stem)) {
            stem++;
        }
        return stem >= SHARED_STEM ? Math.max(similarity, SAME_TOKEN) : similarity;
    }

    private double phoneEvidence(MatchRecord a, MatchRecord b) {
        if (a.phones().isEmpty() || b.phones().isEmpty()) {
            return 0;
        }
        double best = Double.NaN;
        for (ContactNormalizer.Phone left : a.phones()) {
            for (ContactNormalizer.Phone right : b.phones()) {
                if (left.sameNumber(right)) {
                    best = max(best, weights.shared(weights.phoneAgrees(), statistics.phoneSharers(left)));
                }
            }
        }
        return Double.isNaN(best) ? weights.phoneDiffers() : best;
    }

    private double emailEvidence(MatchRecord a, MatchRecord b) {
        if (a.emails().isEmpty() || b.emails().isEmpty()) {
            return 0;
        }
        double best = Double.NaN;
        for (String email : a.emails()) {
            if (b.emails().contains(email)) {
                best = max(best, weights.shared(weights.emailAgrees(), statistics.emailSharers(email)));
            }
        }
        return Double.isNaN(best) ? weights.emailDiffers() : best;
    }

    /**
     * The same site, or the same host where one side names no section of it ({@code diabetes.fi} and
     * {@code diabetes.fi/oulu}); two different sections of one host ({@code /oulu}, {@code /nokia}) differ.
     */
    private double websiteEvidence(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double best = Double.NaN;
        for (String left : a) {
            for (String right : b) {
                String host = ContactNormalizer.hostOf(left);
                if (left.equals(right)) {
                    best = max(best, weights.shared(weights.websiteAgrees(), statistics.siteSharers(left)));
                } else if (host.equals(ContactNormalizer.hostOf(right)) && !ContactNormalizer.isSharedHost(host)
                        && (left.equals(host) || right.equals(host))) {
                    best = max(best, weights.shared(weights.websiteAgrees(), statistics.siteSharers(host)));
                }
            }
        }
        return Double.isNaN(best) ? weights.websiteDiffers() : best;
    }

    private static double max(double best, double weight) {
        return Double.isNaN(best) ? weight : Math.max(best, weight);
    }

    private double streetEvidence(MatchRecord a, MatchRecord b) {
        StreetKey left = a.street();
        StreetKey right = b.street();
        if (left == null || right == null) {
            return 0;
        }
        if (left.equals(right)) {
            return weights.shared(weights.streetAgrees(), statistics.addressSharers(a));
        }
        boolean numbersAgree = houseOf(left.number()).equals(houseOf(right.number())) || left.number().isEmpty()
                || right.number().isEmpty();
        if (numbersAgree && JaroWinkler.similarity(left.name(), right.name()) >= SAME_STREET_NAME) {
            return weights.streetSimilar();
        }
        // The same number on a street named otherwise: in a bilingual town, Linnankatu 48 is Slottsgatan 48.
        return left.number().equals(right.number()) && !left.number().isEmpty() ? 0 : weights.streetDiffers();
    }

    /** "12b" and "12": one writes the staircase with the number, the other leaves it out. */
    private static String houseOf(String number) {
        int end = number.length();
        while (end > 0 && !Character.isDigit(number.charAt(end - 1))) {
            end--;
        }
        return number.substring(0, end);
    }

    private double organisationEvidence(MatchRecord a, MatchRecord b) {
        boolean organisations = !a.organisation().isEmpty() && !b.organisation().isEmpty();
        if (organisations && a.organisation().equals(b.organisation())) {
            return weights.organisationAgrees();
        }
        boolean businessIds = !a.businessId().isEmpty() && !b.businessId().isEmpty();
        if (businessIds && a.businessId().equals(b.businessId())) {
            return weights.organisationAgrees();
        }
        return organisations ? weights.organisationDiffers() : 0;
    }

    private double categoriesEvidence(MatchRecord a, MatchRecord b) {
        long common = a.categories().stream().filter(b.categories()::contains).count();
        if (common == 0) {
            return weights.categoriesDisjoint();
        }
        double jaccard = common / (double) (a.categories().size() + b.categories().size() - common);
        return jaccard >= 0.5 ? weights.categoriesOverlap() : 0;
    }
}
