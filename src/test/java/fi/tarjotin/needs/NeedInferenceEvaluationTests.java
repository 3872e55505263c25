package fi.tarjotin.needs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.tarjotin.language.Morphology;
import fi.tarjotin.language.StemmingMorphology;
import fi.tarjotin.language.VoikkoMorphology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the needs after inference on the hand-labelled evaluation set, with each
 * analyser. The thresholds are the figures reported in the issue: a change that lowers either fails here.
 * The full per-need report is written to {@code target/needs-evaluation-<analyser>.txt}.
 */
class NeedInferenceEvaluationTests {

    @Test
    void withVoikkoPrecisionAndRecallStayAtTheReportedFigures() throws IOException {
        Morphology voikko;
        try {
            voikko = new VoikkoMorphology();
        } catch (RuntimeException | LinkageError e) {
            assumeTrue(false, "Voikko is not installed here: " + e);
            return;
        }
        NeedInferenceEvaluation.Result result = evaluate(voikko);
        // Without the PTV crosswalk rows KR1.4 and KR1.6 (issue 13) all needs are more precise (0.933 -> 0.942)
        // and inferred ones a little less (0.96 -> 0.958): what those rows gave, right or wrong, is inferred now.
        assertThat(result.all().precision()).isGreaterThanOrEqualTo(0.94);
        assertThat(result.all().recall()).isGreaterThanOrEqualTo(0.89);
        assertThat(result.inferredOnly().precision()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void withTheStemmingFallbackPrecisionAndRecallStayAtTheReportedFigures() throws IOException {
        NeedInferenceEvaluation.Result result = evaluate(new StemmingMorphology());
        assertThat(result.all().precision()).isGreaterThanOrEqualTo(0.92);
        assertThat(result.all().recall()).isGreaterThanOrEqualTo(0.80);
        assertThat(result.inferredOnly().precision()).isGreaterThanOrEqualTo(0.95);
    }

    private static NeedInferenceEvaluation.Result evaluate(Morphology morphology) throws IOException {
        NeedInference inference = NeedInferenceEvaluation.inference(morphology);
        NeedInferenceEvaluation.Result cold = NeedInferenceEvaluation.run(inference);
        // The same records again: the word caches are full, as in an import after its first pages.
        NeedInferenceEvaluation.Result result = NeedInferenceEvaluation.run(inference);
        String report = String.format("first pass (empty caches): %.1f ms per 1,000 records%n",
                cold.nanos() / 1e6 / cold.records() * 1000) + result.report(morphology.name());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/needs-evaluation-" + morphology.name() + ".txt"), report);
        System.out.println(report.lines().limit(4).reduce("", (a, b) -> a + b + "\n"));
        return result;
    }
}
