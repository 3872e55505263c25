package fi.tarjotin.dedup;

import fi.tarjotin.dedup.ContactNormalizer.Phone;
import fi.tarjotin.dedup.ContactNormalizer.StreetKey;
import fi.tarjotin.dedup.NameNormalizer.NormalizedName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A record's fields normalised once, before any pair is looked at: every comparison and blocking key reads
 * these, never the raw text.
 *
 * @param index the record's position in the input, which is also its place in every array of the run
 * @param websites the record's sites ({@code host} or {@code host/section}, see {@link ContactNormalizer#websites})
 * @param domains the websites and the organisation's own mail domain, for the website comparison
 * @param addressKey the street address in its postal area (or municipality); empty without a street
 */
record MatchRecord(int index, String id, NormalizedName name, String businessId, String ptvId, List<Phone> phones,
        List<String> emails, List<String> domains, List<String> websites, StreetKey street, String postalCode,
        String city, String organisation, Set<String> categories, String addressKey) {

    static MatchRecord of(int index, DedupRecord record, String defaultRegion) {
        return of(index, record, defaultRegion, null);
    }

    /** @param knownPhones phone numbers already read in this run, shared by the threads normalising */
    static MatchRecord of(int index, DedupRecord record, String defaultRegion, Map<String, Phone> knownPhones) {
        List<String> emails = ContactNormalizer.emails(record.email());
        List<String> websites = ContactNormalizer.websites(record.website());
        Set<String> domains = new LinkedHashSet<>(websites);
        for (String email : emails) {
            String domain = ContactNormalizer.organisationMailDomain(email);
            if (!domain.isEmpty()) {
                domains.add(domain);
            }
        }
        Set<String> categories = new LinkedHashSet<>();
        for (String category : record.categories()) {
            if (!category.isBlank()) {
                categories.add(category.trim().toLowerCase(Locale.ROOT));
            }
        }
        StreetKey street = ContactNormalizer.street(record.street());
        String postalCode = ContactNormalizer.postalCode(record.postalCode());
        String city = ContactNormalizer.city(record.city());
        String place = postalCode.isEmpty() ? city : postalCode;
        return new MatchRecord(index, record.id(), NameNormalizer.normalize(record.name(), record.city()),
                ContactNormalizer.businessId(record.businessId()), record.ptvId().toLowerCase(Locale.ROOT),
                ContactNormalizer.phones(record.phone(), defaultRegion, knownPhones), emails, List.copyOf(domains), websites,
                street, postalCode, city, TextFolding.fold(record.organisation()).trim(), Set.copyOf(categories),
                street == null ? "" : place + "|" + street.key());
    }
}
