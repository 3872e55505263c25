package fi.tarjotin.source.ptv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.http.ResilientHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Reads a paged PTV listing to its end. The page count comes from the first page and bounds the loop, so
 * a server that keeps reporting more pages cannot keep a run going forever. A later page that cannot be
 * read is reported to the sink (the run goes on but is no longer complete); an unreadable first page
 * fails the run, because without it nothing is known about the listing.
 */
final class PtvPages {

    private static final int REJECTED_BODY_CHARS = 100_000;

    private final ResilientHttpClient http;
    private final ObjectMapper json;
    private final Map<String, String> headers;

    PtvPages(ResilientHttpClient http, ObjectMapper json, Map<String, String> headers) {
        this.http = http;
        this.json = json;
        this.headers = headers;
    }

    /** Handles the items of one page. */
    interface PageHandler {
        void handle(URI location, JsonNode items) throws IOException, InterruptedException;
    }

    /**
     * @param itemsField where the page keeps its items ({@code items} in v12, {@code itemList} in v11)
     * @param pageCountField where it says how many pages there are ({@code totalPages}, {@code pageCount})
     */
    void readAll(IntFunction<URI> pageUri, String itemsField, String pageCountField, ImportSink sink,
            PageHandler handler) throws IOException, InterruptedException {
        int pageCount = -1;
        for (int page = 1; pageCount < 0 || page <= pageCount; page++) {
            URI uri = pageUri.apply(page);
            byte[] body = http.get(uri, headers);
            JsonNode root;
            String problem;
            try {
                root = json.readTree(body);
                problem = envelopeProblem(root, itemsField, pageCountField);
            } catch (JsonProcessingException e) {
                root = null;
                problem = "malformed JSON: " + e.getOriginalMessage();
            }
            if (problem != null) {
                if (pageCount < 0) {
                    throw new IOException("first page of " + uri + " cannot be read: " + problem);
                }
                sink.unreadablePage(uri.toString(), problem, text(body));
                continue;
            }
            if (pageCount < 0) {
                pageCount = root.get(pageCountField).asInt();
                sink.pagesPlanned(Math.max(1, pageCount));
            }
            JsonNode items = root.get(itemsField);
            handler.handle(uri, items.isArray() ? items : json.createArrayNode());
        }
    }

    /** GETs a JSON document; null if it is malformed (reported to the sink as an unreadable page). */
    JsonNode readDocument(URI uri, ImportSink sink) throws IOException, InterruptedException {
        byte[] body = http.get(uri, headers);
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            sink.unreadablePage(uri.toString(), "malformed JSON: " + e.getOriginalMessage(), text(body));
            return null;
        }
    }

    private static String envelopeProblem(JsonNode root, String itemsField, String pageCountField) {
        if (root == null || !root.isObject()) {
            return "not a JSON object";
        }
        // v11 sends "itemList": null for an empty listing.
        if (!root.path(itemsField).isArray() && !root.path(itemsField).isNull()) {
            return "no '" + itemsField + "' array";
        }
        if (!root.path(pageCountField).canConvertToInt() || root.path(pageCountField).asInt() < 0) {
            return "no '" + pageCountField + "' number";
        }
        return null;
    }

    static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= REJECTED_BODY_CHARS ? text : text.substring(0, REJECTED_BODY_CHARS);
    }
}
