package fi.tarjotin.language;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the morphology: {@code tarjotin.language.analyser} {@code auto} (Voikko where the native library
 * and its Finnish dictionary load, else stemming, with a warning), {@code voikko} (start-up fails without it)
 * or {@code stemming}.
 */
@Configuration(proxyBeanMethods = false)
class MorphologyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MorphologyConfiguration.class);

    @Bean
    Morphology morphology(@Value("${tarjotin.language.analyser}") String analyser) {
        return switch (analyser) {
            case "stemming" -> new StemmingMorphology();
            case "voikko" -> voikko();
            case "auto" -> {
                try {
                    yield voikko();
                } catch (RuntimeException | LinkageError e) {
                    log.warn("Voikko is not available ({}); Finnish words are stemmed instead of lemmatised. "
                            + "Install the Debian packages libvoikko1 and voikko-fi for better need inference "
                            + "and search.", e.toString());
                    yield new StemmingMorphology();
                }
            }
            default -> throw new IllegalStateException("tarjotin.language.analyser must be auto, voikko or stemming, not '"
                    + analyser + "'");
        };
    }

    private static Morphology voikko() {
        Morphology voikko = new VoikkoMorphology();
        log.info("Finnish morphology: Voikko");
        return voikko;
    }
}
