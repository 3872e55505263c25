package fi.tarjotin.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flattens PTV service hours into one row per weekday and period (the {@code openingHours} of the model).
 * v11 sends a list of {@code {serviceHourType, validFrom, validTo, isClosed, openingHour: [{dayFrom, dayTo,
 * from, to}]}}; v12 an object {@code {hours: [{type, fromDate, toDate, weeklyHours: {monday: {hours: [...]}}}],
 * holidayServiceHours: {holidays: [...]}}}. Kept in Java because both location and service-at-location
 * mappings need it and the transformation is structural, not a field mapping.
 */
final class PtvServiceHours {

    private static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final Map<String, String> STATUS = Map.of("Open", "open", "Closed", "closed",
            "OpenOnReservation", "by-appointment");
    private static final Map<String, String> REPETITION = Map.of("OddWeeks", "odd-weeks", "EvenWeeks", "even-weeks");
    // PTV's own convention for "the whole day" (its holiday closures are 00:00–23:59).
    private static final String DAY_STARTS = "00:00";
    private static final String DAY_ENDS = "23:59";

    private PtvServiceHours() {
    }

    static Object rows(Object serviceHours) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (serviceHours instanceof Map<?, ?> v12) {
            for (Object hour : JsonataFunctions.asList(v12.get("hours"))) {
                if (hour instanceof Map<?, ?> period) {
                    addV12Period(rows, period);
                }
            }
            if (v12.get("holidayServiceHours") instanceof Map<?, ?> holidays) {
                Object years = holidays.get("repetition") instanceof Map<?, ?> repetition
                        && "RepetitionInSelectedYears".equals(repetition.get("type")) ? repetition.get("years") : null;
                for (Object holiday : JsonataFunctions.asList(holidays.get("holidays"))) {
                    if (holiday instanceof Map<?, ?> day) {
                        for (Object hour : JsonataFunctions.asList(day.get("hours"))) {
                            if (hour instanceof Map<?, ?> time) {
                                Map<String, Object> row = row("holiday", null, null, null, time.get("start"),
                                        time.get("end"), STATUS.get(String.valueOf(time.get("openingStatus"))),
                                        day.get("holidayName"), time.get("additionalInformation"));
                                if (!JsonataFunctions.asList(years).isEmpty()) {
                                    row.put("years", new ArrayList<>(JsonataFunctions.asList(years)));
                                }
                                rows.add(row);
                            }
                        }
                    }
                }
            }
        } else {
            for (Object hour : JsonataFunctions.asList(serviceHours)) {
                if (hour instanceof Map<?, ?> period) {
                    addV11Period(rows, period);
                }
            }
        }
        return rows.isEmpty() ? null : rows;
    }

    private static void addV12Period(List<Map<String, Object>> rows, Map<?, ?> period) {
        String type = String.valueOf(period.get("type"));
        String kind = type.startsWith("Exceptional") ? "exception" : "regular";
        Object periodText = period.get("additionalInformation");
        List<Map<String, Object>> added = new ArrayList<>();
        if (period.get("weeklyHours") instanceof Map<?, ?> weekly) {
            for (String day : WEEKDAYS) {
                if (weekly.get(day) instanceof Map<?, ?> dayHours) {
                    for (Object hour : JsonataFunctions.asList(dayHours.get("hours"))) {
                        if (hour instanceof Map<?, ?> time) {
                            Map<String, Object> row = row(kind, period.get("fromDate"), period.get("toDate"), day,
                                    time.get("start"), time.get("end"),
                                    STATUS.get(String.valueOf(time.get("openingStatus"))), null,
                                    nonEmpty(time.get("additionalInformation")) ? time.get("additionalInformation")
                                            : periodText);
                            putIfPresent(row, "repetition", REPETITION.get(String.valueOf(time.get("repetition"))));
                            added.add(row);
                        }
                    }
                }
            }
        } else if (type.startsWith("Continuous")) {
            // Continuous hours run from one day and time to another (Monday 08:00 → Friday 16:00), or always.
            String status = STATUS.getOrDefault(String.valueOf(period.get("openingStatus")), "open");
            int first = period.get("fromDay") instanceof String from ? WEEKDAYS.indexOf(from.toLowerCase(Locale.ROOT)) : 0;
            int last = period.get("toDay") instanceof String to ? WEEKDAYS.indexOf(to.toLowerCase(Locale.ROOT)) : 6;
            if (first >= 0 && last >= 0) {
                for (int i = first; ; i = (i + 1) % 7) {
                    Object opens = i == first && period.get("fromTime") != null ? period.get("fromTime") : DAY_STARTS;
                    Object closes = i == last && period.get("toTime") != null ? period.get("toTime") : DAY_ENDS;
                    added.add(row(kind, period.get("fromDate"), period.get("toDate"), WEEKDAYS.get(i), opens, closes,
                            status, null, periodText));
                    if (i == last) {
                        break;
                    }
                }
            }
        }
        if (added.isEmpty() && (nonEmpty(periodText) || nonEmpty(period.get("heading")))) {
            // A period with only a text ("open by agreement") keeps the text, and claims no day or time.
            added.add(row(kind, period.get("fromDate"), period.get("toDate"), null, null, null, null, null, periodText));
        }
        for (Map<String, Object> row : added) {
            putTexts(row, "heading", period.get("heading"));
        }
        rows.addAll(added);
    }

    private static void addV11Period(List<Map<String, Object>> rows, Map<?, ?> period) {
        String kind = "Exceptional".equals(period.get("serviceHourType")) ? "exception" : "regular";
        String status = Boolean.TRUE.equals(period.get("isClosed")) ? "closed"
                : Boolean.TRUE.equals(period.get("isReservation")) ? "by-appointment" : "open";
        Object description = languageList(period.get("additionalInformation"));
        Object from = date(period.get("validFrom"));
        Object to = date(period.get("validTo"));
        List<?> openings = JsonataFunctions.asList(period.get("openingHour"));
        if (openings.isEmpty()) {
            if (Boolean.TRUE.equals(period.get("isAlwaysOpen"))) {
                for (String day : WEEKDAYS) {
                    rows.add(row(kind, from, to, day, DAY_STARTS, DAY_ENDS, "open", null, description));
                }
            } else if (!"open".equals(status) || from != null || !((Map<?, ?>) description).isEmpty()) {
                // No times: closed, by appointment or a text ("avoinna sopimuksen mukaan") for the dates;
                // never a bare "open" that names no day and no time.
                rows.add(row(kind, from, to, null, null, null, "open".equals(status) ? null : status, null,
                        description));
            }
        }
        for (Object opening : openings) {
            if (opening instanceof Map<?, ?> time && time.get("dayFrom") instanceof String dayFrom) {
                String dayTo = time.get("dayTo") instanceof String end && !end.isBlank() ? end : dayFrom;
                int first = WEEKDAYS.indexOf(dayFrom.toLowerCase(Locale.ROOT));
                int last = WEEKDAYS.indexOf(dayTo.toLowerCase(Locale.ROOT));
                if (first < 0 || last < 0) {
                    continue;
                }
                for (int i = first; ; i = (i + 1) % 7) {
                    rows.add(row(kind, from, to, WEEKDAYS.get(i), minutes(time.get("from")), minutes(time.get("to")),
                            status, null, description));
                    if (i == last) {
                        break;
                    }
                }
            }
        }
    }

    private static Map<String, Object> row(String kind, Object validFrom, Object validTo, String day, Object opens,
            Object closes, String status, Object holiday, Object description) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", kind);
        putIfPresent(row, "validFrom", validFrom);
        putIfPresent(row, "validTo", validTo);
        putIfPresent(row, "day", day);
        putIfPresent(row, "opens", opens);
        putIfPresent(row, "closes", closes);
        putIfPresent(row, "status", status);
        putIfPresent(row, "holiday", holiday);
        putTexts(row, "description", description);
        return row;
    }

    private static boolean nonEmpty(Object texts) {
        return texts instanceof Map<?, ?> map ? map.values().stream().anyMatch(value -> value instanceof String text
                && !text.isBlank()) : texts instanceof String text && !text.isBlank();
    }

    private static void putTexts(Map<String, Object> row, String key, Object texts) {
        if (texts instanceof Map<?, ?> byLanguage) {
            Map<String, Object> tray = new LinkedHashMap<>();
            for (String language : List.of("fi", "sv", "en")) {
                putIfPresent(tray, language, byLanguage.get(language));
            }
            if (!tray.isEmpty()) {
                row.put(key, tray);
            }
        }
    }

    private static Object languageList(Object list) {
        Map<String, Object> texts = new LinkedHashMap<>();
        for (Object item : JsonataFunctions.asList(list)) {
            if (item instanceof Map<?, ?> entry && entry.get("language") instanceof String language) {
                texts.putIfAbsent(language, entry.get("value"));
            }
        }
        return texts;
    }

    /** "08:00:00" → "08:00". */
    private static Object minutes(Object time) {
        return time instanceof String text && text.length() >= 5 ? text.substring(0, 5) : time;
    }

    /** "2026-06-22T00:00:00" → "2026-06-22". */
    private static Object date(Object value) {
        return value instanceof String text && text.length() >= 10 ? text.substring(0, 10) : value;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            map.put(key, value);
        }
    }
}
