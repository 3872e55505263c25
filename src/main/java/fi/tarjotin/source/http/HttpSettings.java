package fi.tarjotin.source.http;

import java.time.Duration;

/**
 * How patiently a source is read.
 *
 * @param maxAttempts tries per request, the first included, for network errors, 429 and 5xx answers
 * @param initialBackoff the wait before the second try; it doubles for each further try
 * @param maxBackoff the longest wait between tries, also for a server's Retry-After
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff) {
}
