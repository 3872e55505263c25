package fi.tarjotin.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A question to the catalogue: every given filter must hold (AND); the codes within one filter are
 * alternatives (OR). Empty lists and nulls mean "no filter".
 *
 * @param searchWords words the user typed, lower-cased, each matched as a Finnish/Swedish/English stem prefix
 * @param municipalities entries offered in any of these municipalities, including those offered in the
 *     municipality's wellbeing services county or in the whole country
 * @param modifiedAfter only entries modified at or after this; also returns inactive (retired) entries,
 *     so a consumer can mirror the catalogue
 * @param serviceLanguages services given in any of these languages (ISO 639-1)
 */
public record CatalogueFilter(List<String> searchWords, List<String> categories, List<String> needs,
        List<String> municipalities, UUID organizationId, Instant modifiedAfter, List<String> serviceLanguages) {

    public static final CatalogueFilter NONE = new CatalogueFilter(List.of(), List.of(), List.of(), List.of(), null,
            null, List.of());

    public CatalogueFilter {
        searchWords = List.copyOf(searchWords);
        categories = List.copyOf(categories);
        needs = List.copyOf(needs);
        municipalities = List.copyOf(municipalities);
        serviceLanguages = List.copyOf(serviceLanguages);
    }

    public boolean searches() {
        return !searchWords.isEmpty();
    }
}
