package fi.tarjotin.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import fi.tarjotin.source.toimeksi.WordPressTermsStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/**
 * What the test contexts talk to, started once per test JVM and shared by every context: WireMock servers
 * standing in for PTV, lähellä.fi and a Toimeksi site, the port GreenMail listens on, a copy of the mapping
 * files tests may edit, the shared context's spreadsheet inbox, and a PostgreSQL behind a proxy that a test can cut.
 *
 * <p>Their addresses (all but the inbox's) reach Spring as system properties, which are no part of a context's cache key, so every
 * test class with the same annotations shares one context (see {@link IntegrationTestSupport}).
 */
public final class StandIns {

    public static final WireMockServer PTV = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    public static final WireMockServer LAHELLA = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    public static final WireMockServer TOIMEKSI = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .extensions(new WordPressTermsStandIn()));
    public static final int SMTP_PORT = freePort();
    /** A copy of {@code mappings/}, so a test may edit a mapping file without touching the checkout. */
    public static final Path MAPPINGS = copyOfMappings();
    /**
     * The shared context's spreadsheet inbox, as application-test.yaml sets it. Not a system property like the
     * others: Camel's placeholders prefer system properties to Spring's, so the other contexts could not have
     * inboxes of their own, and would take in the files dropped here.
     */
    public static final Path INBOX = Path.of("target/test-inbox/shared-context");
    /** The database of the context that tests an outage ({@link EdgeAndOutageContext}), behind a switchable proxy. */
    public static final SwitchableTcpProxy DATABASE_PROXY;

    static {
        PTV.start();
        LAHELLA.start();
        TOIMEKSI.start();
        try {
            DATABASE_PROXY = new SwitchableTcpProxy(EmbeddedPostgres.builder().start().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("tarjotin.sources.ptv.v12.base-url", PTV.baseUrl());
        System.setProperty("tarjotin.sources.ptv.v11.base-url", PTV.baseUrl());
        System.setProperty("tarjotin.sources.lahella.base-url", LAHELLA.baseUrl());
        System.setProperty("tarjotin.sources.toimeksi.base-url", TOIMEKSI.baseUrl());
        System.setProperty("tarjotin.reminders.smtp.port", Integer.toString(SMTP_PORT));
        System.setProperty("tarjotin.mappings-directory", MAPPINGS.toString());
        System.setProperty("tarjotin.test.database-proxy-port", Integer.toString(DATABASE_PROXY.port()));
    }

    private StandIns() {
    }

    /** Starts everything above (once); called before any test context is built. */
    static void start() {
        // The static initialiser does the work; calling this is what runs it.
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfMappings() {
        try {
            Path copy = Files.createTempDirectory("tarjotin-mappings");
            FileSystemUtils.copyRecursively(Path.of("mappings"), copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
