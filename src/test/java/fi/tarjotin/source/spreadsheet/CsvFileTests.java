package fi.tarjotin.source.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fi.tarjotin.system.CsvFile;
import fi.tarjotin.system.SpreadsheetFileException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a spreadsheet file's bytes are read: each encoding and delimiter detected, and what is refused. */
class CsvFileTests {

    private static final String TEXT = "Nimi;Kunta\r\nKäpylän Äijät ry;Jyväskylä\r\n\"Lainaus; ja rivinvaihto\nry\";Åtvidaberg\r\n";

    @Test
    void readsEachEncodingExcelAndOtherToolsWrite() throws SpreadsheetFileException {
        assertRead(bytes("\uFEFF" + TEXT, StandardCharsets.UTF_8), "UTF-8 with BOM", ';');
        assertRead(bytes(TEXT, StandardCharsets.UTF_8), "UTF-8", ';');
        assertRead(bytes(TEXT, Charset.forName("windows-1252")), "Windows-1252", ';');
        assertRead(bytes("\uFEFF" + TEXT.replace(';', '\t'), StandardCharsets.UTF_16LE), "UTF-16LE with BOM", '\t');
        assertRead(bytes("\uFEFF" + TEXT.replace(';', ','), StandardCharsets.UTF_16BE), "UTF-16BE with BOM", ',');
    }

    @Test
    void theDelimiterIsTheOneTheHeaderRowUsesOutsideQuotes() throws SpreadsheetFileException {
        assertThat(CsvFile.parse(bytes("\"Nimi, virallinen\";Kunta\nA;B\n", StandardCharsets.UTF_8)).delimiter())
                .isEqualTo(';');
        assertThat(CsvFile.parse(bytes("Nimi,Kunta;Kylä,Postinumero\nA,B,C\n", StandardCharsets.UTF_8)).delimiter())
                .isEqualTo(',');
    }

    @Test
    void refusesWhatIsNotCsvTextWithTheReason() {
        assertRefused(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0}, "the file is an old Excel workbook (.xls)");
        assertRefused(bytes(TEXT, StandardCharsets.UTF_16LE), "the file has binary content (NUL bytes)");
        assertRefused(new byte[] {'N', 'i', ';', 'K', '\n', (byte) 0x81, ';', 'x'},
                "the file is neither UTF-8 nor Windows-1252: byte 0x81 at offset 5 means nothing in either");
        assertRefused(bytes("Nimi Kunta\nA B\n", StandardCharsets.UTF_8),
                "the header row has no ';', ',' or tab between column names");
        assertRefused(bytes("  \n\n", StandardCharsets.UTF_8), "the file is empty");
        assertRefused(bytes("Nimi;Nimi\nA;B\n", StandardCharsets.UTF_8), "the header row cannot be read: "
                + "The header contains a duplicate name");
        assertRefused(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'A', ';', (byte) 0xE4},
                "the file starts with the byte-order mark of UTF-8 but is not valid UTF-8 text");
    }

    private static void assertRead(byte[] content, String encoding, char delimiter) throws SpreadsheetFileException {
        CsvFile file = CsvFile.parse(content);

        assertThat(file.encoding()).isEqualTo(encoding);
        assertThat(file.delimiter()).isEqualTo(delimiter);
        assertThat(file.headers()).containsExactly("Nimi", "Kunta");
        assertThat(file.rows()).hasSize(2);
        assertThat(file.rows().get(0).values()).containsExactly("Käpylän Äijät ry", "Jyväskylä");
        assertThat(file.rows().get(1).values()).containsExactly("Lainaus" + delimiterText(delimiter) + " ja rivinvaihto\nry",
                "Åtvidaberg");
    }

    private static String delimiterText(char delimiter) {
        return delimiter == ';' ? ";" : delimiter == '\t' ? "\t" : ",";
    }

    private static void assertRefused(byte[] content, String reason) {
        assertThatThrownBy(() -> CsvFile.parse(content)).isInstanceOf(SpreadsheetFileException.class)
                .hasMessageStartingWith(reason);
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }
}
