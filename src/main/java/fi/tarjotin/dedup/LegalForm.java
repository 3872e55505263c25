package fi.tarjotin.dedup;

/**
 * The kind of legal person a name's legal-form designation says it is. Two records naming the same
 * words but different kinds ("X ry" and "X säätiö") are usually two legal persons of one family, so a
 * difference in kind counts against a match; a missing designation ("X" and "X ry") says nothing.
 */
enum LegalForm {
    NONE, ASSOCIATION, FOUNDATION, COMPANY, COOPERATIVE
}
