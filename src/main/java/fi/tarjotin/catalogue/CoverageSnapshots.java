package fi.tarjotin.catalogue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The daily snapshot of the coverage figures (table {@code coverage_snapshot}), taken by the
 * {@code coverage-snapshot} route: the read model only knows today, the trend needs yesterday too.
 */
@Component("coverageSnapshots")
public class CoverageSnapshots {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final NamedParameterJdbcTemplate jdbc;
    private final CoverageReport coverage;
    private final Clock clock;

    CoverageSnapshots(NamedParameterJdbcTemplate jdbc, CoverageReport coverage, Clock clock) {
        this.jdbc = jdbc;
        this.coverage = coverage;
        this.clock = clock;
    }

    /** One day's figures. */
    public record Snapshot(LocalDate day, int organisations, int services, int stale, int unconfirmed,
            int needsWithoutService) {
    }

    /** Takes today's snapshot (Helsinki date), replacing one taken earlier today. */
    public Snapshot take() {
        Instant now = clock.instant();
        CoverageReport.Totals totals = coverage.totals();
        List<CoverageReport.Freshness> freshness = coverage.freshness(Period.ZERO);
        Snapshot snapshot = new Snapshot(LocalDate.ofInstant(now, HELSINKI), totals.organisations(), totals.services(),
                freshness.stream().mapToInt(CoverageReport.Freshness::stale).sum(),
                freshness.stream().mapToInt(CoverageReport.Freshness::unconfirmed).sum(),
                coverage.holes().size());
        jdbc.update("""
                INSERT INTO coverage_snapshot (day, taken_at, organisations, services, stale, unconfirmed,
                                               needs_without_service)
                VALUES (:day, :takenAt, :organisations, :services, :stale, :unconfirmed, :holes)
                ON CONFLICT (day) DO UPDATE
                   SET taken_at = EXCLUDED.taken_at, organisations = EXCLUDED.organisations,
                       services = EXCLUDED.services, stale = EXCLUDED.stale, unconfirmed = EXCLUDED.unconfirmed,
                       needs_without_service = EXCLUDED.needs_without_service""",
                new MapSqlParameterSource("day", Date.valueOf(snapshot.day())).addValue("takenAt", Timestamp.from(now))
                        .addValue("organisations", snapshot.organisations()).addValue("services", snapshot.services())
                        .addValue("stale", snapshot.stale()).addValue("unconfirmed", snapshot.unconfirmed())
                        .addValue("holes", snapshot.needsWithoutService()));
        return snapshot;
    }

    /** The snapshots of the last {@code days} days, oldest first. */
    public List<Snapshot> trend(int days) {
        LocalDate from = LocalDate.now(clock.withZone(HELSINKI)).minusDays(days - 1L);
        return jdbc.query("""
                SELECT day, organisations, services, stale, unconfirmed, needs_without_service
                  FROM coverage_snapshot WHERE day >= :from ORDER BY day""",
                new MapSqlParameterSource("from", Date.valueOf(from)),
                (row, number) -> new Snapshot(row.getDate("day").toLocalDate(), row.getInt("organisations"),
                        row.getInt("services"), row.getInt("stale"), row.getInt("unconfirmed"),
                        row.getInt("needs_without_service")));
    }
}
