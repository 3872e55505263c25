package fi.tarjotin.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import fi.tarjotin.support.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service killed with SIGKILL in the middle of an import and started again, with no manual step,
 * serves exactly what an uninterrupted run serves. Each test runs the jar as its own process.
 */
class CrashRecoveryIT {

    private static final String HEADER = "Tunnus;Nimi;Esittely;Y-tunnus;Toimintakunnat;Käyntiosoite;Postinumero;"
            + "Postitoimipaikka;Sähköposti;Kotisivu;Tarpeet ja diagnoosit;Toimintamuodot;Avainsanat;"
            + "Ylläpitäjien sähköpostit;Jäseniä;Työntekijöitä;Vapaaehtoisia;Vapaaehtoistunteja vuodessa;"
            + "Vapaaehtoistoiminta ammatillisesti tuettua;Sektori;Koulutustausta;Puhelin 1;Puhelin 1 käyttötarkoitus;"
            + "Puhelin 2;Puhelin 2 käyttötarkoitus";
    private static final String[] MUNICIPALITIES = {"Kuopio", "Siilinjärvi", "Iisalmi", "Varkaus", "Leppävirta"};
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final Path work = Path.of("target", "crash-it", UUID.randomUUID().toString());
    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServiceProcess service : started) {
            service.stop();
        }
    }

    @Test
    void aSpreadsheetImportKilledMidwayIsServedWholeAfterARestart() throws Exception {
        Path sheet = work.resolve("jarjestot.csv");
        writeSheet(sheet, 2000, "");
        Map<String, JsonNode> uninterrupted = importUninterrupted(sheet);
        assertThat(uninterrupted).hasSize(4000);

        ServiceProcess crashing = service("crashing", Map.of());
        crashing.start();
        dropIntoInbox(crashing, sheet);
        crashing.await("/admin/import-runs?source=spreadsheet-jarjestot", runs -> runs.size() == 1
                && "running".equals(runs.get(0).path("status").asText()) && runs.get(0).path("created").asInt() > 0,
                RUN_TIMEOUT);
        crashing.kill();
        assertThat(postmasterStillRunning(crashing)).as("the embedded PostgreSQL outlives the killed service").isTrue();

        // The same command as before: the orphaned database is stopped, the interrupted run abandoned at once,
        // and the file, still in the inbox, taken in again.
        crashing.start();
        JsonNode runs = crashing.await("/admin/import-runs?source=spreadsheet-jarjestot",
                all -> all.size() == 2 && "succeeded".equals(all.get(0).path("status").asText()), RUN_TIMEOUT);
        assertThat(runs.get(1).path("status").asText()).isEqualTo("abandoned");
        assertThat(runs.get(1).path("error").asText()).contains("the instance running it stopped");
        assertThat(catalogue(crashing)).isEqualTo(uninterrupted);
        assertThat(crashing.get("/admin/catalogue/publish-failures").size()).isZero();
    }

    @Test
    void aPtvImportKilledWhilePublishingIsServedWholeAfterARestart() throws Exception {
        WireMockServer ptv = ptvStandIn(1000, new GeneratedPtvServices());
        try {
            Map<String, String> properties = Map.of("tarjotin.sources.ptv.enabled", "true",
                    "tarjotin.sources.ptv.import-on-startup", "true", "tarjotin.sources.ptv.api-version", "v11",
                    "tarjotin.sources.ptv.v11.base-url", ptv.baseUrl());
            ServiceProcess reference = service("ptv-reference", properties);
            reference.start();
            reference.await("/admin/import-runs?source=ptv", runs -> runs.size() == 1
                    && "succeeded".equals(runs.get(0).path("status").asText()), RUN_TIMEOUT);
            Map<String, JsonNode> uninterrupted = catalogue(reference);
            reference.stop();
            assertThat(uninterrupted.keySet().stream().filter(key -> key.startsWith("/services/"))).hasSize(1000);

            ServiceProcess crashing = service("ptv-crashing", properties);
            crashing.start();
            // Killed while some of what the run stored is in the read model and some is still queued for it.
            awaitDatabase(crashing, "SELECT (SELECT count(*) FROM catalogue_entry) > 0"
                    + " AND (SELECT count(*) FROM catalogue_pending) > 0");
            crashing.kill();

            crashing.start();
            JsonNode runs = crashing.await("/admin/import-runs?source=ptv",
                    all -> all.size() == 2 && "succeeded".equals(all.get(0).path("status").asText()), RUN_TIMEOUT);
            assertThat(runs.get(1).path("status").asText()).isEqualTo("abandoned");
            assertThat(catalogue(crashing)).isEqualTo(uninterrupted);
        } finally {
            ptv.stop();
        }
    }

    @Test
    void twoInstancesOnOneDatabaseLeaveEachOthersRunsAloneAndOneThatDiesResumesItsOwn() throws Exception {
        GeneratedPtvServices services = new GeneratedPtvServices();
        WireMockServer ptv = ptvStandIn(500, services);
        services.holdPages();
        try (EmbeddedPostgres shared = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("shared-postgres")).setCleanDataDirectory(true).start()) {
            Map<String, String> database = Map.of("spring.datasource.url", shared.getJdbcUrl("postgres", "postgres"),
                    "spring.datasource.username", "postgres", "spring.datasource.password", "");
            Map<String, String> ptvOnA = new java.util.HashMap<>(database);
            ptvOnA.putAll(Map.of("tarjotin.imports.instance-id", "a", "tarjotin.sources.ptv.enabled", "true",
                    "tarjotin.sources.ptv.import-on-startup", "true", "tarjotin.sources.ptv.api-version", "v11",
                    "tarjotin.sources.ptv.v11.base-url", ptv.baseUrl(), "tarjotin.sources.ptv.http.read-timeout", "10m"));
            ServiceProcess a = service("instance-a", ptvOnA);
            ServiceProcess b = service("instance-b", with(database, "tarjotin.imports.instance-id", "b"));
            a.start();
            b.start();

            // B restarts while A's first import is held in its middle: A's run belongs to another live
            // instance, and B's start leaves it alone.
            // A run saves its progress at most once a second, so the first page done is what the test can wait for.
            services.letPagesThrough(2);
            b.await(PTV_RUNS, runs -> runs.size() == 1 && runs.get(0).path("pagesDone").asInt() >= 1, RUN_TIMEOUT);
            b.stop();
            b.start();
            assertThat(b.get(PTV_RUNS).get(0).path("status").asText()).isEqualTo("running");
            services.letPagesThrough(1000);
            b.await(PTV_RUNS, runs -> "succeeded".equals(runs.get(0).path("status").asText()), RUN_TIMEOUT);

            // A dies in the middle of its next run. B, alive, leaves that run alone too; A, back, abandons it at
            // once, so a new run starts without waiting for the run to go stale.
            services.holdPages();
            services.renameServices(" (uusi nimi)");
            a.post("/admin/imports/ptv?kind=full");
            services.letPagesThrough(3);
            a.await(PTV_RUNS, runs -> runs.size() == 2 && runs.get(0).path("pagesDone").asInt() >= 1, RUN_TIMEOUT);
            a.kill();
            Thread.sleep(2000);
            assertThat(b.get(PTV_RUNS).get(0).path("status").asText()).isEqualTo("running");
            a.start();
            assertThat(b.get(PTV_RUNS).get(0).path("status").asText()).isEqualTo("abandoned");
            services.letPagesThrough(1000);
            a.post("/admin/imports/ptv?kind=full");
            JsonNode runs = b.await(PTV_RUNS, all -> all.size() == 3
                    && "succeeded".equals(all.get(0).path("status").asText()), RUN_TIMEOUT);
            assertThat(runs.get(1).path("error").asText()).contains("the instance running it stopped");
            List<String> names = new ArrayList<>();
            catalogue(b).forEach((key, item) -> {
                if (key.startsWith("/services/")) {
                    names.add(item.path("name").asText());
                }
            });
            assertThat(names).hasSize(500).allSatisfy(name -> assertThat(name).endsWith("(uusi nimi)"));
        } finally {
            ptv.stop();
        }
    }

    private static final String PTV_RUNS = "/admin/import-runs?source=ptv";

    private static Map<String, String> with(Map<String, String> properties, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put(key, value);
        return all;
    }

    /** PTV v11 for one municipality with the given number of services, each list page answered after a pause. */
    private static WireMockServer ptvStandIn(int services, GeneratedPtvServices generated) {
        WireMockServer ptv = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(generated));
        ptv.start();
        String area = "/area/Municipality/code/297";
        ptv.stubFor(get(urlPathEqualTo("/api/v11/Service" + area)).willReturn(okJson(GeneratedPtvServices.idListing(services))));
        ptv.stubFor(get(urlPathEqualTo("/api/v11/Service/list"))
                .willReturn(aResponse().withFixedDelay(150).withTransformers(GeneratedPtvServices.NAME)));
        ptv.stubFor(get(urlPathEqualTo("/api/v11/ServiceChannel" + area)).willReturn(okJson(Fixtures.read("ptv/v11/channel-ids.json"))));
        ptv.stubFor(get(urlPathEqualTo("/api/v11/ServiceChannel/list")).willReturn(okJson(Fixtures.read("ptv/v11/channels.json"))));
        ptv.stubFor(get(urlPathEqualTo("/api/v11/Organization" + area)).willReturn(okJson(Fixtures.read("ptv/v11/organization-ids.json"))));
        ptv.stubFor(get(urlPathEqualTo("/api/v11/Organization/list")).willReturn(okJson(Fixtures.read("ptv/v11/organizations.json"))));
        return ptv;
    }

    /** Polls the instance's embedded database (port and password from its data directory) until the query is true. */
    private static void awaitDatabase(ServiceProcess service, String query) throws Exception {
        Path data = service.dataDirectory();
        String port = Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip();
        String password = Files.readString(data.resolve("tarjotin-password")).strip();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", password); Statement statement = connection.createStatement()) {
            java.time.Instant deadline = java.time.Instant.now().plus(RUN_TIMEOUT);
            while (java.time.Instant.now().isBefore(deadline)) {
                try (ResultSet result = statement.executeQuery(query)) {
                    if (result.next() && result.getBoolean(1)) {
                        return;
                    }
                } catch (java.sql.SQLException e) {
                    // The schema is not there yet while the service starts.
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the database never satisfied: " + query);
    }

    private Map<String, JsonNode> importUninterrupted(Path sheet) throws Exception {
        ServiceProcess reference = service("reference", Map.of());
        reference.start();
        dropIntoInbox(reference, sheet);
        reference.await("/admin/import-runs?source=spreadsheet-jarjestot", runs -> runs.size() == 1
                && "succeeded".equals(runs.get(0).path("status").asText()), RUN_TIMEOUT);
        Map<String, JsonNode> catalogue = catalogue(reference);
        reference.stop();
        return catalogue;
    }

    private ServiceProcess service(String name, Map<String, String> properties) throws IOException {
        ServiceProcess service = new ServiceProcess(name, work.resolve(name), properties);
        started.add(service);
        return service;
    }

    private static void dropIntoInbox(ServiceProcess service, Path sheet) throws IOException {
        Path folder = service.inbox().resolve("jarjestot");
        Files.createDirectories(folder);
        // Written beside and moved in, so the inbox never sees half a file.
        Path partial = service.inbox().resolve(sheet.getFileName() + ".part");
        Files.copy(sheet, partial);
        Files.move(partial, folder.resolve(sheet.getFileName()));
    }

    /** Every organisation and service the public API serves, by id, without the times that tell runs apart. */
    private static Map<String, JsonNode> catalogue(ServiceProcess service) throws IOException, InterruptedException {
        Map<String, JsonNode> items = new java.util.TreeMap<>();
        for (String list : List.of("/organizations", "/services")) {
            int pages = 1;
            for (int page = 1; page <= pages; page++) {
                JsonNode answer = service.get(list + "?per_page=100&page=" + page);
                pages = answer.path("total_pages").asInt();
                for (JsonNode item : answer.path("contents")) {
                    items.put(list + "/" + item.path("id").asText(), withoutTimes(item.deepCopy()));
                }
            }
        }
        return items;
    }

    private static JsonNode withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("last_modified", "assured_date"));
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.endsWith("_at") || name.equals("fetched")) {
                    object.remove(name);
                } else {
                    withoutTimes(object.get(name));
                }
            }
        } else if (node.isArray()) {
            node.forEach(CrashRecoveryIT::withoutTimes);
        }
        return node;
    }

    private static boolean postmasterStillRunning(ServiceProcess service) throws IOException {
        Path pidFile = service.dataDirectory().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "pu", "ra", "si", "tu", "va", "ho", "je", "ky",
        "lä", "mö", "nu", "pi", "rö", "sa", "te", "vo"};

    /** A made-up Finnish-looking word of its own for every number, so no two rows look like one association. */
    private static String word(int number) {
        StringBuilder word = new StringBuilder();
        for (int rest = number + 400; rest > 0; rest /= SYLLABLES.length) {
            word.append(SYLLABLES[rest % SYLLABLES.length]);
        }
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A coordinator's list of associations: one organisation and one service per row. */
    private static void writeSheet(Path file, int rows, String nameSuffix) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sheet = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            String municipality = MUNICIPALITIES[i % MUNICIPALITIES.length];
            sheet.append("KR-").append(i).append(';')
                    .append(municipality).append("n ").append(word(i)).append(" ry").append(nameSuffix).append(';')
                    .append("Vertaistukea ja toimintaa jäsenille, ryhmä ").append(i).append(".;;")
                    .append(municipality).append(";").append(word(i + 7)).append("tie ").append(i % 90 + 1).append(";70100;")
                    .append(municipality)
                    .append(";info@yhdistys-").append(i).append(".fi;;;;;;;;;;;;;")
                    .append("017 ").append(100_000 + i).append(";;;\n");
        }
        Files.writeString(file, sheet.toString(), StandardCharsets.UTF_8);
    }
}
