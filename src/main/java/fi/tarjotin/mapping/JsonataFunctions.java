package fi.tarjotin.mapping;

import com.dashjoin.jsonata.Jsonata;
import fi.tarjotin.model.Coordinates;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.Taxonomies;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The functions every mapping file may call, beside JSONata's own:
 * <ul>
 * <li>{@code $texts(list)} — PTV v11 style {@code [{language, value}]} to {@code {fi, sv, en}}</li>
 * <li>{@code $lv(languageVersions, 'field')} — PTV v12 style {@code {fi: {field}, sv: …}} to {@code {fi, sv, en}}</li>
 * <li>{@code $html(texts)} / {@code $plain(texts)} — sanitised HTML / plain text of each language</li>
 * <li>{@code $crosswalk('table', codes)} — tray codes for source codes through a CSV table</li>
 * <li>{@code $wgs84(easting, northing)} — EPSG:3067 to {@code {latitude, longitude}}</li>
 * <li>{@code $municipality(code)} — today's code for a municipality code (merged municipalities, see
 *     {@code mappings/taxonomy/municipality-mergers.csv})</li>
 * <li>{@code $lt(object)} — keeps only the fi, sv and en texts of a {@code {fi, sv, se, …}} object</li>
 * <li>{@code $acrossLanguages(languageVersions, 'contactEmails', 'email')} — one entry per distinct key
 *     across the fi, sv and en lists: {@code [{key, fi: item, sv: item, en: item}]}</li>
 * <li>{@code $byLanguage(list, 'value')} — the same for a flat list whose items carry {@code language}</li>
 * <li>{@code $ptvHours(serviceHours)} — PTV service hours (v11 list or v12 object) as opening-hour rows</li>
 * <li>{@code $municipalityNamed(name)} — the code of a municipality named in Finnish or Swedish; an
 *     unknown name rejects the record with that reason</li>
 * <li>{@code $localDate(epochMillis, 'Europe/Helsinki')} — the ISO date of an instant in a time zone</li>
 * <li>{@code $weekday(n)} — ISO weekday number 1–7 to {@code monday}…{@code sunday}</li>
 * <li>{@code $reject(reason)} — rejects the record with this reason (for checks a mapping makes itself)</li>
 * <li>{@code $placeholder('email'|'url'|'phone', value)} — true for a value that is plainly not real
 *     ({@link PlaceholderValues}); the mapping leaves it out and the run counts a warning</li>
 * <li>{@code $phoneNumber(dialCode, number, isServiceNumber)} — the number as dialled from anywhere:
 *     the dial code (without the national trunk zero) unless it is a Finnish service number</li>
 * <li>{@code $languagesOf(group)} — the tray languages ({@code fi}, {@code sv}, {@code en}) an
 *     {@code $acrossLanguages} / {@code $byLanguage} group was listed in</li>
 * <li>{@code $accessibilityText(entrances)} — PTV v11 entrance accessibility sentences as one text per
 *     language, one "group: sentence" line each</li>
 * </ul>
 * Blank texts and languages other than fi, sv and en are dropped, so "" never reaches the catalogue.
 */
@Component
class JsonataFunctions {

    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    private final TextSanitizer sanitizer;
    private final CoordinateTransformer coordinates;
    private final Crosswalks crosswalks;
    private final Taxonomies taxonomies;

    JsonataFunctions(TextSanitizer sanitizer, CoordinateTransformer coordinates, Crosswalks crosswalks,
            Taxonomies taxonomies) {
        this.sanitizer = sanitizer;
        this.coordinates = coordinates;
        this.crosswalks = crosswalks;
        this.taxonomies = taxonomies;
    }

    void registerOn(Jsonata expression) {
        expression.registerFunction("texts", (Jsonata.Fn1<Object, Object>) this::texts);
        expression.registerFunction("lv", (Jsonata.Fn2<Object, String, Object>) this::languageVersionField);
        expression.registerFunction("html", (Jsonata.Fn1<Object, Object>) texts -> eachLanguage(texts, true));
        expression.registerFunction("plain", (Jsonata.Fn1<Object, Object>) texts -> eachLanguage(texts, false));
        expression.registerFunction("crosswalk", (Jsonata.Fn2<String, Object, Object>) this::crosswalk);
        expression.registerFunction("wgs84", (Jsonata.Fn2<Object, Object, Object>) this::wgs84);
        expression.registerFunction("municipality", (Jsonata.Fn1<Object, Object>) code ->
                code instanceof String text ? taxonomies.currentMunicipalityCode(text) : null);
        expression.registerFunction("lt", (Jsonata.Fn1<Object, Object>) JsonataFunctions::onlyTrayLanguages);
        expression.registerFunction("acrossLanguages", Jsonata.function("acrossLanguages",
                (Jsonata.FnVarArgs<Object>) arguments -> acrossLanguages(arguments.get(0), (String) arguments.get(1),
                        (String) arguments.get(2)), null));
        expression.registerFunction("byLanguage", (Jsonata.Fn2<Object, String, Object>) JsonataFunctions::byLanguage);
        expression.registerFunction("ptvHours", (Jsonata.Fn1<Object, Object>) PtvServiceHours::rows);
        expression.registerFunction("municipalityNamed", (Jsonata.Fn1<Object, Object>) this::municipalityNamed);
        expression.registerFunction("localDate", (Jsonata.Fn2<Object, String, Object>) JsonataFunctions::localDate);
        expression.registerFunction("weekday", (Jsonata.Fn1<Object, Object>) JsonataFunctions::weekday);
        expression.registerFunction("placeholder", (Jsonata.Fn2<String, Object, Object>) JsonataFunctions::placeholder);
        expression.registerFunction("phoneNumber", Jsonata.function("phoneNumber",
                (Jsonata.FnVarArgs<Object>) arguments -> phoneNumber(arguments.get(0), arguments.get(1),
                        arguments.size() > 2 ? arguments.get(2) : null), null));
        expression.registerFunction("languagesOf", (Jsonata.Fn1<Object, Object>) JsonataFunctions::languagesOf);
        expression.registerFunction("accessibilityText",
                (Jsonata.Fn1<Object, Object>) PtvAccessibility::sentencesByLanguage);
        expression.registerFunction("reject", (Jsonata.Fn1<Object, Object>) reason -> {
            throw new RecordRejection(String.valueOf(reason));
        });
    }

    private static Object placeholder(String kind, Object value) {
        String reason = PlaceholderValues.reason(kind, value);
        if (reason != null) {
            MappingWarnings.add(reason + ": left out");
        }
        return reason != null;
    }

    private static Object phoneNumber(Object dialCode, Object number, Object isServiceNumber) {
        if (!(number instanceof String national) || national.isBlank()) {
            return null;
        }
        String digits = national.strip().replaceAll("[\\s()\\-./]", "");
        // A Finnish service number (0800…, 0200…) cannot be dialled with the country code.
        if (Boolean.TRUE.equals(isServiceNumber) || !(dialCode instanceof String code) || code.isBlank()
                || digits.startsWith("+")) {
            return digits;
        }
        return code.strip() + digits.replaceFirst("^0", "");
    }

    private static Object languagesOf(Object group) {
        if (!(group instanceof Map<?, ?> entries)) {
            return null;
        }
        List<String> languages = LANGUAGES.stream().filter(entries::containsKey).toList();
        return languages.isEmpty() ? null : new ArrayList<>(languages);
    }

    private Object municipalityNamed(Object name) {
        if (!(name instanceof String text) || text.isBlank()) {
            return null;
        }
        return taxonomies.municipalityCodeNamed(text).orElseThrow(() -> new RecordRejection(
                "unknown municipality '" + text.strip() + "' (not a name in mappings/taxonomy/municipalities.csv)"));
    }

    private static Object localDate(Object epochMillis, String zone) {
        Double millis = number(epochMillis);
        if (millis == null) {
            return null;
        }
        return Instant.ofEpochMilli(millis.longValue()).atZone(ZoneId.of(zone)).toLocalDate().toString();
    }

    private static Object weekday(Object isoNumber) {
        Double number = number(isoNumber);
        if (number == null || number < 1 || number > 7) {
            return null;
        }
        return DayOfWeek.of(number.intValue()).name().toLowerCase(Locale.ROOT);
    }

    private Object texts(Object languageValues) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Object item : asList(languageValues)) {
            if (item instanceof Map<?, ?> entry && entry.get("language") instanceof String language
                    && LANGUAGES.contains(language) && entry.get("value") instanceof String value
                    && !value.isBlank() && !result.containsKey(language)) {
                result.put(language, value);
            }
        }
        return result.isEmpty() ? null : result;
    }

    private Object languageVersionField(Object languageVersions, String field) {
        return perTrayLanguage(languageVersions, version -> version instanceof Map<?, ?> fields
                && fields.get(field) instanceof String value && !value.isBlank() ? value : null);
    }

    private Object eachLanguage(Object texts, boolean html) {
        return perTrayLanguage(texts, text -> text instanceof String value
                ? html ? sanitizer.toSafeHtml(value) : sanitizer.toPlainText(value) : null);
    }

    private static Object onlyTrayLanguages(Object texts) {
        return perTrayLanguage(texts, text -> text instanceof String value && !value.isBlank() ? value : null);
    }

    /** {@code {fi, sv, en}} of what {@code convert} makes of each tray language's entry; null when none is left. */
    private static Object perTrayLanguage(Object byLanguage, Function<Object, String> convert) {
        if (!(byLanguage instanceof Map<?, ?> entries)) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            String converted = convert.apply(entries.get(language));
            if (converted != null) {
                result.put(language, converted);
            }
        }
        return result.isEmpty() ? null : result;
    }

    private static Object acrossLanguages(Object languageVersions, String listField, String keyField) {
        if (!(languageVersions instanceof Map<?, ?> versions)) {
            return null;
        }
        Map<Object, Map<String, Object>> groups = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            if (versions.get(language) instanceof Map<?, ?> version) {
                addToGroups(groups, asList(version.get(listField)), keyField, language);
            }
        }
        return groups.isEmpty() ? null : new ArrayList<>(groups.values());
    }

    private static Object byLanguage(Object list, String keyField) {
        Map<Object, Map<String, Object>> groups = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            List<Object> items = asList(list).stream()
                    .filter(item -> item instanceof Map<?, ?> entry && language.equals(entry.get("language")))
                    .map(Object.class::cast).toList();
            addToGroups(groups, items, keyField, language);
        }
        // Items without a language still count, under no language.
        addToGroups(groups, asList(list).stream().filter(item -> item instanceof Map<?, ?> entry
                && !(entry.get("language") instanceof String)).map(Object.class::cast).toList(), keyField, null);
        return groups.isEmpty() ? null : new ArrayList<>(groups.values());
    }

    private static void addToGroups(Map<Object, Map<String, Object>> groups, List<?> items, String keyField,
            String language) {
        for (Object item : items) {
            if (item instanceof Map<?, ?> entry && entry.get(keyField) != null
                    && !entry.get(keyField).toString().isBlank()) {
                Map<String, Object> group = groups.computeIfAbsent(entry.get(keyField), key -> {
                    Map<String, Object> created = new LinkedHashMap<>();
                    created.put("key", key);
                    created.put("item", entry);
                    return created;
                });
                if (language != null) {
                    group.putIfAbsent(language, entry);
                }
            }
        }
    }

    private Object crosswalk(String table, Object codes) {
        List<String> sourceCodes = asList(codes).stream().filter(String.class::isInstance).map(String.class::cast).toList();
        List<String> translated = crosswalks.translate(table, sourceCodes);
        return translated.isEmpty() ? null : new ArrayList<>(translated);
    }

    private Object wgs84(Object easting, Object northing) {
        Double east = number(easting);
        Double north = number(northing);
        if (east == null || north == null) {
            return null;
        }
        Coordinates point = coordinates.fromEtrsTm35Fin(east, north);
        if (point == null) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("latitude", point.latitude());
        result.put("longitude", point.longitude());
        return result;
    }

    private static Double number(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Double.parseDouble(text.strip().replace(',', '.'));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** JSONata turns a one-item sequence into the item itself; functions accept both. */
    static List<?> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        return List.of(value);
    }
}
