package fi.tarjotin.reminder;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The texts of mails and answer pages in Finnish and Swedish, from {@code src/main/resources/reminder/}
 * (files a coordinator can read and edit; see the README there). {@code {{name}}} placeholders are filled in.
 */
@Component
class ReminderTexts {

    static final List<String> LANGUAGES = List.of("fi", "sv");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private final Map<String, Properties> texts;
    private final Map<String, String> mails;

    ReminderTexts() {
        texts = Map.of("fi", properties("fi"), "sv", properties("sv"));
        mails = Map.of("fi", resource("mail-fi.txt"), "sv", resource("mail-sv.txt"));
    }

    String text(String language, String key, Map<String, String> values) {
        String text = texts.get(language).getProperty(key);
        if (text == null) {
            throw new IllegalStateException("reminder/texts-" + language + ".properties has no " + key);
        }
        return fill(text, values);
    }

    String text(String language, String key) {
        return text(language, key, Map.of());
    }

    String mail(String language, Map<String, String> values) {
        return fill(mails.get(language), values);
    }

    String date(String language, LocalDate date) {
        return DateTimeFormatter.ofPattern(text(language, "date.format")).format(date);
    }

    /** A placeholder without a value is an error: a typo in a template must not reach maintainers. */
    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + matcher.group(1) + "}} in a reminder text");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(filled).toString();
    }

    private static Properties properties(String language) {
        Properties properties = new Properties();
        try (InputStream in = open("texts-" + language + ".properties")) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = ReminderTexts.class.getResourceAsStream("/reminder/" + name);
        if (in == null) {
            throw new IllegalStateException("missing resource reminder/" + name);
        }
        return in;
    }
}
