package fi.tarjotin.source;

import fi.tarjotin.model.RecordKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Records and pages that imports rejected, with their reasons and raw payloads. */
@Repository
public class JdbcRejectedRecordRepository {

    private static final String INSERT = """
            INSERT INTO rejected_record (run_id, source, kind, source_id, reason, location, payload, rejected_at)
            VALUES (:runId, :source, :kind, :sourceId, :reason, :location, :payload, :now)""";

    private static final String COLUMNS = "id, run_id, source, kind, source_id, reason, location, payload, rejected_at";

    private static final String FIND = "SELECT " + COLUMNS + """
             FROM rejected_record
            WHERE (CAST(:runId AS bigint) IS NULL OR run_id = :runId)
              AND (CAST(:source AS text) IS NULL OR source = :source)
            ORDER BY id DESC LIMIT :limit OFFSET :offset""";

    private static final String COUNT = """
            SELECT count(*) FROM rejected_record
            WHERE (CAST(:runId AS bigint) IS NULL OR run_id = :runId)
              AND (CAST(:source AS text) IS NULL OR source = :source)""";

    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM rejected_record WHERE id = :id";

    private static final RowMapper<RejectedRecord> ROW_MAPPER = (rs, rowNum) -> new RejectedRecord(
            rs.getLong("id"), rs.getLong("run_id"), rs.getString("source"), rs.getString("kind"),
            rs.getString("source_id"), rs.getString("reason"), rs.getString("location"), rs.getString("payload"),
            rs.getTimestamp("rejected_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    JdbcRejectedRecordRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long runId, String source, RecordKind kind, String sourceId, String reason, String location,
            String payload) {
        jdbc.update(INSERT, new MapSqlParameterSource()
                .addValue("runId", runId).addValue("source", source)
                .addValue("kind", kind == null ? null : kind.value()).addValue("sourceId", sourceId)
                .addValue("reason", reason).addValue("location", location)
                .addValue("payload", payload == null ? "" : payload)
                .addValue("now", Timestamp.from(Instant.now())));
    }

    /** Newest first, filtered by run and/or source when given. */
    public List<RejectedRecord> find(Long runId, String source, int limit, int offset) {
        return jdbc.query(FIND, new MapSqlParameterSource().addValue("runId", runId).addValue("source", source)
                .addValue("limit", limit).addValue("offset", offset), ROW_MAPPER);
    }

    /** How many {@link #find} pages through. */
    public long count(Long runId, String source) {
        return jdbc.queryForObject(COUNT, new MapSqlParameterSource().addValue("runId", runId)
                .addValue("source", source), Long.class);
    }

    public Optional<RejectedRecord> findById(long id) {
        return jdbc.query(FIND_BY_ID, new MapSqlParameterSource("id", id), ROW_MAPPER).stream().findFirst();
    }
}
