package fi.tarjotin.reminder;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The pages maintainers reach from a reminder: {@code /reminders/confirm}, {@code /reminders/changes} and
 * {@code /reminders/opt-out}. Public (SecurityConfiguration lets everything outside /admin through).
 *
 * <p>A GET only shows a small page with a form: mail link scanners fetch every URL, so nothing may change
 * on a GET. The form's POST carries the signed, single-use token, which is the request's protection:
 * the service keeps no session or cookie (CSRF protection is off for the whole stateless API), and a
 * forged POST would need the token from the maintainer's mail. Pages are plain HTML without scripts or
 * outside assets, in the reminder's language, every value escaped; ApiWebConfiguration marks them
 * {@code no-store}, and no referrer leaves them, since the address holds the token.
 */
@RestController
@RequestMapping("/reminders")
class ReminderAnswerController {

    private static final Map<String, String> DONE = Map.of("confirm", "confirm.done", "changes", "changes.done",
            "opt-out", "opt-out.done");
    private static final String ACTIONS = "{action:confirm|changes|opt-out}";

    private final ReminderAnswers answers;
    private final ReminderTexts texts;
    private final ReminderMessages messages;

    ReminderAnswerController(ReminderAnswers answers, ReminderTexts texts, ReminderMessages messages) {
        this.answers = answers;
        this.texts = texts;
        this.messages = messages;
    }

    @GetMapping("/" + ACTIONS)
    ResponseEntity<String> page(@PathVariable String action, @RequestParam(required = false) String token) {
        ReminderAnswers.Reminder reminder = answers.look(token, action);
        String language = reminder.language();
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(escape(texts.text(language, action + ".lead"))).append("</p>\n");
        records(body, reminder);
        body.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(escape(token)).append("\">\n");
        if ("changes".equals(action)) {
            body.append("<p><label for=\"message\">").append(escape(texts.text(language, "changes.message")))
                    .append("</label><br>\n<textarea id=\"message\" name=\"message\" rows=\"8\" cols=\"60\" maxlength=\"4000\">")
                    .append("</textarea></p>\n");
        }
        body.append("<p><button type=\"submit\">").append(escape(texts.text(language, action + ".button")))
                .append("</button></p>\n</form>\n");
        return html(HttpStatus.OK, language, body.toString());
    }

    // RFC 8058 lets a mail program send the one-click opt-out as multipart/form-data too; the token is in the
    // address either way (the List-Unsubscribe URL), so both forms reach the same answer.
    @PostMapping(path = "/" + ACTIONS, consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    ResponseEntity<String> answer(@PathVariable String action, @RequestParam(required = false) String token,
            @RequestParam(required = false) String message) {
        ReminderAnswers.Reminder reminder = answers.answer(token, action, "changes".equals(action) ? message : null);
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(escape(texts.text(reminder.language(), DONE.get(action)))).append("</p>\n");
        if (!"opt-out".equals(action)) {
            records(body, reminder);
        }
        return html(HttpStatus.OK, reminder.language(), body.toString());
    }

    /**
     * A refused link, in both languages, since a link that is not ours says nothing trustworthy about whose
     * it is: 400 malformed, 403 not signed here, 410 expired or already used.
     */
    @ExceptionHandler(ReminderTokens.RefusedException.class)
    ResponseEntity<String> refused(ReminderTokens.RefusedException refused) {
        StringBuilder body = new StringBuilder();
        for (String language : ReminderTexts.LANGUAGES) {
            body.append("<p lang=\"").append(language).append("\">")
                    .append(escape(texts.text(language, "error." + refused.reason()))).append("<br>\n")
                    .append(escape(texts.text(language, "error.contact", messages.contact()))).append("</p>\n");
        }
        return html(refused.status(), "fi", body.toString());
    }

    private void records(StringBuilder body, ReminderAnswers.Reminder reminder) {
        body.append("<p>").append(escape(texts.text(reminder.language(), "page.records"))).append("</p>\n<ul>\n");
        for (ReminderAnswers.Listed record : reminder.records()) {
            body.append("<li>").append(escape(record.name())).append(" (")
                    .append(escape(texts.text(reminder.language(), "kind." + record.kind()))).append(")</li>\n");
        }
        body.append("</ul>\n");
    }

    private ResponseEntity<String> html(HttpStatus status, String language, String body) {
        String title = escape(texts.text(language, "page.title"));
        String page = "<!DOCTYPE html>\n<html lang=\"" + language + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n<title>" + title + "</title>\n</head>\n<body>\n<h1>"
                + title + "</h1>\n" + body + "</body>\n</html>\n";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Referrer-Policy", "no-referrer").body(page);
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
