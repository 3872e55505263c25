package fi.tarjotin.api;

import fi.tarjotin.api.TaxonomyTerms.Term;
import fi.tarjotin.api.TaxonomyTerms.Vocabulary;
import fi.tarjotin.catalogue.CatalogueFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The query parameters of one public API request, checked before anything is read: a bad value is an
 * {@link InvalidParameterException} naming the parameter, never a 500. A filter may be repeated
 * ({@code need=a&need=b}) or comma-separated ({@code need=a,b}); its values are alternatives.
 */
final class ApiParameters {

    static final Set<String> LANGUAGES = Set.of("fi", "sv", "en");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2}");
    private static final int MAX_SEARCH_LENGTH = 200;
    private static final int MAX_SEARCH_WORDS = 10;
    // ISO 8601's four-digit years; PostgreSQL's timestamptz cannot hold much beyond them either way.
    private static final Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final Pattern POSTCODE = Pattern.compile("[0-9]{5}");
    /** Farther than any two points of Finland are apart. */
    private static final double MAX_PROXIMITY_METRES = 2_000_000;

    private final Map<String, String[]> values;
    private final ApiProperties properties;

    private ApiParameters(Map<String, String[]> values, ApiProperties properties) {
        this.values = values;
        this.properties = properties;
    }

    /** Takes a request's parameters, refusing any the endpoint does not know (a typo would silently filter nothing). */
    static ApiParameters of(Map<String, String[]> values, Set<String> accepted, ApiProperties properties) {
        for (String name : values.keySet()) {
            if (!accepted.contains(name)) {
                throw new InvalidParameterException(name, "is not a parameter of this endpoint; it accepts "
                        + String.join(", ", new TreeSet<>(accepted)));
            }
        }
        return new ApiParameters(values, properties);
    }

    String language() {
        String language = single("language");
        if (language == null) {
            return "fi";
        }
        if (!LANGUAGES.contains(language)) {
            throw new InvalidParameterException("language", "must be fi, sv or en, not '" + language + "'");
        }
        return language;
    }

    int page() {
        return integer("page", 1, 1, Integer.MAX_VALUE / properties.maxPerPage());
    }

    int perPage() {
        return integer("per_page", properties.defaultPerPage(), 1, properties.maxPerPage());
    }

    /** {@code format}: true for ndjson, false for json, null when not given (the Accept header decides). */
    Boolean format() {
        return single("format") == null ? null : ndjson();
    }

    private boolean ndjson() {
        String format = single("format");
        if (format == null || "json".equals(format)) {
            return false;
        }
        if ("ndjson".equals(format)) {
            return true;
        }
        throw new InvalidParameterException("format", "must be json or ndjson, not '" + format + "'");
    }

    boolean flag(String name) {
        String value = single(name);
        if (value == null || "false".equals(value)) {
            return false;
        }
        if ("true".equals(value)) {
            return true;
        }
        throw new InvalidParameterException(name, "must be true or false, not '" + value + "'");
    }

    UUID uuid(String name) {
        String value = single(name);
        return value == null ? null : parseUuid(name, value);
    }

    /** The filter the catalogue applies: the three clicks, taxonomy term ids, search and the others. */
    CatalogueFilter filter(TaxonomyTerms terms) {
        Set<String> categories = codes("category", Vocabulary.CATEGORY, terms);
        Set<String> needs = codes("need", Vocabulary.NEED, terms);
        Set<String> municipalities = codes("municipality", Vocabulary.MUNICIPALITY, terms);
        for (String value : list("taxonomy_term_id")) {
            Term term = terms.find(parseUuid("taxonomy_term_id", value)).orElseThrow(() -> new InvalidParameterException(
                    "taxonomy_term_id", "'" + value + "' is not a term of /taxonomy_terms"));
            switch (term.vocabulary()) {
                case CATEGORY -> categories.add(term.code());
                case NEED -> needs.add(term.code());
                case MUNICIPALITY -> municipalities.addAll(term.county() ? terms.municipalitiesOf(term.code())
                        : List.of(term.code()));
            }
        }
        // HSDS taxonomy_id: tagged with any term of that taxonomy. Codes already chosen in it are such terms.
        Vocabulary taxonomy = taxonomy(terms);
        if (taxonomy != null) {
            Set<String> chosen = switch (taxonomy) {
                case CATEGORY -> categories;
                case NEED -> needs;
                case MUNICIPALITY -> municipalities;
            };
            if (chosen.isEmpty()) {
                chosen.addAll(terms.filterCodes(taxonomy));
            }
        }
        List<String> serviceLanguages = new ArrayList<>();
        for (String value : list("service_language")) {
            if (!LANGUAGE_CODE.matcher(value).matches()) {
                throw new InvalidParameterException("service_language", "'" + value
                        + "' is not a two-letter ISO 639-1 language code");
            }
            serviceLanguages.add(value);
        }
        return new CatalogueFilter(searchWords(), List.copyOf(categories), List.copyOf(needs),
                List.copyOf(municipalities), uuid("organization_id"), modifiedAfter(), serviceLanguages);
    }

    /** The taxonomy {@code taxonomy_id} names, or null when not given. */
    Vocabulary taxonomy(TaxonomyTerms terms) {
        UUID id = uuid("taxonomy_id");
        if (id == null) {
            return null;
        }
        return terms.vocabulary(id).orElseThrow(() -> new InvalidParameterException("taxonomy_id",
                "'" + id + "' is not a taxonomy of /taxonomies"));
    }

    /**
     * How much of each list item to give: HSDS {@code minimal} (the item's own fields only, nothing nested),
     * the default list item, or {@code full} (each item as its detail gives it).
     */
    Shape shape() {
        boolean minimal = flag("minimal");
        boolean full = flag("full");
        if (minimal && full) {
            throw new InvalidParameterException("minimal", "and full exclude each other; give one of them");
        }
        return minimal ? Shape.MINIMAL : full ? Shape.FULL : Shape.LIST;
    }

    /** The list item shapes of {@link #shape()}. */
    enum Shape {
        MINIMAL, LIST, FULL
    }

    /**
     * Where to look for services at locations: HSDS {@code postcode} and {@code proximity} (metres), or the
     * profile's {@code latitude} and {@code longitude} (WGS84) with or without {@code proximity}. Null when
     * none is given.
     */
    Place place() {
        String postcode = single("postcode");
        Double latitude = decimal("latitude", -90, 90);
        Double longitude = decimal("longitude", -180, 180);
        Double proximity = decimal("proximity", 0, MAX_PROXIMITY_METRES);
        if ((latitude == null) != (longitude == null)) {
            String missing = latitude == null ? "latitude" : "longitude";
            throw new InvalidParameterException(missing, "must be given with " + (latitude == null ? "longitude" : "latitude"));
        }
        if (postcode != null && latitude != null) {
            throw new InvalidParameterException("postcode", "and latitude/longitude exclude each other; give one place");
        }
        if (postcode != null && !POSTCODE.matcher(postcode).matches()) {
            throw new InvalidParameterException("postcode", "'" + postcode + "' is not a Finnish postal code (five digits)");
        }
        if (proximity != null && proximity <= 0) {
            throw new InvalidParameterException("proximity", "must be more than 0 metres");
        }
        if (postcode == null && latitude == null) {
            if (proximity != null) {
                throw new InvalidParameterException("proximity", "needs a place: postcode, or latitude and longitude");
            }
            return null;
        }
        return new Place(postcode, latitude, longitude, proximity);
    }

    /**
     * A place asked about: a postcode or a point, and how far from it (metres; null = any distance).
     */
    record Place(String postcode, Double latitude, Double longitude, Double proximityMetres) {
    }

    /** The words of {@code search}: lower-cased letters and digits; punctuation separates words. */
    List<String> searchWords() {
        String search = single("search");
        if (search == null || search.isBlank()) {
            return List.of();
        }
        if (search.length() > MAX_SEARCH_LENGTH) {
            throw new InvalidParameterException("search", "is longer than " + MAX_SEARCH_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>();
        for (String word : WORD_SEPARATOR.split(search.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && words.size() < MAX_SEARCH_WORDS) {
                words.add(word);
            }
        }
        return words;
    }

    private Instant modifiedAfter() {
        String value = single("modified_after");
        if (value == null) {
            return null;
        }
        try {
            Instant instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
                throw new InvalidParameterException("modified_after", "'" + value
                        + "' is outside the years 0001 to 9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("modified_after", "'" + value
                    + "' is not an ISO 8601 date-time with an offset (2026-05-01T08:00:00Z) or a date (2026-05-01)");
        }
    }

    private Set<String> codes(String name, Vocabulary vocabulary, TaxonomyTerms terms) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : list(name)) {
            if (!terms.isFilterCode(vocabulary, code)) {
                throw new InvalidParameterException(name, "'" + code + "' is not a code of /taxonomy_terms?taxonomy_id="
                        + vocabulary.id());
            }
            codes.add(code);
        }
        return codes;
    }

    private List<String> list(String name) {
        List<String> list = new ArrayList<>();
        for (String value : values.getOrDefault(name, new String[0])) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    list.add(part.strip());
                }
            }
        }
        return list;
    }

    private String single(String name) {
        String[] given = values.get(name);
        if (given == null || given.length == 0) {
            return null;
        }
        if (given.length > 1) {
            throw new InvalidParameterException(name, "may be given only once");
        }
        return given[0].strip();
    }

    private Double decimal(String name, double min, double max) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a number, not '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw new InvalidParameterException(name, "must be between " + (long) min + " and " + (long) max + ", not " + value);
        }
        return number;
    }

    private int integer(String name, int fallback, int min, int max) {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new InvalidParameterException(name, "must be between " + min + " and " + max + ", not " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, "must be a whole number, not '" + value + "'");
        }
    }

    static UUID parseUuid(String name, String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidParameterException(name, "'" + value + "' is not a UUID");
    }
}
