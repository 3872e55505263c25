package fi.tarjotin.language;

import java.util.Set;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * The fallback where Voikko is not installed, and Swedish always: Lucene's Snowball stemmers. A stem is not
 * a lemma: consonant gradation and irregular stems are not undone ({@code lasten} stems to {@code last},
 * {@code lapsi} to {@code lap}), so a signal word matches a text word that begins with the signal's stem
 * and has at most {@link #MAX_ENDING} more letters (an inflection ending), and within compounds a text word
 * that contains the stem anywhere. The vocabulary lists irregular forms as signal words of their own for
 * this reason; the difference to Voikko is measured in {@code NeedInferenceEvaluationTests}.
 */
public final class StemmingMorphology implements Morphology {

    /** Longest inflection ending (case + plural + possessive) a word may add to a stem, e.g. -illemme. */
    static final int MAX_ENDING = 6;
    /** Longest ending after a stem shorter than {@link #MIN_STEM_IN_COMPOUND}. */
    static final int SHORT_STEM_ENDING = 2;
    /** Shorter stems only match whole words: a three-letter stem inside a compound is mostly chance. */
    private static final int MIN_STEM_IN_COMPOUND = 4;

    private final ThreadLocal<SnowballStemmer> finnish = ThreadLocal.withInitial(FinnishStemmer::new);
    private final ThreadLocal<SnowballStemmer> swedish = ThreadLocal.withInitial(SwedishStemmer::new);

    @Override
    public String name() {
        return "stemming";
    }

    @Override
    public Word analyse(String word, String language) {
        String surface = word.toLowerCase(java.util.Locale.ROOT);
        return new Word(surface, Set.of(stem(surface, language)), Set.of());
    }

    @Override
    public boolean matches(Word word, String signalWord, boolean withinCompounds, String language) {
        String signal = signalWord.toLowerCase(java.util.Locale.ROOT);
        if (word.surface().equals(signal)) {
            return true;
        }
        String stem = stem(signal, language);
        if (word.lemmas().contains(stem)) {
            return true;
        }
        // A short stem with a long ending is mostly another word (same- in samspel): short stems take short endings.
        int maxEnding = stem.length() < MIN_STEM_IN_COMPOUND ? SHORT_STEM_ENDING : MAX_ENDING;
        if (word.surface().startsWith(stem) && word.surface().length() - stem.length() <= maxEnding) {
            return true;
        }
        return withinCompounds && stem.length() >= MIN_STEM_IN_COMPOUND && word.surface().contains(stem);
    }

    /** The Snowball stem of a lower-case word. */
    public String stem(String word, String language) {
        SnowballStemmer stemmer = "sv".equals(language) ? swedish.get() : finnish.get();
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }
}
