package fi.tarjotin.needs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.language.Morphology;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.InferredNeed;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.MappingFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the inference stage over the hand-labelled set in {@code src/test/resources/needs/} and counts, per
 * need and overall, what it found. A PTV record's source needs are what its mapping's crosswalks give
 * for its target groups and ontology terms (as in production); the inference then adds the rest.
 */
final class NeedInferenceEvaluation {

    static final Path SET = Path.of("src/test/resources/needs/evaluation-set.tsv");
    private static final MappingFiles MAPPINGS = new MappingFiles(Path.of("mappings"));

    /** True and false positives and false negatives of one need, or of all. */
    static final class Counts {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    /** Overall counts of all needs (source and inferred), of the inferred ones only, per need, and the misses. */
    record Result(Counts all, Counts inferredOnly, Map<String, Counts> perNeed, List<String> mistakes,
            long nanos, int records) {

        String report(String analyser) {
            StringBuilder out = new StringBuilder();
            out.append(String.format("analyser %s: %d records, %.1f ms per 1,000 records%n", analyser, records,
                    nanos / 1e6 / records * 1000));
            out.append(String.format("all needs (source + inferred): precision %.3f recall %.3f (tp %d fp %d fn %d)%n",
                    all.precision(), all.recall(), all.truePositives, all.falsePositives, all.falseNegatives));
            out.append(String.format("inferred needs only: precision %.3f (tp %d fp %d)%n", inferredOnly.precision(),
                    inferredOnly.truePositives, inferredOnly.falsePositives));
            out.append("need                                   precision recall  tp  fp  fn\n");
            perNeed.forEach((need, counts) -> out.append(String.format("%-38s %9.2f %6.2f %3d %3d %3d%n", need,
                    counts.precision(), counts.recall(), counts.truePositives, counts.falsePositives,
                    counts.falseNegatives)));
            mistakes.forEach(line -> out.append(line).append('\n'));
            return out.toString();
        }
    }

    private NeedInferenceEvaluation() {
    }

    /** The stage as the application builds it, with the default minimum score. */
    static NeedInference inference(Morphology morphology) {
        return new NeedInference(MAPPINGS, new Taxonomies(MAPPINGS), morphology, 0.5);
    }

    static Result run(NeedInference inference) throws IOException {
        Taxonomies taxonomies = new Taxonomies(MAPPINGS);
        Crosswalks crosswalks = new Crosswalks(MAPPINGS, taxonomies);
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(SET, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        Counts all = new Counts();
        Counts inferredOnly = new Counts();
        Map<String, Counts> perNeed = new TreeMap<>();
        List<String> mistakes = new ArrayList<>();
        long nanos = 0;
        int records = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells[i]);
            }
            String language = row.get("id").contains("-sv-") ? "sv" : "fi";
            ObjectNode document = json.createObjectNode();
            document.putObject("name").put(language, row.get("name"));
            document.putObject("description").put(language, row.get("text"));
            if (!row.get("keywords").isEmpty()) {
                document.putObject("keywords").putArray(language).addAll(list(row.get("keywords")).stream()
                        .map(json.getNodeFactory()::textNode).toList());
            }
            Set<String> source = new LinkedHashSet<>();
            if ("ptv".equals(row.get("source"))) {
                source.addAll(crosswalks.translate("ptv/target-group-needs", list(row.get("target_groups"))));
                source.addAll(crosswalks.translate("ptv/ontology-term-needs", list(row.get("ontology_terms"))));
            }
            document.putArray("needs").addAll(source.stream().map(json.getNodeFactory()::textNode).toList());
            long start = System.nanoTime();
            List<InferredNeed> inferred = inference.infer(document);
            nanos += System.nanoTime() - start;
            records++;
            Set<String> expected = new LinkedHashSet<>(list(row.get("needs")));
            Set<String> found = new LinkedHashSet<>(source);
            for (InferredNeed need : inferred) {
                found.add(need.need());
                if (expected.contains(need.need())) {
                    inferredOnly.truePositives++;
                } else {
                    inferredOnly.falsePositives++;
                    mistakes.add("FP " + row.get("id") + " " + need.need() + " " + need.score() + " "
                            + need.evidence().stream().map(e -> e.field() + ":" + e.words() + "~" + e.signal()).toList());
                }
            }
            for (String need : found) {
                Counts counts = perNeed.computeIfAbsent(need, n -> new Counts());
                if (expected.contains(need)) {
                    all.truePositives++;
                    counts.truePositives++;
                } else {
                    all.falsePositives++;
                    counts.falsePositives++;
                    if (source.contains(need)) {
                        mistakes.add("FP " + row.get("id") + " " + need + " (source crosswalk)");
                    }
                }
            }
            for (String need : expected) {
                if (!found.contains(need)) {
                    all.falseNegatives++;
                    perNeed.computeIfAbsent(need, n -> new Counts()).falseNegatives++;
                    mistakes.add("FN " + row.get("id") + " " + need + " in: " + row.get("name") + " | " + row.get("text"));
                }
            }
        }
        return new Result(all, inferredOnly, perNeed, mistakes, nanos, records);
    }

    private static List<String> list(String cell) {
        return cell.isBlank() ? List.of() : Arrays.stream(cell.split(";")).map(String::trim).toList();
    }
}
