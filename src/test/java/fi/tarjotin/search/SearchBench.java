package fi.tarjotin.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.language.Morphology;
import fi.tarjotin.language.StemmingMorphology;
import fi.tarjotin.language.VoikkoMorphology;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.needs.NeedInference;
import fi.tarjotin.system.MappingFiles;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The in-process part of bench/search/run-search-bench.sh (not a test): over a synthetic national PTV
 * snapshot's services, measures need inference (share of services with a need before and after, time per
 * 1,000 records) and search with a different word in every query (no cache): index build time, queries/s
 * on N threads, p50/p99. Usage: {@code SearchBench <v12/service.jsonl> <voikko|stemming> <threads> <seconds>}.
 */
public final class SearchBench {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        Path services = Path.of(args[0]);
        Morphology morphology = "voikko".equals(args[1]) ? new VoikkoMorphology() : new StemmingMorphology();
        int threads = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        ObjectMapper json = new ObjectMapper();
        MappingFiles mappings = new MappingFiles(Path.of("mappings"));
        Taxonomies taxonomies = new Taxonomies(mappings);
        Crosswalks crosswalks = new Crosswalks(mappings, taxonomies);
        NeedInference inference = new NeedInference(mappings, taxonomies, morphology, 0.5);

        List<SearchDocument> documents = new ArrayList<>();
        Set<String> words = new TreeSet<>();
        int withSourceNeed = 0;
        int withNeedAfter = 0;
        long inferNanos = 0;
        try (BufferedReader reader = Files.newBufferedReader(services, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode item = json.readTree(line);
                ObjectNode document = json.createObjectNode();
                Map<String, Map<String, String>> texts = new LinkedHashMap<>();
                for (String weight : List.of("A", "B", "C", "D")) {
                    texts.put(weight, new LinkedHashMap<>());
                }
                item.path("languageVersions").fields().forEachRemaining(version -> {
                    String language = version.getKey();
                    JsonNode value = version.getValue();
                    put(document, "name", language, value.path("name").asText(""));
                    put(document, "summary", language, value.path("summary").asText(""));
                    put(document, "description", language, TAG.matcher(value.path("description").asText("")).replaceAll(" "));
                    List<String> keywords = new ArrayList<>();
                    value.path("freelyAssignedKeywords").forEach(k -> keywords.add(k.asText()));
                    if (!keywords.isEmpty()) {
                        document.with("keywords").putArray(language).addAll(keywords.stream().map(json.getNodeFactory()::textNode).toList());
                    }
                    texts.get("A").put(language, value.path("name").asText(""));
                    texts.get("B").put(language, String.join(" ", keywords));
                    texts.get("C").put(language, value.path("summary").asText(""));
                    texts.get("D").put(language, document.path("description").path(language).asText(""));
                });
                List<String> targetGroups = strings(item.path("targetGroups"));
                List<String> ontologyTerms = strings(item.path("ontologyTerms"));
                Set<String> given = new LinkedHashSet<>(crosswalks.translate("ptv/target-group-needs", targetGroups));
                given.addAll(crosswalks.translate("ptv/ontology-term-needs", ontologyTerms));
                document.putArray("needs").addAll(given.stream().map(json.getNodeFactory()::textNode).toList());
                long start = System.nanoTime();
                int inferred = inference.infer(document).size();
                inferNanos += System.nanoTime() - start;
                withSourceNeed += given.isEmpty() ? 0 : 1;
                withNeedAfter += given.isEmpty() && inferred == 0 ? 0 : 1;
                String id = item.path("contentId").asText();
                documents.add(new SearchDocument(id, texts.get("A").getOrDefault("fi", "").toLowerCase(), texts));
                for (String name : texts.get("A").values()) {
                    for (String word : name.toLowerCase().split("[^\\p{L}]+")) {
                        if (word.length() >= 4) {
                            words.add(word);
                        }
                    }
                }
                for (String text : texts.get("D").values()) {
                    for (String word : text.toLowerCase().split("[^\\p{L}]+")) {
                        if (word.length() >= 4) {
                            words.add(word);
                        }
                    }
                }
            }
        }
        int n = documents.size();
        System.out.printf("analyser %s, %d services%n", morphology.name(), n);
        System.out.printf("needs: %d (%.1f %%) with a source need, %d (%.1f %%) with a need after inference; "
                + "inference %.0f ms per 1,000 records (first pass, empty caches)%n", withSourceNeed,
                100.0 * withSourceNeed / n, withNeedAfter, 100.0 * withNeedAfter / n, inferNanos / 1e6 / n * 1000);

        long buildStart = System.nanoTime();
        TextIndex<String> index = new TextIndex<>(morphology, id -> id);
        index.put(documents);
        index.refresh();
        System.out.printf("search index: %d services in %.1f s%n", index.size(), (System.nanoTime() - buildStart) / 1e9);

        List<String> queries = new ArrayList<>(words);
        Collections.shuffle(queries, new Random(20260601));
        System.out.printf("distinct query words: %d%n", queries.size());
        // Warm-up (JIT) on other words than the measured ones: the words with an ending added, as distinct as they.
        int measured = queries.size();
        for (String ending : List.of("a", "n", "ssa", "lle", "t")) {
            for (String word : queries) {
                index.search(List.of(word + ending));
            }
        }
        // Each word once (every query distinct, nothing cached), then the words again for the rest of the time.
        measure(index, queries, threads, 0, measured, Long.MAX_VALUE, "distinct-word search, each word once");
        measure(index, queries, threads, queries.size(), Integer.MAX_VALUE,
                System.nanoTime() + seconds * 1_000_000_000L, "search, the same words again (" + seconds + " s)");
        index.close();
    }

    /** Queries {@code from} to {@code to} (cycling over the words) on THREADS threads until done or the deadline. */
    private static void measure(TextIndex<String> index, List<String> queries, int threads, int from, int to,
            long deadline, String label) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(from);
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong cpuNanos = new AtomicLong();
        AtomicInteger hits = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long[] mine = new long[2_000_000];
                int count = 0;
                long cpuStart = cpu.getCurrentThreadCpuTime();
                int i;
                while (System.nanoTime() < deadline && count < mine.length && (i = next.getAndIncrement()) < to) {
                    String word = queries.get(i % queries.size());
                    long s = System.nanoTime();
                    int found = index.search(List.of(word)).size();
                    mine[count++] = System.nanoTime() - s;
                    if (found > 0) {
                        hits.incrementAndGet();
                    }
                }
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpuStart);
                latencies.add(Arrays.copyOf(mine, count));
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%s, %d threads: %d queries, %.0f queries/s, CPU %.3f ms per query, p50 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms, %.0f %% found something%n", label, threads, all.length, all.length / wall,
                cpuNanos.get() / 1e6 / all.length, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6, 100.0 * hits.get() / all.length);
    }

    private static void put(ObjectNode document, String field, String language, String text) {
        if (!text.isBlank()) {
            document.with(field).put(language, text);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.isTextual() ? value.asText() : value.path("uri").asText()));
        return values;
    }
}
