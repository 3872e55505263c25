package fi.tarjotin.source;

import fi.tarjotin.model.RecordKind;
import fi.tarjotin.system.SqlArrays;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Values imports left out of records they took in (placeholders), with their reasons. */
@Repository
public class JdbcImportWarningRepository {

    private static final String INSERT = """
            INSERT INTO import_warning (run_id, source, kind, source_id, warning, warned_at)
            SELECT :runId, :source, :kind, source_id, warning, :now
              FROM unnest(:sourceIds, :warnings) AS w(source_id, warning)""";

    private static final String FIND = """
            SELECT id, run_id, source, kind, source_id, warning, warned_at
              FROM import_warning
             WHERE run_id = :runId
             ORDER BY id LIMIT :limit OFFSET :offset""";

    private static final RowMapper<ImportWarning> ROW_MAPPER = (rs, rowNum) -> new ImportWarning(rs.getLong("id"),
            rs.getLong("run_id"), rs.getString("source"), rs.getString("kind"), rs.getString("source_id"),
            rs.getString("warning"), rs.getTimestamp("warned_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    JdbcImportWarningRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per pair of {@code sourceIds[i]} and {@code warnings[i]}. */
    void insert(long runId, String source, RecordKind kind, List<String> sourceIds, List<String> warnings) {
        if (sourceIds.isEmpty()) {
            return;
        }
        jdbc.update(INSERT, new MapSqlParameterSource().addValue("runId", runId).addValue("source", source)
                .addValue("kind", kind.value()).addValue("sourceIds", SqlArrays.of("text", sourceIds))
                .addValue("warnings", SqlArrays.of("text", warnings)).addValue("now", Timestamp.from(Instant.now())));
    }

    /** A run's warnings in the order they were made. */
    public List<ImportWarning> findByRun(long runId, int limit, int offset) {
        return jdbc.query(FIND, new MapSqlParameterSource().addValue("runId", runId).addValue("limit", limit)
                .addValue("offset", offset), ROW_MAPPER);
    }
}
