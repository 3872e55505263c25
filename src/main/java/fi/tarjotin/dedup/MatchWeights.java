package fi.tarjotin.dedup;

/**
 * The evidence each comparison gives, in bits: log2 of how much likelier the observation is for two records
 * of one organisation than for two of different ones (Fellegi–Sunter's log2(m/u)). A missing value on either
 * side gives 0. Agreement on a value is worth its full weight when few distinct organisations share it; a
 * value shared by many (a federation's central phone, a shared office building, a common name in many towns)
 * loses {@code commonValuePenalty} bits for every doubling beyond {@code commonValueFreeSharing} sharers, so
 * a federation's shared contacts cannot merge its member associations.
 *
 * <p>A name difference weighs {@code unregisteredNameDiffers} more when neither name carries a legal-form
 * designation: a registered organisation may be renamed or named in two languages and keep its contacts,
 * while an activity or service is told from its organiser's other activities (same phone, same address)
 * by its name alone.
 */
public record MatchWeights(
        double nameExact, double nameVerySimilar, double nameSimilar, double nameWeak, double nameDifferent,
        double unregisteredNameDiffers,
        double legalFormDiffers,
        double businessIdAgrees, double businessIdDiffers,
        double phoneAgrees, double phoneDiffers,
        double emailAgrees, double emailDiffers,
        double websiteAgrees, double websiteDiffers,
        double streetAgrees, double streetSimilar, double streetDiffers,
        double postalCodeAgrees, double postalCodeDiffers,
        double cityAgrees, double cityDiffers,
        double organisationAgrees, double organisationDiffers,
        double categoriesOverlap, double categoriesDisjoint,
        double commonValueFreeSharing, double commonValuePenalty) {

    public static MatchWeights defaults() {
        return new MatchWeights(
                9, 6, 2.5, -3, -3,
                -6,
                -3,
                8, -12,
                7, -1,
                7, -1,
                5, -1,
                4, 2, -1.5,
                2, -2.5,
                1, -3,
                4, -6,
                1, -1,
                2, 3);
    }

    /** An agreement's weight after the penalty for how many distinct organisations share the value. */
    double shared(double agreement, int sharers) {
        if (sharers <= commonValueFreeSharing) {
            return agreement;
        }
        double penalty = commonValuePenalty * Math.log(sharers / commonValueFreeSharing) / Math.log(2);
        return Math.max(0, agreement - penalty);
    }
}
