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
                for (Object holiday : JsonataFunctions.asList(holidays.get("holidays"))) {
                    if (holiday instanceof Map<?, ?> day) {
                        for (Object hour : JsonataFunctions.asList(day.get("hours"))) {
                            if (hour instanceof Map<?, ?> time) {
                                rows.add(row("holiday", null, null, null, time.get("start"), time.get("end"),
                                        STATUS.get(String.valueOf(time.get("openingStatus"))), day.get("holidayName"),
                                        time.get("additionalInformation")));
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
        String kind = String.valueOf(period.get("type")).startsWith("Exceptional") ? "exception" : "regular";
        if (!(period.get("weeklyHours") instanceof Map<?, ?> weekly)) {
            return;
        }
        for (String day : WEEKDAYS) {
            if (weekly.get(day) instanceof Map<?, ?> dayHours) {
                for (Object hour : JsonataFunctions.asList(dayHours.get("hours"))) {
                    if (hour instanceof Map<?, ?> time) {
                        rows.add(row(kind, period.get("fromDate"), period.get("toDate"), day, time.get("start"),
                                time.get("end"), STATUS.get(String.valueOf(time.get("openingStatus"))), null,
                                time.get("additionalInformation")));
                    }
                }
            }
        }
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
            rows.add(row(kind, from, to, null, null, null, status, null, description));
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
        if (description instanceof Map<?, ?> texts) {
            Map<String, Object> tray = new LinkedHashMap<>();
            for (String language : List.of("fi", "sv", "en")) {
                putIfPresent(tray, language, texts.get(language));
            }
            if (!tray.isEmpty()) {
                row.put("description", tray);
            }
        }
        return row;
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
