package fi.tarjotin.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests set and move, so dates in mails, links and the API are the same at every run; unset (null),
 * it is the system clock.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    /** Back to the system clock, for the tests that come after. */
    public void followSystemClock() {
        now = null;
    }

    public void advance(Duration duration) {
        now = instant().plus(duration);
    }

    @Override
    public Instant instant() {
        Instant set = now;
        return set != null ? set : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
