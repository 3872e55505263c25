package fi.tarjotin.dedup;

import java.util.List;

/**
 * One record to deduplicate, as its source wrote it: an organisation, or a service with the organisation
 * that provides it and its categories. Every field but the id and the name may be empty; a contact cell may
 * hold several values separated by commas or semicolons. Nothing here needs to be normalised already.
 *
 * @param ptvId the record's PTV id if it has one: the same PTV id in two sources is the same thing, and two
 *     different PTV ids are two things
 * @param organisation for a service, its organisation's id or name (compared exactly after folding)
 * @param categories for a service, its category codes
 */
public record DedupRecord(String id, String name, String street, String postalCode, String city, String phone,
        String email, String website, String businessId, String ptvId, String organisation, List<String> categories) {

    public DedupRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a record needs an id");
        }
        name = orEmpty(name);
        street = orEmpty(street);
        postalCode = orEmpty(postalCode);
        city = orEmpty(city);
        phone = orEmpty(phone);
        email = orEmpty(email);
        website = orEmpty(website);
        businessId = orEmpty(businessId);
        ptvId = orEmpty(ptvId);
        organisation = orEmpty(organisation);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** An organisation: the fields a column mapping names. */
    public static DedupRecord organisation(String id, String name, String street, String postalCode, String city,
            String phone, String email, String website, String businessId) {
        return new DedupRecord(id, name, street, postalCode, city, phone, email, website, businessId, "", "",
                List.of());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
