package fi.tarjotin.source.ptv;

import java.util.List;
import java.util.Set;

/**
 * The checked, normalised scope of a PTV import.
 *
 * @param municipalities 3-digit codes
 * @param wellbeingServicesCounties 2-digit codes
 * @param serviceClasses PTV service class codes to import; empty for every class
 */
record PtvScope(List<String> municipalities, List<String> wellbeingServicesCounties, boolean includeWholeCountry,
        Set<String> serviceClasses) {

    /** No area named: the whole country is in scope, and no area filter is sent. */
    boolean national() {
        return municipalities.isEmpty() && wellbeingServicesCounties.isEmpty();
    }

    boolean includesServiceClassOf(List<String> codes) {
        return serviceClasses.isEmpty() || codes.stream().anyMatch(serviceClasses::contains);
    }
}
