package fi.tarjotin.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.JdbcImportRunRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What every source's import tests use: the launcher, the runs, the database and JSON. */
public abstract class ImportTestSupport {

    @Autowired
    protected ImportLauncher launcher;

    @Autowired
    protected JdbcImportRunRepository runs;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ObjectMapper json;
}
