package fi.tarjotin.system;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV file as coordinators' spreadsheets write it, decoded: Finnish Excel saves "CSV (semicolon)" in
 * Windows-1252, "CSV UTF-8" with a byte-order mark, and "Unicode text" as tab-separated UTF-16; other
 * tools write UTF-8 with commas. The encoding and the delimiter are detected, never assumed, and a file
 * that is none of these is refused with the reason instead of being read as garbage.
 *
 * @param encoding how the bytes were read, for the report
 * @param rows the data rows in file order; row {@code i} is spreadsheet row {@code i + 2} (the header is row 1)
 */
public record CsvFile(String encoding, char delimiter, List<String> headers, List<CSVRecord> rows) {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    // Bytes Windows-1252 leaves undefined: text containing them is in neither of the encodings accepted.
    private static final Set<Integer> UNDEFINED_IN_1252 = Set.of(0x81, 0x8D, 0x8F, 0x90, 0x9D);
    // UTF-8 text once read as Windows-1252 and saved again: "Ã¤" for "ä", "Ã¶" for "ö", "Ã…" for "Å".
    private static final Pattern DOUBLE_ENCODED = Pattern.compile("Ã[\\u0080-\\u00BF\\u2013-\\u203A\\u0152-\\u0178]");

    public static CsvFile parse(byte[] content) throws SpreadsheetFileException {
        Decoded decoded = decode(content);
        String text = decoded.text();
        if (text.isBlank()) {
            throw new SpreadsheetFileException("the file is empty");
        }
        char delimiter = delimiterOf(firstLine(text));
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setTrim(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> headers = parser.getHeaderNames();
            List<CSVRecord> rows = new ArrayList<>();
            try {
                parser.forEach(rows::add);
            } catch (UncheckedIOException e) {
                throw new SpreadsheetFileException("the file's quoting is broken: a cell in spreadsheet row "
                        + (rows.size() + 2) + " or after opens a \" that never closes");
            }
            return new CsvFile(decoded.encoding(), delimiter, List.copyOf(headers), List.copyOf(rows));
        } catch (SpreadsheetFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SpreadsheetFileException("the header row cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new SpreadsheetFileException("the file cannot be read as CSV: " + e.getMessage());
        }
    }

    /** The cells of a row by header name; a row shorter than the header has empty cells at its end. */
    public Map<String, String> cells(CSVRecord row) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            cells.put(headers.get(i), i < row.size() ? row.get(i) : "");
        }
        return cells;
    }

    private static Decoded decode(byte[] content) throws SpreadsheetFileException {
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
            throw new SpreadsheetFileException("the file is an Excel workbook (.xlsx), not CSV: "
                    + "save it from Excel as \"CSV UTF-8\" or \"CSV (semicolon)\"");
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw new SpreadsheetFileException("the file is an old Excel workbook (.xls), not CSV: "
                    + "save it from Excel as \"CSV UTF-8\" or \"CSV (semicolon)\"");
        }
        if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
            return withByteOrderMark(content, 3, StandardCharsets.UTF_8, "UTF-8 with BOM");
        }
        if (startsWith(content, 0xFF, 0xFE)) {
            return withByteOrderMark(content, 2, StandardCharsets.UTF_16LE, "UTF-16LE with BOM");
        }
        if (startsWith(content, 0xFE, 0xFF)) {
            return withByteOrderMark(content, 2, StandardCharsets.UTF_16BE, "UTF-16BE with BOM");
        }
        for (byte b : content) {
            if (b == 0) {
                throw new SpreadsheetFileException("the file has binary content (NUL bytes), not CSV text; "
                        + "UTF-16 text needs its byte-order mark");
            }
        }
        try {
            return checked(strict(content, 0, StandardCharsets.UTF_8, "UTF-8"));
        } catch (CharacterCodingException notUtf8) {
            for (int offset = 0; offset < content.length; offset++) {
                int value = content[offset] & 0xFF;
                if (UNDEFINED_IN_1252.contains(value)) {
                    throw new SpreadsheetFileException("the file is neither UTF-8 nor Windows-1252: byte 0x"
                            + Integer.toHexString(value).toUpperCase(Locale.ROOT) + " at offset " + offset
                            + " means nothing in either");
                }
            }
            return new Decoded(new String(content, WINDOWS_1252), "Windows-1252");
        }
    }

    private static Decoded strict(byte[] content, int offset, Charset charset, String name)
            throws CharacterCodingException {
        String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        return new Decoded(text, name);
    }

    /** Refuses text that decodes but was already garbled before it reached us. */
    private static Decoded checked(Decoded decoded) throws SpreadsheetFileException {
        Matcher garbled = DOUBLE_ENCODED.matcher(decoded.text());
        if (garbled.find()) {
            throw new SpreadsheetFileException("the text was garbled before it was saved (\"" + garbled.group()
                    + "\" where a letter like ä or ö was meant): it was read in the wrong encoding once; "
                    + "open the original and save it again as \"CSV UTF-8\"");
        }
        return decoded;
    }

    private static Decoded withByteOrderMark(byte[] content, int markLength, Charset charset, String name)
            throws SpreadsheetFileException {
        try {
            return checked(strict(content, markLength, charset, name));
        } catch (CharacterCodingException e) {
            throw new SpreadsheetFileException("the file starts with the byte-order mark of " + charset.name()
                    + " but is not valid " + charset.name() + " text");
        }
    }

    private static char delimiterOf(String headerLine) throws SpreadsheetFileException {
        int semicolons = 0;
        int commas = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : headerLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (semicolons == 0 && commas == 0 && tabs == 0) {
            throw new SpreadsheetFileException("the header row has no ';', ',' or tab between column names: "
                    + "is this a CSV file?");
        }
        return semicolons >= commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private record Decoded(String text, String encoding) {
    }
}
