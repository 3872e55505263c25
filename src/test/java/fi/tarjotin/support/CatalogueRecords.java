package fi.tarjotin.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fi.tarjotin.source.ImportRun;
import java.util.List;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/** What import tests of every source read from the catalogue's tables, and how they compare run counts. */
public final class CatalogueRecords {

    private CatalogueRecords() {
    }

    /**
     * Empties every table an import writes, the read model included, and starts their ids again at 1. The
     * application's own background drains (start-up reconcile, publishing in passing) may hold some of these
     * tables at that moment, and PostgreSQL then ends one side of the deadlock: the truncation is tried
     * again.
     */
    public static void emptyCatalogue(JdbcTemplate jdbc) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.execute("TRUNCATE import_run, source_record, mapped_record, entity, entity_member,"
                        + " rejected_record, catalogue_entry, catalogue_pending, catalogue_publish_failure,"
                        + " catalogue_detail, catalogue_detail_pending, match_review, match_decision, need_decision"
                        + " RESTART IDENTITY CASCADE");
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Every mapped document of one source and kind with its source id, ordered by source id. The
     * stand-in's random address in source URLs (if there is a stand-in) becomes {@code stableUrl}, so
     * golden files stay the same.
     */
    public static ArrayNode mappedDocuments(JdbcTemplate jdbc, ObjectMapper json, String source, String kind,
            String standInUrl, String stableUrl) {
        ArrayNode documents = json.createArrayNode();
        jdbc.query("""
                SELECT s.source_id, m.document::text AS document FROM mapped_record m
                  JOIN source_record s ON s.id = m.source_record_id
                 WHERE s.source = ? AND s.kind = ? ORDER BY s.source_id""",
                rs -> {
                    String document = standInUrl == null ? rs.getString("document")
                            : rs.getString("document").replace(standInUrl, stableUrl);
                    try {
                        documents.addObject().put("sourceId", rs.getString("source_id"))
                                .set("document", json.readTree(document));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }, source, kind);
        return documents;
    }

    /** Every rejected record of a run as "kind source-id: reason", in order. */
    public static List<String> rejects(JdbcTemplate jdbc, long runId) {
        return jdbc.queryForList("""
                SELECT coalesce(kind, '-') || ' ' || coalesce(source_id, '-') || ': ' || reason
                  FROM rejected_record WHERE run_id = ? ORDER BY id""", String.class, runId);
    }

    public static long count(JdbcTemplate jdbc, String sql, Object... arguments) {
        Long count = jdbc.queryForObject(sql, Long.class, arguments);
        return count == null ? 0 : count;
    }

    public static void assertCounts(ImportRun run, int fetched, int created, int updated, int unchanged,
            int rejected, int skipped, int retired) {
        assertThat(List.of(run.counts().fetched(), run.counts().created(), run.counts().updated(),
                run.counts().unchanged(), run.counts().rejected(), run.counts().skipped(), run.counts().retired()))
                .as("fetched, created, updated, unchanged, rejected, skipped, retired of %s", run)
                .containsExactly(fetched, created, updated, unchanged, rejected, skipped, retired);
    }
}
