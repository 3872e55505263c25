package fi.tarjotin.source;

import fi.tarjotin.system.InvalidConfigurationException;
import java.net.URI;
import org.quartz.CronExpression;

/** Checks of configuration values every source has; a bad value stops start-up naming its property. */
public final class SourceSettings {

    private SourceSettings() {
    }

    /** An absolute http(s) URL with a host. */
    public static URI requireHttpUrl(String property, URI url) {
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new InvalidConfigurationException(property, "must be an http(s) URL, is '" + url + "'");
        }
        return url;
    }

    /** A Quartz cron expression. */
    public static String requireCron(String property, String cron) {
        if (cron == null || !CronExpression.isValidExpression(cron)) {
            throw new InvalidConfigurationException(property, "is '" + cron
                    + "', not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week)");
        }
        return cron;
    }
}
