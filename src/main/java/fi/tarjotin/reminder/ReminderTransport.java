package fi.tarjotin.reminder;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers a rendered reminder: to the SMTP server through camel-mail when {@code tarjotin.reminders.smtp.host}
 * is set, otherwise as an {@code .eml} file in the outbox folder, so a coordinator on the embedded default
 * can read exactly what would be sent. The message is built here with its stored Message-ID, which
 * JavaMail would otherwise replace with a new one at every send.
 */
@Component
class ReminderTransport {

    private final ReminderProperties properties;
    private final ProducerTemplate camel;
    private final Session session = Session.getInstance(new Properties());

    ReminderTransport(ReminderProperties properties, ProducerTemplate camel) {
        this.properties = properties;
        this.camel = camel;
    }

    /** A stored reminder as it goes out; {@code date} is when it was first made, so every copy is identical. */
    record Outgoing(String email, String messageId, String subject, String body, String optOutUrl, Date date) {
    }

    /** Sends, or throws what the server or the address said (classified by {@link ReminderSender}). */
    void deliver(Outgoing outgoing) throws MessagingException, IOException {
        MimeMessage message = message(outgoing);
        if (properties.smtp().configured()) {
            Exchange result = camel.send(smtpUri(), exchange -> exchange.getIn().setBody(message));
            if (result.getException() != null) {
                throw new MessagingException("SMTP send failed", result.getException());
            }
        } else {
            writeToOutbox(message, outgoing.messageId());
        }
    }

    private MimeMessage message(Outgoing outgoing) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, outgoing.messageId());
        message.setFrom(new InternetAddress(properties.from(), true));
        // Strict parsing: an address that is not one fails here, as a permanent failure.
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(outgoing.email(), true));
        message.setSubject(outgoing.subject(), "UTF-8");
        message.setText(outgoing.body(), "UTF-8");
        message.setSentDate(outgoing.date());
        // Out-of-office and other automatic replies are not sent to automatic mail (RFC 3834).
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("List-Unsubscribe", "<" + outgoing.optOutUrl() + ">");
        // RFC 8058 one-click: mail programs POST "List-Unsubscribe=One-Click" to that address, which is the
        // same signed, single-use opt-out the page's form makes (ReminderAnswerController).
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.saveChanges();
        return message;
    }

    private String smtpUri() {
        ReminderProperties.Smtp smtp = properties.smtp();
        StringBuilder uri = new StringBuilder("smtp://").append(smtp.host()).append(':').append(smtp.port())
                .append("?connectionTimeout=").append(smtp.timeout().toMillis());
        if (smtp.username() != null && !smtp.username().isBlank()) {
            uri.append("&username=").append(URLEncoder.encode(smtp.username(), StandardCharsets.UTF_8))
                    .append("&password=RAW(").append(smtp.password()).append(')');
        }
        return uri.toString();
    }

    /** Written under a temporary name and moved, so a reader never sees half a file; a resend overwrites it. */
    private void writeToOutbox(MimeMessage message, String messageId) throws IOException, MessagingException {
        Files.createDirectories(properties.outbox());
        String name = messageId.replaceAll("[^A-Za-z0-9@._-]", "") + ".eml";
        Path partial = properties.outbox().resolve(name + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, properties.outbox().resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException | RuntimeException e) {
            // A full disk or a failed move leaves no half-written file behind; the send is retried later.
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Keeps the Message-ID it was given: JavaMail's saveChanges() would make a new one. */
    private static final class StableIdMessage extends MimeMessage {

        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
