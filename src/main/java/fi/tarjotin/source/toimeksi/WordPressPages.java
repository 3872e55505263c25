package fi.tarjotin.source.toimeksi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.http.Prefetch;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.source.http.SourceHttpException;
import fi.tarjotin.source.http.SourceResponse;
import fi.tarjotin.source.toimeksi.WordPressAnswers.UnreadableAnswerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/**
 * Reads a WordPress REST listing page by page. The page count comes from the first page's
 * {@code X-WP-TotalPages} and bounds the loop; a first page that cannot be read, or has no such header,
 * fails the run, because nothing is known about the listing without it. A later page that cannot be read
 * is reported to the sink: the run goes on, but is no longer complete and retires nothing.
 *
 * <p>WordPress pages by offset. A record modified (it moves to the end of a listing ordered by
 * modification) or removed while the listing is read shifts the others, so one may be skipped: when
 * fewer distinct items arrive than {@code X-WP-Total} promised, the listing is reported incomplete too,
 * rather than letting a full run retire a record the site still has. An item met twice is handed over once.
 *
 * <p>While one page is handled, the next is already on its way.
 */
final class WordPressPages {

    static final String TOTAL_PAGES = "X-WP-TotalPages";
    static final String TOTAL_ITEMS = "X-WP-Total";

    private final ResilientHttpClient http;
    private final WordPressAnswers answers;
    private final int maxPages;

    WordPressPages(ResilientHttpClient http, WordPressAnswers answers, int maxPages) {
        this.http = http;
        this.answers = answers;
        this.maxPages = maxPages;
    }

    /** Handles the items of one page, repeats of earlier items left out. */
    interface PageHandler {
        void handle(URI location, List<JsonNode> items) throws IOException, InterruptedException;
    }

    void readAll(IntFunction<URI> pageUri, ImportSink sink, PageHandler handler)
            throws IOException, InterruptedException {
        new Listing(pageUri, sink, http.requestsAhead()).read(handler);
    }

    /** The state of reading one listing. */
    private final class Listing {

        private final IntFunction<URI> pageUri;
        private final ImportSink sink;
        private final Executor prefetch;
        private final Set<Long> ids = new HashSet<>();
        private int received;
        private int repeated;
        private boolean complete = true;

        Listing(IntFunction<URI> pageUri, ImportSink sink, Executor prefetch) {
            this.pageUri = pageUri;
            this.sink = sink;
            this.prefetch = prefetch;
        }

        void read(PageHandler handler) throws IOException, InterruptedException {
            URI firstUri = pageUri.apply(1);
            SourceResponse first = http.exchange(firstUri, Map.of());
            ArrayNode firstItems;
            try {
                firstItems = answers.array(first);
            } catch (UnreadableAnswerException e) {
                throw new IOException("first page of " + firstUri + " cannot be read: " + e.getMessage(), e);
            }
            int pages = Math.max(1, count(first, firstUri, TOTAL_PAGES));
            int promised = count(first, firstUri, TOTAL_ITEMS);
            if (pages > maxPages) {
                throw new IOException(firstUri + " reports " + TOTAL_PAGES + " " + pages + ", more than "
                        + ToimeksiConfiguration.PREFIX + "max-pages (" + maxPages + "); refused, retiring nothing");
            }
            sink.pagesPlanned(pages);
            CompletableFuture<SourceResponse> next = pages > 1 ? get(pageUri.apply(2)) : null;
            handle(firstUri, firstItems, handler);
            for (int page = 2; page <= pages; page++) {
                URI uri = pageUri.apply(page);
                SourceResponse response;
                try {
                    response = Prefetch.await(next);
                } catch (SourceHttpException e) {
                    if (!shrank(e)) {
                        throw e;
                    }
                    complete = false;
                    sink.unreadablePage(uri.toString(), "the listing shrank while it was read (page " + page
                            + " no longer exists)", e.getMessage());
                    return;
                }
                next = page < pages ? get(pageUri.apply(page + 1)) : null;
                try {
                    handle(uri, answers.array(response), handler);
                } catch (UnreadableAnswerException e) {
                    complete = false;
                    sink.unreadablePage(uri.toString(), e.getMessage(), WordPressAnswers.text(response.body()));
                }
            }
            if (complete && received - repeated < promised) {
                // Counted as one more page, so a finished run still shows every planned page done.
                sink.pagesPlanned(1);
                sink.unreadablePage(firstUri.toString(), "the listing changed while it was read: " + TOTAL_ITEMS
                        + " was " + promised + ", but " + (received - repeated) + " distinct items arrived, so "
                        + "a record may have been skipped", "");
            }
        }

        private void handle(URI location, ArrayNode items, PageHandler handler) throws IOException, InterruptedException {
            List<JsonNode> fresh = new ArrayList<>(items.size());
            int repeatsHere = 0;
            for (JsonNode item : items) {
                received++;
                JsonNode id = item.path("id");
                if (id.isIntegralNumber() && !ids.add(id.asLong())) {
                    repeatsHere++;
                    continue;
                }
                fresh.add(item);
            }
            if (repeatsHere > 0) {
                repeated += repeatsHere;
                sink.skipped(repeatsHere);
            }
            handler.handle(location, fresh);
        }

        private CompletableFuture<SourceResponse> get(URI uri) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return http.exchange(uri, Map.of());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }, prefetch);
        }
    }

    /** WordPress's answer to a page past the end: items were removed after the first page was read. */
    private static boolean shrank(SourceHttpException e) {
        return e.status() == 400 && e.getMessage().contains("rest_post_invalid_page_number");
    }

    private static int count(SourceResponse response, URI uri, String header) throws IOException {
        String value = response.header(header).map(String::strip).orElse(null);
        if (value == null || !value.matches("\\d{1,9}")) {
            throw new IOException(uri + " answered without a valid " + header + " header ("
                    + (value == null ? "none" : "'" + value + "'") + "), so the listing's size is unknown");
        }
        return Integer.parseInt(value);
    }


}
