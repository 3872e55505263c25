package fi.tarjotin.needs;

import fi.tarjotin.model.CsvTable;
import fi.tarjotin.system.MappingFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mappings/taxonomy/need-signals.csv}: the words and phrases that signal each need, in Finnish and
 * Swedish, in their base forms. A word ending in {@code *} also counts as a part of a compound word
 * ({@code muisti*} is in {@code muistikahvila}); without it, only the word itself, inflected
 * ({@code lapsi} is {@code lasten}, not {@code lapsiperhe}). A phrase matches its words in a row. The
 * optional {@code weight} (above 0, at most 1; blank is 1) scales a word that is only a hint: a weak
 * signal alone in a description does not reach the minimum score, in a name or beside other evidence it does.
 */
final class NeedSignals {

    static final String FILE = "taxonomy/need-signals.csv";
    private static final Set<String> LANGUAGES = Set.of("fi", "sv");

    /**
     * One signal: its need, language, phrase as written, its words and its weight (1 unless the table gives a
     * lower one for a word that is only a hint, such as {@code perhe}).
     */
    record Signal(String need, String language, String phrase, List<SignalWord> words, double weight) {

        /** How specific the signal is: the letters of its words. A longer signal covering the same words wins. */
        int length() {
            return words.stream().mapToInt(word -> word.baseForm().length()).sum();
        }
    }

    /** A word of a signal phrase, in base form; {@code withinCompounds} when written with a trailing {@code *}. */
    record SignalWord(String baseForm, boolean withinCompounds) {
    }

    private NeedSignals() {
    }

    /** Reads and checks the table: every need must be a known code, every language fi or sv. */
    static List<Signal> read(MappingFile file, Set<String> needCodes) {
        CsvTable table = CsvTable.read(file);
        for (String header : List.of("need", "language", "phrase")) {
            table.requireHeader(header);
        }
        List<Signal> signals = new ArrayList<>();
        int line = 1;
        for (Map<String, String> row : table.rows()) {
            line++;
            String need = row.get("need");
            String language = row.get("language");
            String phrase = row.get("phrase");
            String where = table.file() + " row " + line + ": ";
            if (!needCodes.contains(need)) {
                throw new IllegalStateException(where + "'" + need + "' is not a need code of mappings/taxonomy/needs.csv");
            }
            if (!LANGUAGES.contains(language)) {
                throw new IllegalStateException(where + "language must be fi or sv, not '" + language + "'");
            }
            List<SignalWord> words = Arrays.stream(phrase.trim().split("\\s+"))
                    .flatMap(NeedSignals::splitAtHyphens).toList();
            if (phrase.isBlank() || words.isEmpty()) {
                throw new IllegalStateException(where + "the phrase is empty");
            }
            String weightCell = row.getOrDefault("weight", "");
            double weight;
            try {
                weight = weightCell == null || weightCell.isBlank() ? 1 : Double.parseDouble(weightCell);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(where + "weight must be a number, not '" + weightCell + "'");
            }
            if (weight <= 0 || weight > 1) {
                throw new IllegalStateException(where + "weight must be above 0 and at most 1, not " + weight);
            }
            signals.add(new Signal(need, language, phrase, words, weight));
        }
        return List.copyOf(signals);
    }

    /**
     * A hyphen splits a written word as the text's words are split ({@code ms-tauti*}: ms, tauti*); the
     * star belongs to the last part.
     */
    private static java.util.stream.Stream<SignalWord> splitAtHyphens(String written) {
        boolean star = written.endsWith("*");
        String word = star ? written.substring(0, written.length() - 1) : written;
        List<String> parts = fi.tarjotin.language.Morphology.tokens(word);
        List<SignalWord> result = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            result.add(new SignalWord(parts.get(i), star && i == parts.size() - 1));
        }
        return result.stream();
    }
}
