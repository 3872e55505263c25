package fi.tarjotin.entity;

import fi.tarjotin.dedup.MatchSettings;
import fi.tarjotin.system.InvalidConfigurationException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Entity resolution ({@code tarjotin.dedup.*}); application.yaml documents every value.
 *
 * @param enabled whether organisations and services of several records are merged at all
 * @param resolveOnStartup resolve once at start-up, so an edited survivorship file reaches the catalogue
 * @param matchProbability from this match probability up a pair is merged without asking
 * @param reviewProbability from this probability up to the match threshold a pair waits for a coordinator
 */
@ConfigurationProperties("tarjotin.dedup")
public record DedupProperties(boolean enabled, boolean resolveOnStartup, double matchProbability,
        double reviewProbability) {

    public DedupProperties {
        if (!(matchProbability > 0 && matchProbability < 1)) {
            throw new InvalidConfigurationException("tarjotin.dedup.match-probability", "must be between 0 and 1");
        }
        if (!(reviewProbability > 0 && reviewProbability <= matchProbability)) {
            throw new InvalidConfigurationException("tarjotin.dedup.review-probability",
                    "must be above 0 and at most tarjotin.dedup.match-probability");
        }
    }

    MatchSettings matchSettings() {
        return MatchSettings.defaults().withBands(matchProbability, reviewProbability);
    }
}
