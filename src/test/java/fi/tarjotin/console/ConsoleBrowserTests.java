package fi.tarjotin.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fi.tarjotin.catalogue.CoverageSnapshots;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.IntegrationTestSupport;
import fi.tarjotin.support.PtvApiV11Context;
import fi.tarjotin.support.PtvV11Fixtures;
import fi.tarjotin.support.StandIns;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The coordinators' console in a real headless Chromium, against the service with WireMock standing in for PTV,
 * GreenMail for SMTP and the embedded PostgreSQL: a coordinator's day from login to logout, with an axe-core
 * check and a screenshot of every page.
 */
@PtvApiV11Context
class ConsoleBrowserTests extends IntegrationTestSupport {

    // A click that submits a form or follows a link: how long the next page may take to arrive.
    private static final Duration PAGE_LOAD = Duration.ofSeconds(10);

    private static final WireMockServer PTV = StandIns.PTV;
    private static final int SMTP_PORT = StandIns.SMTP_PORT;
    private static final Path SHEET = Path.of("src/test/resources/dedup/pipeline/jarjestot.csv");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static GreenMail smtp;


    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CoverageSnapshots snapshots;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private BrowserSession browser;


    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void emptyCatalogueAndBrowser() throws Exception {
        PTV.resetAll();
        CatalogueRecords.emptyCatalogue(jdbc);
        smtp.purgeEmailFromAllMailboxes();
        PtvV11Fixtures.serveKuopio();
        browser = new BrowserSession("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aCoordinatorRunsTheHubFromTheBrowser() throws Exception {
        // Log in: the console sends a stranger to the login page, refuses a wrong password, accepts the right one.
        browser.open("/console/imports");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/login");
        browser.assertAccessible();
        browser.screenshot("01-login");
        logIn("coordinator", "wrong");
        browser.waitForText("[role=alert]", "Väärä käyttäjätunnus tai salasana.", PAGE_LOAD);
        assertThat(browser.text("[role=alert]")).isEqualTo("Väärä käyttäjätunnus tai salasana.");
        logIn("coordinator", "test-password");
        browser.waitForUrl(".*/console$");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("fi");
        browser.waitForText("h1", "Yleiskuva", PAGE_LOAD);
        assertThat(browser.text("h1")).isEqualTo("Yleiskuva");
        // The test schedules never fire before 2099 (application-test.yaml); shown in Finnish time.
        assertThat(sourceRows()).containsExactly("lahella ei vielä ajettu 1.1.2099 02.00",
                "ptv ei vielä ajettu 1.1.2099 02.00", "toimeksi ei vielä ajettu 1.1.2099 02.00");
        browser.assertAccessible();

        // Imports: start a full PTV import and watch it finish without reloading the page.
        browser.find("a[href='/console/imports']").click();
        browser.assertAccessible();
        browser.find("button[aria-label='Täysi: ptv']").click();
        browser.waitForUrl(".*/console/imports/runs/\\d+");
        browser.script("window.samePage = 'yes';");
        browser.waitForText("#progress .run-status", "onnistui", RUN_TIMEOUT);
        assertThat(browser.script("return window.samePage;")).as("progress came without a reload").isEqualTo("yes");
        assertThat(List.of(browser.text("#count-fetched"), browser.text("#count-created"), browser.text("#count-rejected")))
                .containsExactly("10", "8", "1");
        browser.screenshot("03-import-run");

        // A reject with its reason and the raw payload.
        browser.find("#progress a").click();
        browser.find("#main table tbody a").click();
        assertThat(browser.text("#reject-reason")).isEqualTo("no name in Finnish, Swedish or English");
        assertThat(browser.text("#payload")).startsWith("{\"id\":\"0b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e\",");
        browser.assertAccessible();
        browser.screenshot("04-reject");

        // Upload a spreadsheet and read its report.
        browser.open("/console/imports");
        new Select(browser.find("#mapping")).selectByValue("jarjestot");
        browser.find("#file").sendKeys(SHEET.toAbsolutePath().toString());
        browser.find("form[action='/console/imports/spreadsheets'] button").click();
        browser.waitForText("h1", "Taulukon raportti", PAGE_LOAD);
        assertThat(browser.text("h1")).isEqualTo("Taulukon raportti");
        assertThat(List.of(browser.text("#upload-rows"), browser.text("#upload-rows-rejected"))).containsExactly("6", "0");
        browser.assertAccessible();
        browser.screenshot("05-upload-report");

        // Duplicates: a pair side by side, merged with a note; the public API then shows one organisation.
        assertThat(publicOrganisationsNamed("siilinjärven eläkkeensaajat")).isEqualTo(2);
        browser.open("/console/duplicates");
        assertThat(browser.all("#queue tbody tr")).hasSize(1);
        browser.assertAccessible();
        browser.find("#queue tbody tr:first-child a").click();
        browser.waitForText("h1", "Sama organisaatio?", PAGE_LOAD);
        assertThat(browser.text("h1")).isEqualTo("Sama organisaatio?");
        assertThat(browser.all("tr.differs th span:first-child").stream().map(cell -> cell.getText()).toList())
                .contains("name", "phones");
        browser.assertAccessible();
        browser.screenshot("06-review-pair");
        browser.find("input[value='merge']").click();
        browser.find("#note").sendKeys("Sama yhdistys, nimen kirjoitusasu vaihtelee.");
        browser.find("form.decision button").click();
        browser.waitForText("[role=status]", "Päätös tallennettu (Yhdistä)", PAGE_LOAD);
        assertThat(browser.text("[role=status]")).startsWith("Päätös tallennettu (Yhdistä)");
        assertThat(publicOrganisationsNamed("siilinjärven eläkkeensaajat")).isEqualTo(1);
        assertThat(browser.text("#decisions tbody td:nth-child(4)")).isEqualTo("Sama yhdistys, nimen kirjoitusasu vaihtelee.");
        browser.find("[role=status] a").click();
        assertThat(browser.all("#entity-records li")).hasSize(2);
        browser.assertAccessible();
        browser.screenshot("07-entity");

        // ... and undone: two organisations again, and the pair back in the queue.
        browser.open("/console/duplicates");
        browser.find("#decisions form button").click();
        browser.waitForText("[role=status]", "Päätös peruttiin; pari arvioidaan uudelleen.", PAGE_LOAD);
        assertThat(browser.text("[role=status]")).isEqualTo("Päätös peruttiin; pari arvioidaan uudelleen.");
        assertThat(publicOrganisationsNamed("siilinjärven eläkkeensaajat")).isEqualTo(2);
        assertThat(browser.all("#queue tbody tr")).hasSize(1);
        assertThat(browser.all("#decisions")).isEmpty();

        // Reminders: start the next period and see its report; the mails reached the SMTP server.
        browser.open("/console/reminders");
        browser.assertAccessible();
        browser.screenshot("08-reminders");
        browser.find("form[action='/console/reminders/periods'] button").click();
        browser.waitForText("h1", "Muistutusjakso ", Duration.ofSeconds(10));
        int sent = Integer.parseInt(browser.text("#report-sent"));
        assertThat(sent).isPositive();
        assertThat(smtp.waitForIncomingEmail(10_000, sent)).isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(sent);
        browser.assertAccessible();
        browser.screenshot("09-reminder-report");

        // Coverage: tables, bars drawn by chart.js, the trend from today's snapshot, a CSV.
        snapshots.take();
        browser.open("/console/coverage");
        assertThat(browser.script("return document.querySelectorAll('canvas').length")).isEqualTo(3L);
        assertThat(browser.script("return Array.from(document.querySelectorAll('canvas')).every(c => Chart.getChart(c) !== undefined)"))
                .isEqualTo(true);
        browser.assertAccessible();
        browser.screenshot("10-coverage");
        String municipalities = browser.fetch("GET", "/console/coverage/municipalities.csv");
        // (the browser's text decoding drops the byte order mark: CsvDownloadTests checks it)
        assertThat(municipalities.lines().toList()).containsExactly("200",
                "municipality,name_fi,name_sv,name_en,organisations,services", "297,Kuopio,Kuopio,Kuopio,3,5",
                "749,Siilinjärvi,Siilinjärvi,Siilinjärvi,2,2");

        // PTV quality: per municipality, with a CSV.
        browser.open("/console/quality");
        assertThat(browser.all("#quality-summary tbody tr")).isNotEmpty();
        browser.assertAccessible();
        browser.screenshot("11-ptv-quality");
        String quality = browser.fetch("GET", "/console/quality.csv");
        // Kuopio's two PTV services in scope (basic education is outside the service classes, one was rejected):
        // exercise counselling meets every criterion; the carers' group has no description and no channel.
        String edit = "https://palvelutietovaranto.suomi.fi/service/";
        assertThat(quality.lines().toList()).containsExactly("200", "municipality,ptv_service_id,name,edit_url,meets_all,"
                + "summary,description,service-class,target-group,area,channel-contact,opening-hours,swedish",
                "297,0008afc0-182c-4580-ba73-7472287f4d63,Liikuntaneuvonta," + edit
                        + "0008afc0-182c-4580-ba73-7472287f4d63,yes,yes,yes,yes,yes,yes,yes,yes,yes",
                "297,0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d,Omaishoitajien vertaistukiryhmä," + edit
                        + "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d,no,yes,no,yes,yes,yes,no,no,yes");
        assertThat(browser.text("#quality-summary tbody tr")).isEqualTo("Kuopio 2 1 0 1 0 0 0 1 1 0");

        // At a phone's width nothing needs sideways scrolling, and the overview still passes axe.
        browser.phoneWidth();
        browser.open("/console");
        browser.assertFitsWidth();
        browser.assertAccessible();
        browser.screenshot("02-overview-phone");
        browser.desktopWidth();
        browser.open("/console");
        browser.screenshot("02-overview");

        // In Swedish and English too.
        browser.open("/console?lang=sv");
        browser.waitForText("h1", "Översikt", PAGE_LOAD);
        assertThat(browser.text("h1")).isEqualTo("Översikt");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("sv");
        browser.open("/console/coverage?lang=en");
        browser.waitForText("h1", "Coverage", PAGE_LOAD);
        assertThat(browser.text("h1")).isEqualTo("Coverage");
        browser.assertAccessible();
        browser.open("/console?lang=fi");

        // Logout ends the session.
        browser.find("form.logout button").click();
        browser.waitForText("[role=status]", "Olet kirjautunut ulos.", PAGE_LOAD);
        assertThat(browser.text("[role=status]")).isEqualTo("Olet kirjautunut ulos.");
        browser.open("/console");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/login");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndTheAdminApiKeepsBasicAuthentication() throws Exception {
        browser.open("/console/login");
        logIn("coordinator", "test-password");

        String forged = browser.fetch("POST", "/console/imports/ptv?kind=full");

        assertThat(forged.lines().findFirst()).contains("403");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_run", Long.class)).isZero();
        String basic = "Basic " + Base64.getEncoder().encodeToString("coordinator:test-password".getBytes());
        HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/import-runs")).header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(200);
        HttpResponse<String> coverage = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/admin/coverage")).header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(coverage.body()).path("municipalities").findValuesAsText("code"))
                .containsExactly("297", "749");
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/console")).header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).as("the console takes no Basic credentials").isEqualTo(302);
        assertThat(console.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    }

    private void logIn(String username, String password) {
        browser.find("#username").clear();
        browser.find("#username").sendKeys(username);
        browser.find("#password").sendKeys(password);
        browser.find("form[action='/console/login'] button").click();
    }

    private List<String> sourceRows() {
        List<String> rows = new ArrayList<>();
        browser.all("#main table tbody tr").forEach(row -> rows.add(row.getText().lines().findFirst().orElse("")));
        return rows;
    }

    private long publicOrganisationsNamed(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/organizations?per_page=100")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode page = json.readTree(response.body());
        long count = 0;
        for (JsonNode organisation : page.path("contents")) {
            count += organisation.path("name").asText().toLowerCase(java.util.Locale.ROOT).equals(name + " ry") ? 1 : 0;
        }
        return count;
    }


}
