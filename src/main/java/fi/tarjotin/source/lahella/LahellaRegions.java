package fi.tarjotin.source.lahella;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regions a tray imports lähellä.fi activities from, and whether an activity is in them.
 *
 * <p>lähellä.fi tags an activity with municipalities ({@code city/FI/Kuopio}) and regions
 * ({@code state/FI/Pohjois-Savo}); a tray configured for a region must also take the activities tagged
 * only with one of its municipalities, and a tray configured for a municipality the activities of the
 * whole region around it. So both sides are compared as sets of municipality codes: a city by its name
 * in {@code mappings/taxonomy/municipalities.csv}, a region through the wellbeing services counties of
 * {@code mappings/lahella/state-counties.csv}, and the codes neither can resolve (merged municipalities,
 * Åland) through {@code mappings/lahella/region-municipalities.csv}. An activity with no region at all is
 * national (lähellä.fi's own convention) and is in every tray's scope.
 */
final class LahellaRegions {

    private static final String STATE_COUNTIES = "lahella/state-counties";
    private static final String REGION_MUNICIPALITIES = "lahella/region-municipalities";
    private static final Pattern REGION = Pattern.compile("(city|state)/FI/([^/]+)");

    private final List<String> codes;
    private final Set<String> municipalities;
    private final Taxonomies taxonomies;
    private final Crosswalks crosswalks;

    private LahellaRegions(List<String> codes, Set<String> municipalities, Taxonomies taxonomies,
            Crosswalks crosswalks) {
        this.codes = codes;
        this.municipalities = municipalities;
        this.taxonomies = taxonomies;
        this.crosswalks = crosswalks;
    }

    /**
     * The configured regions, each checked: a code that is not {@code city/FI/<name>} or
     * {@code state/FI/<name>}, or that no table resolves to municipalities, stops start-up.
     */
    static LahellaRegions configured(String property, List<String> configured, Taxonomies taxonomies,
            Crosswalks crosswalks) {
        Set<String> codes = new LinkedHashSet<>();
        Set<String> municipalities = new LinkedHashSet<>();
        for (String value : configured) {
            String code = value == null ? "" : value.strip();
            if (!REGION.matcher(code).matches()) {
                throw new InvalidConfigurationException(property, "contains '" + value
                        + "', which is not a lähellä.fi region code like city/FI/Kuopio or state/FI/Pohjois-Savo");
            }
            Set<String> covered = municipalitiesOf(code, taxonomies, crosswalks);
            if (covered.isEmpty()) {
                throw new InvalidConfigurationException(property, "contains '" + value + "', whose "
                        + (code.startsWith("city/") ? "name is not a municipality in mappings/taxonomy/municipalities.csv"
                                : "region is not in mappings/lahella/state-counties.csv")
                        + " or mappings/lahella/region-municipalities.csv");
            }
            codes.add(code);
            municipalities.addAll(covered);
        }
        return new LahellaRegions(List.copyOf(codes), Set.copyOf(municipalities), taxonomies, crosswalks);
    }

    /** The configured codes, for the listing's own filter. */
    List<String> codes() {
        return codes;
    }

    /** Whether an activity with these {@code traits.region} codes is in the configured regions. */
    boolean cover(JsonNode activityRegions) {
        if (codes.isEmpty()) {
            return true;
        }
        List<String> regions = new ArrayList<>();
        activityRegions.forEach(region -> {
            if (region.isTextual()) {
                regions.add(region.asText());
            }
        });
        if (regions.isEmpty()) {
            return true;
        }
        return regions.stream().anyMatch(region -> codes.contains(region)
                || !Collections.disjoint(municipalitiesOf(region, taxonomies, crosswalks), municipalities));
    }

    /** The municipality codes a region code covers; empty for a code no table knows. */
    private static Set<String> municipalitiesOf(String region, Taxonomies taxonomies, Crosswalks crosswalks) {
        List<String> listed = crosswalks.translate(REGION_MUNICIPALITIES, List.of(region));
        if (!listed.isEmpty()) {
            return Set.copyOf(listed);
        }
        Matcher parts = REGION.matcher(region);
        if (!parts.matches()) {
            return Set.of();
        }
        if (parts.group(1).equals("city")) {
            return taxonomies.municipalityCodeNamed(parts.group(2)).map(Set::of).orElse(Set.of());
        }
        Set<String> covered = new LinkedHashSet<>();
        for (String county : crosswalks.translate(STATE_COUNTIES, List.of(region))) {
            covered.addAll(taxonomies.municipalitiesOfCounty(county));
        }
        return covered;
    }
}
