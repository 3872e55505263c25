package fi.tarjotin.dedup;

import java.util.Locale;

/**
 * The fields a decision can rest on, in the order {@code decided_by} lists them; {@code COORDINATOR} is a
 * coordinator's decision to merge; {@code ACTIVITY_NAME} is the name where neither carries a legal form.
 */
public enum MatchField {
    COORDINATOR, BUSINESS_ID, PTV_ID, NAME, ACTIVITY_NAME, LEGAL_FORM, PHONE, EMAIL, WEBSITE, STREET, POSTAL_CODE, CITY,
    ORGANISATION, CATEGORIES;

    /** The name in {@code decided_by}: {@code business_id}, {@code postal_code}; both kinds of name are {@code name}. */
    public String label() {
        return this == ACTIVITY_NAME ? "name" : name().toLowerCase(Locale.ROOT);
    }
}
