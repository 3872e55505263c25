package fi.tarjotin.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Import runs: their lifecycle, counts and progress. */
@Repository
public class JdbcImportRunRepository {

    private static final String COLUMNS = """
            id, source, kind, status, triggered_by, source_version, changes_since, started_at, heartbeat_at,
            finished_at, fetched, created, updated, unchanged, rejected, skipped, retired, pages_done,
            pages_total, error""";

    private static final String INSERT_RUNNING = """
            INSERT INTO import_run (source, kind, status, triggered_by, source_version, started_at, heartbeat_at,
                    instance_id, boot_id)
            VALUES (:source, :kind, 'running', :triggeredBy, :sourceVersion, :now, :now, :instance, :boot)""";

    private static final String ABANDON_LEFT_BY_EARLIER_LIFE = """
            UPDATE import_run SET status = 'abandoned', finished_at = :now,
                   error = 'interrupted: the instance running it stopped (last sign of life ' || heartbeat_at || ')'
            WHERE status = 'running' AND instance_id = :instance AND boot_id <> :boot""";

    private static final String ABANDON_STALE = """
            UPDATE import_run SET status = 'abandoned', finished_at = :now,
                   error = 'interrupted: no sign of life since ' || heartbeat_at
            WHERE source = :source AND status = 'running' AND heartbeat_at < :staleBefore""";

    private static final String SAVE_PROGRESS = """
            UPDATE import_run SET heartbeat_at = :now, fetched = :fetched, created = :created, updated = :updated,
                   unchanged = :unchanged, rejected = :rejected, skipped = :skipped, retired = :retired,
                   pages_done = :pagesDone, pages_total = :pagesTotal
            WHERE id = :id AND status = 'running'""";

    private static final String FINISH = """
            UPDATE import_run SET status = :status, finished_at = :now, heartbeat_at = :now, error = :error
            WHERE id = :id AND status = 'running'""";

    private static final String SET_CHANGES_SINCE = "UPDATE import_run SET changes_since = :since WHERE id = :id";

    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM import_run WHERE id = :id";

    private static final String FIND_RECENT = "SELECT " + COLUMNS + """
             FROM import_run WHERE (CAST(:source AS text) IS NULL OR source = :source)
            ORDER BY started_at DESC, id DESC LIMIT :limit""";

    private static final String LAST_SUCCESS_START = """
            SELECT max(started_at) FROM import_run
             WHERE source = :source AND status = 'succeeded' AND kind IN ('full', 'incremental')""";

    private static final String COUNT_SUCCESSFUL_FULL = """
            SELECT count(*) FROM import_run WHERE source = :source AND kind = 'full' AND status = 'succeeded'""";

    private static final RowMapper<ImportRun> ROW_MAPPER = JdbcImportRunRepository::mapRow;

    private final NamedParameterJdbcTemplate jdbc;
    private final String instanceId;
    // This start of the instance: runs recorded with another boot id and this instance id were left by an
    // earlier life of it, which cannot still be running them.
    private final UUID bootId = UUID.randomUUID();

    JdbcImportRunRepository(NamedParameterJdbcTemplate jdbc, ImportProperties properties) {
        this.jdbc = jdbc;
        this.instanceId = properties.instanceId();
    }

    /** Marks abandoned the runs that this instance left running when it stopped (crashed, killed). */
    public int abandonRunsOfEarlierLife() {
        return jdbc.update(ABANDON_LEFT_BY_EARLIER_LIFE, new MapSqlParameterSource("instance", instanceId)
                .addValue("boot", bootId).addValue("now", Timestamp.from(Instant.now())));
    }

    /**
     * Records a new running import.
     *
     * @throws ImportAlreadyRunningException if this source already has a running import
     */
    public long start(String source, ImportKind kind, String triggeredBy, String sourceVersion) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update(INSERT_RUNNING, new MapSqlParameterSource()
                    .addValue("source", source).addValue("kind", kind.value())
                    .addValue("triggeredBy", triggeredBy).addValue("sourceVersion", sourceVersion)
                    .addValue("now", Timestamp.from(Instant.now())).addValue("instance", instanceId)
                    .addValue("boot", bootId), key, new String[] {"id"});
        } catch (DuplicateKeyException e) {
            throw new ImportAlreadyRunningException(source);
        }
        return key.getKey().longValue();
    }

    /** Marks runs of this source that stopped beating as abandoned, so that a new run may start. */
    public int abandonStale(String source, Duration staleAfter) {
        Instant now = Instant.now();
        return jdbc.update(ABANDON_STALE, Map.of("source", source, "now", Timestamp.from(now),
                "staleBefore", Timestamp.from(now.minus(staleAfter))));
    }

    /**
     * Saves counts and progress and proves the run is alive.
     *
     * @return false if the run is no longer running (abandoned by another instance)
     */
    public boolean saveProgress(long id, RunCounts counts, int pagesDone, Integer pagesTotal) {
        MapSqlParameterSource parameters = countParameters(counts)
                .addValue("id", id).addValue("now", Timestamp.from(Instant.now()))
                .addValue("pagesDone", pagesDone).addValue("pagesTotal", pagesTotal);
        return jdbc.update(SAVE_PROGRESS, parameters) == 1;
    }

    public void finish(long id, RunStatus status, String error) {
        jdbc.update(FINISH, new MapSqlParameterSource().addValue("id", id).addValue("status", status.value())
                .addValue("now", Timestamp.from(Instant.now())).addValue("error", error));
    }

    public void setChangesSince(long id, Instant since) {
        jdbc.update(SET_CHANGES_SINCE, new MapSqlParameterSource().addValue("id", id)
                .addValue("since", since == null ? null : Timestamp.from(since)));
    }

    public Optional<ImportRun> findById(long id) {
        return jdbc.query(FIND_BY_ID, Map.of("id", id), ROW_MAPPER).stream().findFirst();
    }

    /** The newest runs first; all sources when {@code source} is null. */
    public List<ImportRun> findRecent(String source, int limit) {
        return jdbc.query(FIND_RECENT, new MapSqlParameterSource().addValue("source", source)
                .addValue("limit", limit), ROW_MAPPER);
    }

    /**
     * When the last successful run that read this source started; changes after it are what an incremental
     * run reads. Remap runs read only stored records, so they do not count.
     */
    public Optional<Instant> lastSuccessfulStart(String source) {
        Timestamp start = jdbc.queryForObject(LAST_SUCCESS_START, Map.of("source", source), Timestamp.class);
        return Optional.ofNullable(start).map(Timestamp::toInstant);
    }

    public boolean hasSuccessfulFullRun(String source) {
        Long count = jdbc.queryForObject(COUNT_SUCCESSFUL_FULL, Map.of("source", source), Long.class);
        return count != null && count > 0;
    }

    private static MapSqlParameterSource countParameters(RunCounts counts) {
        return new MapSqlParameterSource()
                .addValue("fetched", counts.fetched()).addValue("created", counts.created())
                .addValue("updated", counts.updated()).addValue("unchanged", counts.unchanged())
                .addValue("rejected", counts.rejected()).addValue("skipped", counts.skipped())
                .addValue("retired", counts.retired());
    }

    private static ImportRun mapRow(ResultSet rs, int rowNum) throws SQLException {
        RunCounts counts = new RunCounts(rs.getInt("fetched"), rs.getInt("created"), rs.getInt("updated"),
                rs.getInt("unchanged"), rs.getInt("rejected"), rs.getInt("skipped"), rs.getInt("retired"));
        return new ImportRun(rs.getLong("id"), rs.getString("source"), ImportKind.parse(rs.getString("kind")),
                RunStatus.parse(rs.getString("status")), rs.getString("triggered_by"),
                rs.getString("source_version"), instant(rs, "changes_since"), instant(rs, "started_at"),
                instant(rs, "heartbeat_at"), instant(rs, "finished_at"), counts, rs.getInt("pages_done"),
                (Integer) rs.getObject("pages_total"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
