package fi.tarjotin.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finnish and Swedish words as lemmas, so that {@code lasten} is found by {@code lapsi} and
 * {@code mielenterveysongelmiin} by {@code ongelma}. Two implementations: {@link VoikkoMorphology} (the
 * Voikko analyser, where the native library and its Finnish dictionary are installed) and
 * {@link StemmingMorphology} (Lucene's Snowball stemmers, everywhere). Both answer the same two questions,
 * so need inference and search do not know which one runs.
 */
public interface Morphology {

    /** {@code voikko} or {@code stemming}: which analyser gave the results, for logs and fingerprints. */
    String name();

    /** One word (letters only, any case) of a text in {@code fi} or {@code sv}. */
    Word analyse(String word, String language);

    /**
     * Whether a text word is the signal word, given in its base form: inflected ({@code lasten} is
     * {@code lapsi}), and with {@code withinCompounds} also as a part of a compound ({@code lapsiperheet}
     * has {@code lapsi}, {@code lähisuhdeväkivalta} has {@code väkivalta}).
     */
    boolean matches(Word word, String signalWord, boolean withinCompounds, String language);

    /** The text's words in order, split at anything that is not a letter or a digit. */
    default List<Word> words(String text, String language) {
        List<Word> words = new ArrayList<>();
        for (String token : tokens(text)) {
            words.add(analyse(token, language));
        }
        return words;
    }

    /** Lower-case tokens of letters and digits; hyphens and punctuation split words ({@code MS-tauti}: ms, tauti). */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean wordChar = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return tokens;
    }
}
