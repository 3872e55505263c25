package fi.tarjotin.source.spreadsheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which column of a coordinator's spreadsheet holds which field of the tray's registration form, read from
 * {@code mappings/spreadsheet/<name>.yaml}. Column names are matched ignoring case and surrounding space.
 *
 * @param name the file's name without {@code .yaml}; also the inbox folder and the source {@code spreadsheet-<name>}
 * @param mode {@code full}: each file is the whole list, and rows missing from it are retired;
 *     {@code additions}: files add and update rows, and nothing is retired
 * @param language the language of the texts (fi, sv or en)
 * @param columns field → column name, for the single-valued fields and the lists kept in one cell
 * @param phones public phone numbers, each with the column of its role description ("Ajanvaraus")
 * @param listSeparators characters separating the items of a list in one cell
 * @param wholeCountry words in the municipalities column meaning the whole of Finland
 */
public record ColumnMapping(String name, String description, String mode, String language, Columns columns,
        List<PhoneColumns> phones, String listSeparators, List<String> wholeCountry) {

    static final List<String> MODES = List.of("full", "additions");

    boolean retiresMissingRows() {
        return "full".equals(mode);
    }

    /** Field name (as in the YAML) → column name, in form order, for every column this mapping uses. */
    Map<String, String> usedColumns() {
        Map<String, String> used = new LinkedHashMap<>(columns.byField());
        for (int i = 0; i < phones.size(); i++) {
            used.put("phones[" + i + "].number", phones.get(i).number());
            if (phones.get(i).description() != null) {
                used.put("phones[" + i + "].description", phones.get(i).description());
            }
        }
        return used;
    }

    /** The registration form's fields; each names a column, or is null when the spreadsheet lacks it. */
    record Columns(String id, String name, String introduction, String businessId, String municipalities,
            String street, String postalCode, String postOffice, String email, String website, String needs,
            String categories, String keywords, String maintainerEmails, String members, String employees,
            String volunteers, String volunteerHoursPerYear, String volunteeringProfessionallySupported,
            String sector, String educationBackground) {

        Map<String, String> byField() {
            Map<String, String> fields = new LinkedHashMap<>();
            put(fields, "id", id);
            put(fields, "name", name);
            put(fields, "introduction", introduction);
            put(fields, "business-id", businessId);
            put(fields, "municipalities", municipalities);
            put(fields, "street", street);
            put(fields, "postal-code", postalCode);
            put(fields, "post-office", postOffice);
            put(fields, "email", email);
            put(fields, "website", website);
            put(fields, "needs", needs);
            put(fields, "categories", categories);
            put(fields, "keywords", keywords);
            put(fields, "maintainer-emails", maintainerEmails);
            put(fields, "members", members);
            put(fields, "employees", employees);
            put(fields, "volunteers", volunteers);
            put(fields, "volunteer-hours-per-year", volunteerHoursPerYear);
            put(fields, "volunteering-professionally-supported", volunteeringProfessionallySupported);
            put(fields, "sector", sector);
            put(fields, "education-background", educationBackground);
            return fields;
        }

        private static void put(Map<String, String> fields, String field, String column) {
            if (column != null && !column.isBlank()) {
                fields.put(field, column.strip());
            }
        }
    }

    /** A phone number's column and the column describing what the number is for. */
    record PhoneColumns(String number, String description) {
    }

    public ColumnMapping {
        phones = phones == null ? List.of() : List.copyOf(phones);
        wholeCountry = wholeCountry == null ? List.of() : new ArrayList<>(wholeCountry);
    }
}
