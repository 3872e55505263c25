package fi.tarjotin.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.JdbcImportRunRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every source's import tests use: the launcher, the runs, the database, JSON and golden mapped documents. */
public abstract class ImportTestSupport extends IntegrationTestSupport {

    @Autowired
    protected ImportLauncher launcher;

    @Autowired
    protected JdbcImportRunRepository runs;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ObjectMapper json;

    /** Every mapped document of one kind of this test's source, with its source id, in source-id order. */
    protected abstract ArrayNode mappedDocuments(String kind);

    /** The mapped documents of every kind, each compared with {@code golden/<folder>/<kind>.json}. */
    protected void assertMappedDocumentsMatchGoldens(String folder) {
        for (RecordKind kind : RecordKind.values()) {
            GoldenFiles.assertMatches(folder + "/" + kind.value() + ".json", mappedDocuments(kind.value()));
        }
    }
}
