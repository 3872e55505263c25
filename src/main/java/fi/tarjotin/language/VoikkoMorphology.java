package fi.tarjotin.language;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.puimula.libvoikko.Analysis;
import org.puimula.libvoikko.Voikko;

/**
 * Finnish through the Voikko analyser (Debian packages {@code libvoikko1} and {@code voikko-fi}, called
 * through the JNA binding): real lemmas, consonant gradation and compounds ({@code lasten} → lapsi,
 * {@code omaishoitajien} → omainen + hoitaja, omaishoitaja). Words Voikko does not know (abbreviations,
 * loan words) and Swedish go to the stemming fallback. Voikko's handle is not thread-safe, so calls are
 * serialised; analyses are cached, since a catalogue's vocabulary is small compared with its text.
 */
public final class VoikkoMorphology implements Morphology, AutoCloseable {

    /** Distinct words kept analysed; a national catalogue has some 150,000. */
    private static final int CACHE_LIMIT = 300_000;

    private final Voikko voikko;
    private final StemmingMorphology stemming = new StemmingMorphology();
    private final Map<String, Word> cache = new ConcurrentHashMap<>();

    /** @throws LinkageError or a Voikko exception when the library or its Finnish dictionary is missing */
    public VoikkoMorphology() {
        this.voikko = new Voikko("fi");
    }

    @Override
    public String name() {
        return "voikko";
    }

    @Override
    public Word analyse(String word, String language) {
        if (!"fi".equals(language)) {
            return stemming.analyse(word, language);
        }
        String surface = word.toLowerCase(Locale.ROOT);
        Word known = cache.get(surface);
        if (known != null) {
            return known;
        }
        List<Analysis> analyses;
        synchronized (voikko) {
            analyses = voikko.analyze(surface);
        }
        Word analysed = analyses.isEmpty() ? stemming.analyse(surface, language) : fromAnalyses(surface, analyses);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(surface, analysed);
        return analysed;
    }

    @Override
    public boolean matches(Word word, String signalWord, boolean withinCompounds, String language) {
        if (!"fi".equals(language) || word.parts().isEmpty()) {
            return stemming.matches(word, signalWord, withinCompounds, language);
        }
        Word signal = analyse(signalWord, language);
        Set<String> signalLemmas = signal.parts().isEmpty() ? Set.of(signal.surface()) : signal.lemmas();
        Set<String> candidates = withinCompounds ? word.parts() : word.lemmas();
        for (String lemma : signalLemmas) {
            if (candidates.contains(lemma)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (voikko) {
            voikko.terminate();
        }
    }

    private static Word fromAnalyses(String surface, List<Analysis> analyses) {
        Set<String> lemmas = new LinkedHashSet<>();
        Set<String> parts = new LinkedHashSet<>();
        for (Analysis analysis : analyses) {
            String baseForm = analysis.get("BASEFORM");
            if (baseForm == null) {
                continue;
            }
            lemmas.add(baseForm.toLowerCase(Locale.ROOT));
            parts.add(baseForm.toLowerCase(Locale.ROOT));
            parts.addAll(compoundParts(analysis.get("WORDBASES")));
        }
        if (lemmas.isEmpty()) {
            lemmas.add(surface);
            parts.add(surface);
        }
        return new Word(surface, Set.copyOf(lemmas), Set.copyOf(parts));
    }

    /**
     * The parts of Voikko's {@code WORDBASES} ({@code +mielen(mieli)+terve(terve)+ys(+ys)+ongelma(ongelma)}):
     * each part's base form, and every run of consecutive parts as it stands in the compound's base form.
     * A derivational suffix ({@code (+ys)}) belongs to the part before it: terve + ys is the part terveys.
     */
    static Set<String> compoundParts(String wordBases) {
        Set<String> result = new LinkedHashSet<>();
        if (wordBases == null || wordBases.isEmpty()) {
            return result;
        }
        List<String[]> segments = new ArrayList<>();
        for (String segment : splitSegments(wordBases)) {
            int paren = segment.indexOf('(');
            String text = (paren < 0 ? segment : segment.substring(0, paren)).toLowerCase(Locale.ROOT);
            String base = paren < 0 ? null : segment.substring(paren + 1, segment.length() - 1).toLowerCase(Locale.ROOT);
            boolean suffix = base == null || base.startsWith("+");
            if (suffix && !segments.isEmpty()) {
                String[] previous = segments.get(segments.size() - 1);
                previous[0] = previous[0] + text;
                previous[1] = previous[0];
            } else if (!text.isEmpty()) {
                segments.add(new String[] {text, base == null || base.isEmpty() ? text : base});
            }
        }
        for (int from = 0; from < segments.size(); from++) {
            result.add(segments.get(from)[1]);
            StringBuilder run = new StringBuilder(segments.get(from)[0]);
            for (int to = from + 1; to < segments.size(); to++) {
                result.add(run + segments.get(to)[1]);
                run.append(segments.get(to)[0]);
            }
        }
        return result;
    }

    private static List<String> splitSegments(String wordBases) {
        List<String> segments = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : wordBases.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == '+' && depth == 0) {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        return segments;
    }
}
