package fi.tarjotin.source.toimeksi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fi.tarjotin.source.http.SourceResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a WordPress REST answer as the JSON array every listing and term lookup is. A site in maintenance
 * mode or behind a login wall answers 200 with an HTML page: that is told by its content type or its body
 * and reported with the reason, never read as an empty listing.
 */
final class WordPressAnswers {

    private static final int REJECTED_BODY_CHARS = 100_000;

    private final ObjectMapper json;

    WordPressAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** The answer's JSON array; an {@link UnreadableAnswerException} says why there is none. */
    ArrayNode array(SourceResponse response) throws UnreadableAnswerException {
        String mediaType = response.mediaType();
        if (!mediaType.isEmpty() && !isJson(mediaType)) {
            throw new UnreadableAnswerException("answered " + mediaType + " instead of JSON");
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new UnreadableAnswerException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableAnswerException("unreadable body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new UnreadableAnswerException("answered an empty body instead of JSON");
        }
        if (!root.isArray()) {
            throw new UnreadableAnswerException("answered a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " where WordPress sends an array");
        }
        return (ArrayNode) root;
    }

    /** The body as kept with a rejected page, cut at 100,000 characters. */
    static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= REJECTED_BODY_CHARS ? text : text.substring(0, REJECTED_BODY_CHARS);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** An answer that is not the JSON array WordPress lists are; the message is the reason. */
    static final class UnreadableAnswerException extends IOException {

        UnreadableAnswerException(String reason) {
            super(reason);
        }
    }
}
