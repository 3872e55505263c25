package fi.tarjotin.source.ptv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.http.Prefetch;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.source.http.SourceHttpException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * Reads paged PTV listings to their end. The page count comes from the first page and bounds the loop, so
 * a server that keeps reporting more pages cannot keep a run going forever. A later page that cannot be
 * read is reported to the sink (the run goes on but is no longer complete); an unreadable first page
 * fails the run, because without it nothing is known about the listing.
 *
 * <p>While one page is parsed and handed over, the next request (the next page, or the next listing's
 * first page) is already on its way, so the source's latency and the import's work overlap.
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

    /** Handles one whole document. */
    interface DocumentHandler {
        void handle(URI location, JsonNode document) throws IOException, InterruptedException;
    }

    void readAll(IntFunction<URI> pageUri, String itemsField, String pageCountField, ImportSink sink,
            PageHandler handler) throws IOException, InterruptedException {
        readAll(List.of(pageUri), itemsField, pageCountField, sink, handler);
    }

    /**
     * Reads every page of each listing in turn.
     *
     * @param itemsField where a page keeps its items ({@code items} in v12, {@code itemList} in v11)
     * @param pageCountField where it says how many pages there are ({@code totalPages}, {@code pageCount})
     */
    void readAll(List<IntFunction<URI>> listings, String itemsField, String pageCountField, ImportSink sink,
            PageHandler handler) throws IOException, InterruptedException {
        if (listings.isEmpty()) {
            return;
        }
        Executor prefetch = http.requestsAhead();
        CompletableFuture<byte[]> next = get(prefetch, listings.get(0).apply(1));
        for (int listing = 0; listing < listings.size(); listing++) {
            IntFunction<URI> pageUri = listings.get(listing);
            int pageCount = -1;
            for (int page = 1; pageCount < 0 || page <= pageCount; page++) {
                URI uri = pageUri.apply(page);
                byte[] body = Prefetch.await(next);
                JsonNode root = null;
                String problem;
                try {
                    root = json.readTree(body);
                    problem = envelopeProblem(root, itemsField, pageCountField);
                } catch (JsonProcessingException e) {
                    problem = "malformed JSON: " + e.getOriginalMessage();
                }
                if (problem != null && pageCount < 0) {
                    throw new IOException("first page of " + uri + " cannot be read: " + problem);
                }
                if (pageCount < 0) {
                    pageCount = root.get(pageCountField).asInt();
                    sink.pagesPlanned(Math.max(1, pageCount));
                }
                next = page < pageCount ? get(prefetch, pageUri.apply(page + 1))
                        : listing + 1 < listings.size() ? get(prefetch, listings.get(listing + 1).apply(1)) : null;
                if (problem != null) {
                    sink.unreadablePage(uri.toString(), problem, text(body));
                    continue;
                }
                JsonNode items = root.get(itemsField);
                handler.handle(uri, items.isArray() ? items : json.createArrayNode());
            }
        }
    }

    /**
     * GETs each document in turn, the next one while the previous is handled. A malformed one is reported
     * to the sink as an unreadable page and skipped; one the source does not have (404) is skipped.
     */
    void readEach(List<URI> documents, ImportSink sink, DocumentHandler handler) throws IOException, InterruptedException {
        if (documents.isEmpty()) {
            return;
        }
        Executor prefetch = http.requestsAhead();
        CompletableFuture<byte[]> next = getUnlessMissing(prefetch, documents.get(0));
        for (int i = 0; i < documents.size(); i++) {
            byte[] body = Prefetch.await(next);
            next = i + 1 < documents.size() ? getUnlessMissing(prefetch, documents.get(i + 1)) : null;
            if (body == null) {
                continue;
            }
            JsonNode document;
            try {
                document = json.readTree(body);
            } catch (JsonProcessingException e) {
                sink.unreadablePage(documents.get(i).toString(), "malformed JSON: " + e.getOriginalMessage(),
                        text(body));
                continue;
            }
            handler.handle(documents.get(i), document);
        }
    }

    private CompletableFuture<byte[]> get(Executor prefetch, URI uri) {
        return fetch(prefetch, uri, false);
    }

    /** Like {@link #get}, but a 404 gives null: a record pointed to but not (or no longer) published. */
    private CompletableFuture<byte[]> getUnlessMissing(Executor prefetch, URI uri) {
        return fetch(prefetch, uri, true);
    }

    private CompletableFuture<byte[]> fetch(Executor prefetch, URI uri, boolean missingIsNull) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return http.get(uri, headers);
            } catch (SourceHttpException e) {
                if (missingIsNull && e.status() == 404) {
                    return null;
                }
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, prefetch);
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
