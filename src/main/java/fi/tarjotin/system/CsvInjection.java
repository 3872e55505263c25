package fi.tarjotin.system;

/**
 * Cells of a CSV the service writes that a spreadsheet program would run as a formula (OWASP "CSV Injection"):
 * text from a source or a coordinator's list starting with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe, so Excel or LibreOffice shows it as text. Values are stored as typed; only what is
 * written out for a person to open is changed.
 */
public final class CsvInjection {

    private CsvInjection() {
    }

    /** The cell as a spreadsheet program shows it as text; numbers the service writes itself go out as they are. */
    public static String neutralised(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                // Full-width forms, which some spreadsheet programs also read as formula starts.
                || first == '\uFF1D' || first == '\uFF0B' || first == '\uFF0D' || first == '\uFF20';
        return formula ? "'" + cell : cell;
    }
}
