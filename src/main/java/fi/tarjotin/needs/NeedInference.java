package fi.tarjotin.needs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.language.Morphology;
import fi.tarjotin.language.Word;
import fi.tarjotin.model.InferredNeed.Evidence;
import fi.tarjotin.model.InferredNeed;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.needs.NeedSignals.Signal;
import fi.tarjotin.needs.NeedSignals.SignalWord;
import fi.tarjotin.system.Hashes;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The need-inference stage, between mapping and the entity layer: most sources do not say which need a
 * service meets, but their names, keywords, summaries and descriptions do. For a service document it finds
 * the signal phrases of {@code mappings/taxonomy/need-signals.csv} in each field (through the
 * {@link Morphology}, so inflected forms and compounds count) and gives each need a score from the
 * fields it was found in: one minus the product of (1 − field weight). Needs scoring at least
 * {@code tarjotin.needs.min-score} that the source did not give itself are written to the document's
 * {@code inferredNeeds}, each with its evidence; the source's own {@code needs} are never changed.
 */
@Component
public class NeedInference {

    /** Changes whenever the rules below change meaning, so stored documents are inferred again. */
    private static final String RULES_VERSION = "1";
    /** How strongly a signal in each field says the service is for that need. */
    static final Map<String, Double> FIELD_WEIGHTS = fieldWeights();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    /** Shortest signal key: two letters (ms, cp) are signals of their own. */
    private static final int MIN_KEY = 2;

    private final Morphology morphology;
    private final double minScore;
    private final String version;
    /** Signals by the stem of their first word, per language. */
    private final Map<String, Map<String, List<Signal>>> signalsByKey = new HashMap<>();
    private final int longestKey;
    /** The signals that may start at a word, per language and word: a catalogue repeats its words. */
    private final Map<String, List<Signal>> candidatesByWord = new ConcurrentHashMap<>();

    public NeedInference(MappingFiles mappings, Taxonomies taxonomies,
            Morphology morphology, @Value("${tarjotin.needs.min-score}") double minScore) {
        if (minScore <= 0 || minScore > 1) {
            throw new IllegalStateException("tarjotin.needs.min-score must be above 0 and at most 1, not " + minScore);
        }
        this.morphology = morphology;
        this.minScore = minScore;
        MappingFile signalsFile = mappings.file(NeedSignals.FILE);
        List<Signal> signals = NeedSignals.read(signalsFile, taxonomies.needCodes());
        int longest = MIN_KEY;
        for (Signal signal : signals) {
            String key = key(signal.words().get(0).baseForm(), signal.language());
            signalsByKey.computeIfAbsent(signal.language(), language -> new HashMap<>())
                    .computeIfAbsent(key, k -> new ArrayList<>()).add(signal);
            longest = Math.max(longest, key.length());
        }
        this.longestKey = longest;
        this.version = Hashes.sha256(RULES_VERSION + "\n" + morphology.name() + "\n" + minScore + "\n"
                + FIELD_WEIGHTS + "\n" + signalsFile.read()).substring(0, 16);
    }

    /**
     * Identifies the signals, rules and analyser: a document inferred under another version is inferred
     * again (stored records are re-mapped as when their mapping file changes).
     */
    public String version() {
        return version;
    }

    /** Which analyser the stage uses ({@code voikko} or {@code stemming}). */
    public String analyser() {
        return morphology.name();
    }

    /** Writes {@code inferredNeeds} into a service document (removing a stale one); returns what was inferred. */
    public List<InferredNeed> annotate(ObjectNode service, ObjectMapper json) {
        return annotate(service, json, Map.of());
    }

    /**
     * Writes {@code inferredNeeds} into a service document (removing a stale one), honouring coordinators'
     * decisions on this record (by need code); returns what was written.
     */
    public List<InferredNeed> annotate(ObjectNode service, ObjectMapper json, Map<String, NeedDecision> decisions) {
        service.remove("inferredNeeds");
        List<InferredNeed> inferred = infer(service, decisions);
        if (!inferred.isEmpty()) {
            ArrayNode array = service.putArray("inferredNeeds");
            inferred.forEach(need -> array.add(json.valueToTree(need)));
        }
        return inferred;
    }

    /** The needs the service's words signal and its source did not give, highest score first. */
    public List<InferredNeed> infer(JsonNode service) {
        return infer(service, Map.of());
    }

    /**
     * As {@link #infer(JsonNode)}, with coordinators' decisions: a rejected need is left out whatever its
     * score; a confirmed one is kept (marked confirmed) at any score, with the evidence it was confirmed on
     * when its words are gone, unless the source now gives it itself.
     */
    public List<InferredNeed> infer(JsonNode service, Map<String, NeedDecision> decisions) {
        Set<String> given = new HashSet<>();
        service.path("needs").forEach(code -> given.add(code.asText()));
        Map<String, Map<String, Evidence>> evidenceByNeed = new LinkedHashMap<>();
        for (Map.Entry<String, Double> field : FIELD_WEIGHTS.entrySet()) {
            for (String language : List.of("fi", "sv")) {
                for (String text : texts(service, field.getKey(), language)) {
                    findSignals(text, field.getKey(), language, field.getValue(), given, evidenceByNeed);
                }
            }
        }
        List<InferredNeed> result = new ArrayList<>();
        for (Map.Entry<String, Map<String, Evidence>> entry : evidenceByNeed.entrySet()) {
            List<Evidence> evidence = new ArrayList<>(entry.getValue().values());
            evidence.sort(Comparator.comparingDouble(Evidence::weight).reversed());
            // Only the strongest evidence of each field counts: a description repeating a word is not two proofs.
            Map<String, Double> strongestPerField = new LinkedHashMap<>();
            for (Evidence item : evidence) {
                strongestPerField.merge(item.field(), item.weight(), Math::max);
            }
            double miss = 1;
            for (double weight : strongestPerField.values()) {
                miss *= 1 - weight;
            }
            double score = Math.round((1 - miss) * 1000) / 1000.0;
            NeedDecision decision = decisions.get(entry.getKey());
            if (decision != null && decision.rejects()) {
                continue;
            }
            if (decision != null && decision.confirms()) {
                result.add(new InferredNeed(entry.getKey(), score, List.copyOf(evidence), true));
            } else if (score >= minScore) {
                result.add(new InferredNeed(entry.getKey(), score, List.copyOf(evidence)));
            }
        }
        for (NeedDecision decision : decisions.values()) {
            if (decision.confirms() && !given.contains(decision.need()) && !evidenceByNeed.containsKey(decision.need())) {
                result.add(decision.asDecided().asConfirmed());
            }
        }
        result.sort(Comparator.comparingDouble(InferredNeed::score).reversed().thenComparing(InferredNeed::need));
        return List.copyOf(result);
    }

    private void findSignals(String text, String field, String language, double weight, Set<String> given,
            Map<String, Map<String, Evidence>> evidenceByNeed) {
        List<String> tokens = Morphology.tokens(text);
        List<Word> words = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            words.add(morphology.analyse(token, language));
        }
        List<Match> matches = new ArrayList<>();
        for (int start = 0; start < words.size(); start++) {
            for (Signal signal : candidates(words.get(start), language)) {
                if (matchesAt(signal, words, start)) {
                    matches.add(new Match(start, start + signal.words().size(), signal));
                }
            }
        }
        for (Match match : matches) {
            if (given.contains(match.signal().need()) || outweighed(match, matches)) {
                continue;
            }
            Signal signal = match.signal();
            String matched = String.join(" ", tokens.subList(match.start(), match.end()));
            evidenceByNeed.computeIfAbsent(signal.need(), need -> new LinkedHashMap<>())
                    .putIfAbsent(field + "/" + language + "/" + signal.phrase(), new Evidence(field, language,
                            matched, signal.phrase(), "signal-phrase", weight * signal.weight()));
        }
    }

    /**
     * Whether a longer signal of another need covers the same words: the more specific reading wins
     * ({@code näkövammaisten} is näkövamma, not disability in general; {@code väkivalta parisuhteessa} is
     * domestic violence, not violence and crises).
     */
    private static boolean outweighed(Match match, List<Match> matches) {
        for (Match other : matches) {
            if (other.start() <= match.start() && other.end() >= match.end()
                    && other.signal().length() > match.signal().length()
                    && !other.signal().need().equals(match.signal().need())) {
                return true;
            }
        }
        return false;
    }

    /** A signal found in a text, over words {@code start} (inclusive) to {@code end} (exclusive). */
    private record Match(int start, int end, Signal signal) {
    }

    private boolean matchesAt(Signal signal, List<Word> words, int start) {
        List<SignalWord> signalWords = signal.words();
        if (start + signalWords.size() > words.size()) {
            return false;
        }
        for (int i = 0; i < signalWords.size(); i++) {
            SignalWord signalWord = signalWords.get(i);
            if (!morphology.matches(words.get(start + i), signalWord.baseForm(), signalWord.withinCompounds(),
                    signal.language())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The signals whose first word might be this word: those filed under any substring of the word or of
     * its lemmas and compound parts (a compound holds its parts anywhere). The morphology then decides.
     */
    private List<Signal> candidates(Word word, String language) {
        Map<String, List<Signal>> byKey = signalsByKey.getOrDefault(language, Map.of());
        return candidatesByWord.computeIfAbsent(language + ":" + word.surface(), k -> {
            Set<Signal> found = new LinkedHashSet<>();
            Set<String> forms = new LinkedHashSet<>();
            forms.add(word.surface());
            forms.addAll(word.lemmas());
            forms.addAll(word.parts());
            for (String form : forms) {
                for (int from = 0; from < form.length(); from++) {
                    for (int to = from + MIN_KEY; to <= Math.min(form.length(), from + longestKey); to++) {
                        List<Signal> filed = byKey.get(form.substring(from, to));
                        if (filed != null) {
                            found.addAll(filed);
                        }
                    }
                }
            }
            return List.copyOf(found);
        });
    }

    /** The key a signal is filed under: the stem of its first word, so inflected and compound forms find it. */
    private static String key(String baseForm, String language) {
        String stem = new fi.tarjotin.language.StemmingMorphology().stem(baseForm, language);
        return stem.length() < MIN_KEY ? baseForm : stem;
    }

    private static List<String> texts(JsonNode service, String field, String language) {
        JsonNode value = service.path(field);
        if ("description".equals(field) && service.path("descriptionText").has(language)) {
            value = service.path("descriptionText");
        }
        JsonNode text = value.path(language);
        List<String> texts = new ArrayList<>();
        if (text.isArray()) {
            text.forEach(item -> texts.add(item.asText()));
        } else if (text.isTextual()) {
            texts.add(TAG.matcher(text.asText()).replaceAll(" "));
        }
        return texts;
    }

    private static Map<String, Double> fieldWeights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("name", 0.8);
        weights.put("alternateName", 0.7);
        weights.put("keywords", 0.7);
        weights.put("summary", 0.6);
        weights.put("description", 0.5);
        weights.put("conditions", 0.5);
        return java.util.Collections.unmodifiableMap(weights);
    }
}
