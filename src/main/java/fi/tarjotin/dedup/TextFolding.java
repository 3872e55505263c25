package fi.tarjotin.dedup;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one text folding every comparison uses: Unicode NFKC (full-width letters, ligatures), lower case,
 * and diacritics removed (ä → a, ö → o, å → a, é → e), because sources that lost their accents on the
 * way ("Tyovaen") must still meet the ones that kept them. ß becomes ss and ø becomes o for the same reason.
 */
final class TextFolding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private TextFolding() {
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (isPlainAscii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(compatible, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("")
                .replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("đ", "d").replace("ł", "l");
    }
}
