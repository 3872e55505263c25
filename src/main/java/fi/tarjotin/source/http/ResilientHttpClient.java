package fi.tarjotin.source.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs from a source with timeouts, and retries with exponential backoff on network errors, 429 and 5xx,
 * waiting as long as a {@code Retry-After} header asks (up to the configured maximum). Other 4xx answers
 * fail at once: asking again would not change them.
 */
public class ResilientHttpClient {

    private static final Logger log = LoggerFactory.getLogger(ResilientHttpClient.class);
    private static final int ERROR_BODY_CHARS = 300;

    private final HttpClient client;
    private final HttpSettings settings;
    private final Executor requestsAhead;

    /** @param requestsAhead where the paged readers send a run's next request while the current page is handled */
    public ResilientHttpClient(HttpSettings settings, Executor requestsAhead) {
        this.settings = settings;
        this.requestsAhead = requestsAhead;
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The shared threads ({@code sourcePrefetchExecutor}) for requests sent ahead ({@link Prefetch#await}). */
    public Executor requestsAhead() {
        return requestsAhead;
    }

    /**
     * @return the body of a 2xx answer
     * @throws SourceHttpException for an error status, after the retries allowed for it
     * @throws IOException when the source could not be reached in any of the tries
     */
    public byte[] get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        return exchange(uri, headers).body();
    }

    /**
     * Like {@link #get}, but with the answer's headers too: for sources that page by headers
     * ({@code X-WP-TotalPages}) or whose content type tells a JSON answer from an HTML error page.
     */
    public SourceResponse exchange(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(settings.readTimeout())
                .header("Accept", "application/json");
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new SourceResponse(response.body(), response.headers());
                }
                SourceHttpException failure = new SourceHttpException(uri.toString(), status, bodyStart(response.body()));
                if (!(status == 429 || status >= 500) || attempt >= settings.maxAttempts()) {
                    throw failure;
                }
                wait = retryAfter(response).map(this::capped).orElse(backoff);
                log.warn("{}; try {} of {} in {} ms", failure.getMessage(), attempt + 1, settings.maxAttempts(),
                        wait.toMillis());
            } catch (SourceHttpException e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new IOException("GET " + uri + " failed after " + attempt + " tries: " + e, e);
                }
                wait = backoff;
                log.warn("GET {} failed ({}); try {} of {} in {} ms", uri, e.toString(), attempt + 1,
                        settings.maxAttempts(), wait.toMillis());
            }
            Thread.sleep(wait.toMillis());
            backoff = capped(backoff.multipliedBy(2));
        }
    }

    private Duration capped(Duration wait) {
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** Retry-After as delta-seconds or as an HTTP date (RFC 9110 §10.2.3). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration until = Duration.between(ZonedDateTime.now(when.getZone()), when);
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    private static String bodyStart(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= ERROR_BODY_CHARS ? text : text.substring(0, ERROR_BODY_CHARS) + "…";
    }
}
