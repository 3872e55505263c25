package fi.tarjotin.source.spreadsheet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.SpreadsheetFileException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the rows of one file through its column mapping into registrations: the tray's registration form
 * with names resolved to codes (municipalities, needs, categories), phone numbers in international form
 * and numbers parsed. Every problem in a row is reported with the row's number and the column it is in,
 * so a coordinator can fix the spreadsheet; a row with a problem is not taken in at all.
 */
final class RegistrationReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}");
    private static final Pattern BUSINESS_ID = Pattern.compile("(\\d{7})-(\\d)");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{5}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    private static final Set<String> YES = Set.of("kyllä", "k", "on", "yes", "y", "ja", "true", "1", "x");
    private static final Set<String> NO = Set.of("ei", "e", "no", "n", "nej", "false", "0");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // Mapping field → registration field of the whole-number statistics, in form order.
    private static final Map<String, String> COUNTS = orderedMap("members", "members", "employees", "employees",
            "volunteers", "volunteers", "volunteer-hours-per-year", "volunteerHoursPerYear");

    private final ColumnMapping mapping;
    private final Map<String, String> columns;
    private final Taxonomies taxonomies;
    private final Map<String, Integer> columnIndex;
    private final int headerSize;
    private final Pattern listSeparator;
    private final Set<String> wholeCountryWords;

    /** @throws SpreadsheetFileException when the file lacks a column the mapping names */
    RegistrationReader(ColumnMapping mapping, Taxonomies taxonomies, List<String> headers)
            throws SpreadsheetFileException {
        this.mapping = mapping;
        this.columns = mapping.usedColumns();
        this.taxonomies = taxonomies;
        this.headerSize = headers.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            index.putIfAbsent(key(headers.get(i)), i);
        }
        List<String> missing = columns.values().stream().filter(column -> !index.containsKey(key(column)))
                .distinct().toList();
        if (!missing.isEmpty()) {
            throw new SpreadsheetFileException("the file has no column " + quoted(missing) + ", which "
                    + "mappings/spreadsheet/" + mapping.name() + ".yaml names; the file's columns are "
                    + quoted(headers));
        }
        this.columnIndex = index;
        this.listSeparator = Pattern.compile("[" + Pattern.quote(mapping.listSeparators()) + "]");
        this.wholeCountryWords = mapping.wholeCountry().stream().map(RegistrationReader::key).collect(Collectors.toSet());
    }

    /** A row read: its id and registration, or the problems that keep it out. */
    record Row(int number, String id, ObjectNode registration, List<String> problems) {

        boolean accepted() {
            return problems.isEmpty();
        }
    }

    /** @param number the row's number as the spreadsheet shows it (the header is row 1) */
    Row read(CSVRecord record, int number) {
        Cells cells = new Cells(record);
        List<String> problems = new ArrayList<>();
        // Spreadsheet programs write every row as wide as the header; a row of another width has lost or gained
        // a delimiter (an unquoted line break or delimiter in a cell), so its cells are in the wrong columns.
        if (record.size() > headerSize) {
            problems.add("the row has " + record.size() + " cells but the header " + headerSize
                    + " (a stray delimiter or an unquoted line break?)");
        } else if (record.size() < headerSize) {
            problems.add("the row has " + record.size() + " cells but the header " + headerSize
                    + " (a missing delimiter, or the rest of a line broken by an unquoted line break?)");
        }
        ObjectNode registration = JSON.objectNode();
        registration.put("language", mapping.language());
        String name = cells.text("name");
        if (name == null) {
            problems.add("the name (column '" + mapping.columns().name() + "') is empty");
        } else {
            registration.put("name", name);
        }
        String id = mapping.columns().id() == null ? (name == null ? null : key(name)) : cells.text("id");
        if (id == null && name != null) {
            problems.add("the id (column '" + mapping.columns().id() + "') is empty");
        } else if (id != null) {
            registration.put("id", id);
        }
        putText(registration, "introduction", cells.text("introduction"));
        putText(registration, "businessId", checked(cells, "business-id", problems, RegistrationReader::businessId));
        readArea(cells, registration, problems);
        readVisitingAddress(cells, registration, problems);
        readPhones(cells, registration, problems);
        putText(registration, "email", checked(cells, "email", problems, RegistrationReader::email));
        String website = checked(cells, "website", problems, RegistrationReader::website);
        putText(registration, "website", website == null ? null : withScheme(website));
        putList(registration, "needs", codes(cells, "needs", "need", "mappings/taxonomy/needs.csv", problems));
        putList(registration, "categories", codes(cells, "categories", "category",
                "mappings/taxonomy/activity-categories.csv", problems));
        putList(registration, "keywords", cells.list("keywords"));
        putList(registration, "maintainerEmails", checkedList(cells, "maintainer-emails", problems,
                RegistrationReader::email));
        readStatistics(cells, registration, problems);
        return new Row(number, id, registration, List.copyOf(problems));
    }

    private void readArea(Cells cells, ObjectNode registration, List<String> problems) {
        List<String> names = cells.list("municipalities");
        if (names.isEmpty()) {
            return;
        }
        ObjectNode area = registration.putObject("area");
        if (names.stream().anyMatch(name -> wholeCountryWords.contains(key(name)))) {
            area.put("scope", "whole-country");
            return;
        }
        area.put("scope", "limited");
        ArrayNode codes = area.putArray("municipalities");
        for (String name : names) {
            Optional<String> code = taxonomies.municipalityCodeNamed(name);
            if (code.isPresent()) {
                codes.add(code.get());
            } else {
                problems.add(problem("municipalities", "unknown municipality '" + name + "'"
                        + (wholeCountryWords.isEmpty() ? "" : " (for the whole country write '"
                        + mapping.wholeCountry().get(0) + "')")));
            }
        }
    }

    private void readVisitingAddress(Cells cells, ObjectNode registration, List<String> problems) {
        String street = cells.text("street");
        String postalCode = checked(cells, "postal-code", problems,
                code -> POSTAL_CODE.matcher(code).matches() ? Optional.empty()
                        : Optional.of("postal code '" + code + "' is not five digits"));
        String postOffice = cells.text("post-office");
        if (street == null && postalCode == null && postOffice == null) {
            return;
        }
        ObjectNode address = registration.putObject("visitingAddress");
        putText(address, "street", street);
        putText(address, "postalCode", postalCode);
        putText(address, "postOffice", postOffice);
        // A post office is often a municipality's name; when it is not (a village's), the municipality stays unknown.
        putText(address, "municipality", postOffice == null ? null : taxonomies.municipalityCodeNamed(postOffice).orElse(null));
    }

    private void readPhones(Cells cells, ObjectNode registration, List<String> problems) {
        ArrayNode phones = JSON.arrayNode();
        List<ColumnMapping.PhoneColumns> columns = mapping.phones();
        for (int i = 0; i < columns.size(); i++) {
            String number = cells.text("phones[" + i + "].number");
            if (number == null) {
                continue;
            }
            try {
                PhoneNumber parsed = PHONES.parse(number, "FI");
                if (!PHONES.isPossibleNumber(parsed)) {
                    problems.add(problem("phones[" + i + "].number", "'" + number + "' is not a possible phone number"));
                    continue;
                }
                ObjectNode phone = phones.addObject();
                phone.put("number", PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
                putText(phone, "description", cells.text("phones[" + i + "].description"));
            } catch (NumberParseException e) {
                problems.add(problem("phones[" + i + "].number", "'" + number + "' is not a phone number"));
            }
        }
        if (!phones.isEmpty()) {
            registration.set("phones", phones);
        }
    }

    private List<String> codes(Cells cells, String field, String taxonomy, String table, List<String> problems) {
        Set<String> codes = new LinkedHashSet<>();
        for (String value : cells.list(field)) {
            Optional<String> code = taxonomies.codeNamed(taxonomy, value);
            if (code.isPresent()) {
                codes.add(code.get());
            } else {
                problems.add(problem(field, "unknown " + taxonomy + " '" + value + "' (use a code or a label of " + table + ")"));
            }
        }
        return List.copyOf(codes);
    }

    private void readStatistics(Cells cells, ObjectNode registration, List<String> problems) {
        ObjectNode statistics = JSON.objectNode();
        for (Map.Entry<String, String> field : COUNTS.entrySet()) {
            String value = cells.text(field.getKey());
            if (value == null) {
                continue;
            }
            String digits = value.replaceAll("[\\s\\u00A0]", "");
            if (WHOLE_NUMBER.matcher(digits).matches() && digits.length() <= 9) {
                statistics.put(field.getValue(), Integer.parseInt(digits));
            } else {
                problems.add(problem(field.getKey(), "'" + value + "' is not a whole number"));
            }
        }
        String supported = cells.text("volunteering-professionally-supported");
        if (supported != null) {
            String answer = supported.toLowerCase(Locale.ROOT);
            if (YES.contains(answer) || NO.contains(answer)) {
                statistics.put("volunteeringProfessionallySupported", YES.contains(answer));
            } else {
                problems.add(problem("volunteering-professionally-supported", "'" + supported
                        + "' is not yes or no (kyllä/ei)"));
            }
        }
        putText(statistics, "sector", cells.text("sector"));
        putText(statistics, "educationBackground", cells.text("education-background"));
        if (!statistics.isEmpty()) {
            registration.set("statistics", statistics);
        }
    }

    /** The cell's text when the check finds nothing wrong with it; otherwise null and a problem. */
    private String checked(Cells cells, String field, List<String> problems, Function<String, Optional<String>> check) {
        String value = cells.text(field);
        if (value == null) {
            return null;
        }
        Optional<String> problem = check.apply(value);
        problem.ifPresent(found -> problems.add(problem(field, found)));
        return problem.isPresent() ? null : value;
    }

    /** The items of a list cell that pass the check; each one that does not is a problem. */
    private List<String> checkedList(Cells cells, String field, List<String> problems,
            Function<String, Optional<String>> check) {
        List<String> passed = new ArrayList<>();
        for (String item : cells.list(field)) {
            Optional<String> problem = check.apply(item);
            if (problem.isPresent()) {
                problems.add(problem(field, problem.get()));
            } else {
                passed.add(item);
            }
        }
        return passed;
    }

    private String problem(String field, String what) {
        return "column '" + columns.get(field) + "': " + what;
    }

    private static Optional<String> email(String address) {
        return EMAIL.matcher(address).matches() ? Optional.empty()
                : Optional.of("'" + address + "' is not an e-mail address");
    }

    private static Optional<String> website(String url) {
        try {
            URI uri = new URI(withScheme(url));
            if (uri.getHost() != null && uri.getHost().contains(".") && uri.getScheme().matches("https?")) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return Optional.of("'" + url + "' is not a web address");
    }

    private static String withScheme(String url) {
        return url.matches("(?i)https?://.*") ? url : "https://" + url;
    }

    /** A Finnish business id (Y-tunnus) with a correct check digit. */
    private static Optional<String> businessId(String id) {
        Matcher match = BUSINESS_ID.matcher(id);
        if (!match.matches()) {
            return Optional.of("business id '" + id + "' is not of the form 1234567-8");
        }
        int[] weights = {7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (match.group(1).charAt(i) - '0') * weights[i];
        }
        int remainder = sum % 11;
        int check = remainder == 0 ? 0 : 11 - remainder;
        return remainder != 1 && check == match.group(2).charAt(0) - '0' ? Optional.empty()
                : Optional.of("business id '" + id + "' has a wrong check digit");
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Header names and ids compare without case and with spaces collapsed. */
    static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String quoted(List<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    /** The cells of one row, by the mapping's field names. */
    private final class Cells {

        private final CSVRecord record;

        Cells(CSVRecord record) {
            this.record = record;
        }

        /** The cell's text, or null when the mapping has no such column or the cell is blank. */
        String text(String field) {
            String column = columns.get(field);
            if (column == null) {
                return null;
            }
            int index = columnIndex.get(key(column));
            String value = index < record.size() ? record.get(index).strip() : "";
            return value.isEmpty() ? null : value;
        }

        List<String> list(String field) {
            String value = text(field);
            if (value == null) {
                return List.of();
            }
            return listSeparator.splitAsStream(value).map(String::strip).filter(item -> !item.isEmpty()).toList();
        }
    }
}
