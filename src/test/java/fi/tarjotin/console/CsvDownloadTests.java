package fi.tarjotin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class CsvDownloadTests {

    @Test
    void excelReadsTheFinnishLettersAndEveryCellSurvivesQuoting() {
        ResponseEntity<byte[]> download = CsvDownload.of("kunnat.csv", List.of("kunta", "huomio"),
                List.of(List.of("Siilinjärvi", "sisältää, pilkun"), List.of("Kuopio", "\"lainaus\"\nja rivinvaihto")));

        byte[] body = download.getBody();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)).isEqualTo("kunta,huomio\r\n"
                + "Siilinjärvi,\"sisältää, pilkun\"\r\n" + "Kuopio,\"\"\"lainaus\"\"\nja rivinvaihto\"\r\n");
        assertThat(download.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("kunnat.csv");
    }

    @Test
    void aTextCellAnExcelUserWouldRunAsAFormulaIsWrittenAsTextAndNumbersStayNumbers() {
        ResponseEntity<byte[]> download = CsvDownload.of("kunnat.csv", List.of("nimi", "muutos"),
                List.of(List.of("=HYPERLINK(\"http://x\")", -3), List.of("@SUM(A1)", 4)));

        byte[] body = download.getBody();
        assertThat(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)).isEqualTo("nimi,muutos\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\")\",-3\r\n" + "'@SUM(A1),4\r\n");
    }
}
