package fi.tarjotin.dedup;

import fi.tarjotin.dedup.ContactNormalizer.StreetKey;
import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores two records Fellegi–Sunter style: every field compared on its own gives an agreement level, every
 * level a weight in bits (see {@link MatchWeights}), and their sum with the prior is the log-odds of one
 * organisation. The same business id or PTV id decides on its own, since a register number names one legal
 * person whatever it is called this year (a renamed association); different business ids weigh heavily
 * against. For services, which share their provider's business id, the id counts as the organisation.
 */
final class PairScorer {

    // Name similarity levels (symmetric soft TF-IDF over name tokens).
    private static final double VERY_SIMILAR = 0.9;
    private static final double SIMILAR = 0.75;
    private static final double WEAK = 0.5;
    // Two tokens closer than this are the same word with a typo.
    private static final double SAME_TOKEN = 0.9;
    private static final double SAME_STREET_NAME = 0.9;

    private final MatchWeights weights;
    private final double priorBits;
    private final ValueStatistics statistics;

    PairScorer(MatchSettings settings, ValueStatistics statistics) {
        this.weights = settings.weights();
        this.priorBits = settings.priorBits();
        this.statistics = statistics;
    }

    PairScore score(MatchRecord a, MatchRecord b) {
        boolean services = !a.organisation().isEmpty() || !b.organisation().isEmpty();
        if (!services && !a.businessId().isEmpty() && a.businessId().equals(b.businessId())) {
            return PairScore.exact(MatchField.BUSINESS_ID);
        }
        if (!a.ptvId().isEmpty() && a.ptvId().equals(b.ptvId())) {
            return PairScore.exact(MatchField.PTV_ID);
        }
        Map<MatchField, Double> evidence = new EnumMap<>(MatchField.class);
        if (!a.businessId().isEmpty() && !b.businessId().isEmpty() && !a.businessId().equals(b.businessId())) {
            evidence.put(MatchField.BUSINESS_ID, weights.businessIdDiffers());
        }
        evidence.put(MatchField.NAME, nameEvidence(a, b));
        if (a.name().legalForm() != LegalForm.NONE && b.name().legalForm() != LegalForm.NONE
                && a.name().legalForm() != b.name().legalForm()) {
            evidence.put(MatchField.LEGAL_FORM, weights.legalFormDiffers());
        }
        double phone = sharedValueEvidence(a.phones(), b.phones(), weights.phoneAgrees(), weights.phoneDiffers(),
                Kind.PHONE);
        evidence.put(MatchField.PHONE, phone);
        double email = sharedValueEvidence(a.emails(), b.emails(), weights.emailAgrees(), weights.emailDiffers(),
                Kind.EMAIL);
        evidence.put(MatchField.EMAIL, email);
        // A shared address already implies its domain, so then only the websites themselves are compared.
        boolean sameEmail = email > 0;
        evidence.put(MatchField.WEBSITE, sharedValueEvidence(sameEmail ? a.websiteDomains() : a.domains(),
                sameEmail ? b.websiteDomains() : b.domains(), weights.websiteAgrees(), weights.websiteDiffers(),
                Kind.DOMAIN));
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
        evidence.values().removeIf(value -> value == 0);
        return PairScore.of(priorBits, evidence);
    }

    private double nameEvidence(MatchRecord a, MatchRecord b) {
        if (a.name().isEmpty() || b.name().isEmpty()) {
            return 0;
        }
        double best = 0;
        String exactKey = null;
        for (NameVariant left : a.name().variants()) {
            for (NameVariant right : b.name().variants()) {
                if (left.key().equals(right.key())) {
                    exactKey = left.key();
                    break;
                }
                best = Math.max(best, softTfIdf(left.tokens(), right.tokens()));
            }
            if (exactKey != null) {
                break;
            }
        }
        if (exactKey != null) {
            return weights.shared(weights.nameExact(), statistics.nameSharers(exactKey));
        }
        return best >= VERY_SIMILAR ? weights.nameVerySimilar() : best >= SIMILAR ? weights.nameSimilar()
                : best >= WEAK ? weights.nameWeak() : weights.nameDifferent();
    }

    /** Soft TF-IDF in both directions: tokens weighted by rarity, typo'd tokens counted as near matches. */
    double softTfIdf(List<String> a, List<String> b) {
        return Math.min(1, (directedSoftTfIdf(a, b) + directedSoftTfIdf(b, a)) / 2);
    }

    private double directedSoftTfIdf(List<String> from, List<String> to) {
        double[] fromWeights = idfWeights(from);
        double[] toWeights = idfWeights(to);
        double sum = 0;
        for (int i = 0; i < from.size(); i++) {
            double best = 0;
            int bestIndex = -1;
            for (int j = 0; j < to.size(); j++) {
                double similarity = JaroWinkler.similarity(from.get(i), to.get(j));
                if (similarity > best) {
                    best = similarity;
                    bestIndex = j;
                }
            }
            if (best >= SAME_TOKEN) {
                sum += fromWeights[i] * toWeights[bestIndex] * best;
            }
        }
        return sum;
    }

    private double[] idfWeights(List<String> tokens) {
        double[] result = new double[tokens.size()];
        double norm = 0;
        for (int i = 0; i < result.length; i++) {
            result[i] = statistics.inverseDocumentFrequency(tokens.get(i));
            norm += result[i] * result[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < result.length; i++) {
            result[i] /= norm;
        }
        return result;
    }

    private enum Kind {
        PHONE, EMAIL, DOMAIN
    }

    private double sharedValueEvidence(List<String> a, List<String> b, double agrees, double differs, Kind kind) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        double best = Double.NaN;
        for (String value : a) {
            if (b.contains(value)) {
                int sharers = kind == Kind.PHONE ? statistics.phoneSharers(value)
                        : kind == Kind.EMAIL ? statistics.emailSharers(value) : statistics.domainSharers(value);
                double weight = weights.shared(agrees, sharers);
                best = Double.isNaN(best) ? weight : Math.max(best, weight);
            }
        }
        return Double.isNaN(best) ? differs : best;
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
        boolean numbersAgree = left.number().equals(right.number()) || left.number().isEmpty()
                || right.number().isEmpty();
        if (numbersAgree && JaroWinkler.similarity(left.name(), right.name()) >= SAME_STREET_NAME) {
            return weights.streetSimilar();
        }
        return weights.streetDiffers();
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
