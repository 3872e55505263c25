package fi.tarjotin.reminder;

import java.net.URI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Renders a reminder's subject and body from the texts, the maintainer's records and the answer links. */
@Component
class ReminderMessages {

    private final ReminderTexts texts;
    private final ReminderProperties properties;

    ReminderMessages(ReminderTexts texts, ReminderProperties properties) {
        this.texts = texts;
        this.properties = properties;
    }

    record Rendered(String subject, String body, String optOutUrl) {
    }

    /** The three links of one reminder (tokens already issued). */
    record Links(String confirmToken, String changesToken, String optOutToken, LocalDate validUntil) {
    }

    Rendered render(String language, String round, String period, List<RemindedRecord> records, Links links) {
        Map<String, String> values = new HashMap<>(contact());
        values.put("period", period);
        values.put("count", Integer.toString(records.size()));
        values.put("records", records(language, records));
        values.put("confirmUrl", answerUrl("confirm", links.confirmToken()));
        values.put("changesUrl", answerUrl("changes", links.changesToken()));
        values.put("optOutUrl", answerUrl("opt-out", links.optOutToken()));
        values.put("validUntil", texts.date(language, links.validUntil()));
        String body = texts.mail(language, values);
        if ("second".equals(round)) {
            body = texts.text(language, "second.intro") + "\n\n" + body;
        }
        return new Rendered(texts.text(language, "subject." + round, values), body, values.get("optOutUrl"));
    }

    /**
     * Each record: its number, name and kind, then one line per source saying where to change it; a blank
     * line between records.
     */
    String records(String language, List<RemindedRecord> records) {
        StringBuilder text = new StringBuilder();
        int number = 1;
        for (RemindedRecord record : records) {
            if (number > 1) {
                text.append('\n');
            }
            text.append(texts.text(language, "record.line", Map.of("number", Integer.toString(number++),
                    "name", record.name(language), "kind", texts.text(language, "kind." + record.kind()))))
                    .append('\n');
            for (RemindedRecord.Source source : record.sources()) {
                text.append(texts.text(language, "record.source", Map.of("source", sourceName(language, source),
                        "where", where(language, source)))).append('\n');
            }
        }
        return text.toString();
    }

    String sourceName(String language, RemindedRecord.Source source) {
        String key = source.source().startsWith("spreadsheet-") ? "spreadsheet" : source.source();
        return texts.text(language, "source." + key);
    }

    String where(String language, RemindedRecord.Source source) {
        return source.editAt() != null ? source.editAt() : texts.text(language, "edit.coordinator", contact());
    }

    Map<String, String> contact() {
        return Map.of("coordinatorName", properties.coordinatorContact().name(),
                "coordinatorEmail", properties.coordinatorContact().email());
    }

    private String answerUrl(String action, String token) {
        URI base = properties.publicBaseUrl();
        return UriComponentsBuilder.fromUri(base).path("/reminders/" + action).queryParam("token", token)
                .build().toUriString();
    }
}
