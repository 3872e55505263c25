package fi.tarjotin.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account and per client address over a sliding window. Once one of them has
 * {@code max-failures} failures inside {@code window}, its logins are refused (429) until the oldest of those
 * failures leaves the window. Refused attempts do not count, so the rightful user waits at most one window
 * after an attack stops, and is never locked out for good.
 */
final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties.LoginThrottle settings, Clock clock) {
        this.maxFailures = settings.maxFailures();
        this.window = settings.window();
        this.clock = clock;
    }

    /** How long the account or the address must wait, when either is throttled now. */
    Optional<Duration> retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration account = wait(accountKey(username), now);
        Duration client = wait(addressKey(address), now);
        Duration longest = account.compareTo(client) >= 0 ? account : client;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        record(accountKey(username), now);
        record(addressKey(address), now);
    }

    private Duration wait(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, times.peekFirst().plus(window));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            // Only the newest max-failures matter for the decision; older ones would only use memory.
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
        // A scan of many addresses leaves many entries: drop the ones whose failures have all expired.
        if (failures.size() > 10_000) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    expire(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant oldestCounted = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldestCounted)) {
            times.removeFirst();
        }
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
