package fi.tarjotin.source.lahella;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.source.http.SourceHttpException;
import fi.tarjotin.source.http.SourceResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads lähellä.fi's activity listing ({@code GET /v1/activities}, as its maintainers' admin UI does) with
 * skip/limit paging until a page says {@code hasMore: false}, and hands each page's activities to
 * {@link LahellaActivities}, which turns them into records.
 *
 * <p>lähellä.fi cannot list what changed since a time, so every run reads the whole listing: only full
 * runs are scheduled, and an incremental run a coordinator asks for reads everything too but, being
 * incremental, retires nothing.
 *
 * <p>A listing that never ends must not become a run that never ends or a silent partial import: the run
 * fails when a page says there is more but brings nothing, when a page brings only activities already
 * read (the server ignores {@code skip}), when the pages outnumber what the first page's {@code total}
 * allows (one page of slack for activities added during the run), or after {@code max-pages} pages. An
 * unreadable first page fails the run; an unreadable later page is reported to the sink (the run goes on
 * but retires nothing), and reading goes on at the next skip while {@code total} says more follow.
 *
 * <p>Pages are read one after another: the import runner already ingests a page on its workers while the
 * next one is fetched, and whether a next page exists is known only from the current one.
 */
final class LahellaFetcher implements SourceFetcher {

    private static final int REJECTED_BODY_CHARS = 100_000;

    private final ResilientHttpClient http;
    private final ObjectMapper json;
    private final URI baseUrl;
    private final Map<String, String> credentials;
    private final LahellaRegions regions;
    private final List<String> groups;
    private final int pageSize;
    private final int maxPages;

    LahellaFetcher(ResilientHttpClient http, ObjectMapper json, URI baseUrl, Map<String, String> credentials,
            LahellaRegions regions, List<String> groups, int pageSize, int maxPages) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.regions = regions;
        this.groups = groups;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    @Override
    public String source() {
        return LahellaConfiguration.SOURCE;
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public String mappingSet() {
        return "lahella";
    }

    @Override
    public void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws IOException, InterruptedException {
        Listing listing = new Listing(sink, new LahellaActivities(json, baseUrl, regions, sink, Instant.now()));
        boolean more = true;
        for (int page = 1; more; page++) {
            more = listing.read(page);
        }
    }

    /** One run's reading of the listing: what the first page said about its length. */
    private final class Listing {

        private final ImportSink sink;
        private final LahellaActivities activities;
        private Integer total;

        Listing(ImportSink sink, LahellaActivities activities) {
            this.sink = sink;
            this.activities = activities;
        }

        /** Reads one page and hands over its records; whether another page follows. */
        boolean read(int page) throws IOException, InterruptedException {
            checkPageCount(page);
            int skip = (page - 1) * pageSize;
            URI uri = pageUri(skip);
            SourceResponse response = get(uri);
            Page listing = parse(response);
            if (page == 1) {
                start(uri, listing);
            } else if (total == null) {
                sink.pagesPlanned(1);
            }
            if (listing.problem() != null) {
                sink.unreadablePage(uri.toString(), listing.problem(), text(response.body()));
                // The page cannot say whether more follow; the first page's total still can.
                return total != null && skip + pageSize < total;
            }
            JsonNode items = listing.root().get("items");
            boolean hasMore = listing.root().path("hasMore").asBoolean(false);
            checkAdvances(uri, items, hasMore);
            sink.page(activities.records(uri, items, listing.root().path("links").path("groups")));
            return hasMore;
        }

        /** Without a readable first page nothing is known about the listing: the run fails. */
        private void start(URI uri, Page first) throws IOException {
            if (first.problem() != null) {
                throw new IOException("the first page of " + uri + " cannot be read: " + first.problem());
            }
            JsonNode count = first.root().path("total");
            total = count.canConvertToInt() ? count.asInt() : null;
            sink.pagesPlanned(total == null ? 1 : Math.max(1, pagesFor(total)));
        }

        /** Refuses to read a page past the limits a finite listing keeps. */
        private void checkPageCount(int page) throws IOException {
            if (page > maxPages) {
                throw new IOException("the activity listing still said it has more after " + maxPages
                        + " pages (tarjotin.sources.lahella.max-pages): it looks like a listing that never ends");
            }
            if (total != null && page > pagesFor(total) + 1) {
                throw new IOException("the activity listing still said it has more after " + (page - 1)
                        + " pages, though its first page said there are " + total + " activities ("
                        + pagesFor(total) + " pages of " + pageSize + ")");
            }
        }

        /** Fails on a page that cannot bring the listing nearer to its end. */
        private void checkAdvances(URI uri, JsonNode items, boolean hasMore) throws IOException {
            if (hasMore && items.isEmpty()) {
                throw new IOException("the page " + uri + " says the listing has more but has no activities: "
                        + "a listing that never ends");
            }
            if (!items.isEmpty() && activities.allAlreadyRead(items)) {
                throw new IOException("the page " + uri + " has only activities already read in this run: "
                        + "the listing does not advance with skip");
            }
        }
    }

    private SourceResponse get(URI uri) throws IOException, InterruptedException {
        try {
            return http.exchange(uri, credentials);
        } catch (SourceHttpException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new IOException("lähellä.fi refused the request (" + e.status() + "): the credentials "
                        + "(tarjotin.sources.lahella.cookie or bearer-token) are missing, wrong or expired; "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private URI pageUri(int skip) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(baseUrl).path("/v1/activities")
                .queryParam("limit", pageSize).queryParam("skip", skip).queryParam("total", true)
                .queryParam("links[groups]", true);
        for (int i = 0; i < groups.size(); i++) {
            builder.queryParam("groups[" + i + "]", groups.get(i));
        }
        // Unverified: the admin UI's region filter parameter is not documented anywhere we could read.
        // LahellaActivities filters by region again, so a server that ignores it costs only bandwidth.
        List<String> regionCodes = regions.codes();
        for (int i = 0; i < regionCodes.size(); i++) {
            builder.queryParam("region[" + i + "]", regionCodes.get(i));
        }
        return builder.build().encode().toUri();
    }

    private int pagesFor(int total) {
        return (total + pageSize - 1) / pageSize;
    }

    /** A listing page as read: its JSON, or why it is not a listing page. */
    private record Page(JsonNode root, String problem) {
    }

    private Page parse(SourceResponse response) {
        // A session-cookie service answers an expired session with its login page rather than 401.
        if (response.mediaType().equals("text/html")) {
            return new Page(null, "an HTML page instead of JSON (a login page? the credentials may be missing or expired)");
        }
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (IOException e) {
            return new Page(null, "malformed JSON: "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return new Page(null, "not a JSON object");
        }
        if (!root.path("items").isArray()) {
            return new Page(null, "no 'items' array");
        }
        if (root.has("hasMore") && !root.get("hasMore").isBoolean()) {
            return new Page(null, "'hasMore' is not true or false");
        }
        return new Page(root, null);
    }

    private static String text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= REJECTED_BODY_CHARS ? text : text.substring(0, REJECTED_BODY_CHARS);
    }
}
