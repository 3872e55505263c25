package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where something is offered.
 *
 * @param scope {@code whole-country}, {@code whole-country-except-aland} or {@code limited}
 * @param municipalities official 3-digit codes named by the source
 * @param wellbeingServicesCounties 2-digit codes; a county covers all its municipalities
 * @param regions 2-digit maakunta codes
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceArea(String scope, List<String> municipalities, List<String> wellbeingServicesCounties,
        List<String> regions) {
}
