package fi.tarjotin.entity;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportLauncher;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.JdbcImportRunRepository;
import fi.tarjotin.source.RunStatus;
import fi.tarjotin.source.spreadsheet.SpreadsheetImports;
import fi.tarjotin.source.spreadsheet.SpreadsheetReport;
import fi.tarjotin.support.CatalogueRecords;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.support.GoldenFiles;
import fi.tarjotin.support.ImportRuns;
import fi.tarjotin.support.IntegrationTestSupport;
import fi.tarjotin.support.PtvApiV11Context;
import fi.tarjotin.support.PtvV11Fixtures;
import fi.tarjotin.support.StandIns;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Entity resolution in the running pipeline, against a real PostgreSQL: the same organisation from PTV (a
 * WireMock stand-in) and from a coordinator's spreadsheet becomes one entity with provenance per field, a
 * merged-away id redirects to its successor, uncertain pairs wait in the review queue, and coordinators'
 * decisions hold through later runs.
 *
 * <p>The spreadsheet {@code dedup/pipeline/jarjestot.csv}: KL-1 is PTV's Kuopion kaupunki (same name, phone, e-mail and website);
 * KL-2 and KL-3 are one association written "ry" and "r.y." (same e-mail and address, other phones); KL-4 and
 * KL-5 are probably one (name only); KL-6 is another association sharing KL-2's office phone and address.
 * The lähellä.fi page {@code dedup/pipeline/lahella-page.json} has PTV's carers' group again, as an activity of
 * the city pushed from lähellä.fi.
 */
@PtvApiV11Context
class EntityResolutionIntegrationTests extends IntegrationTestSupport {

    private static final WireMockServer PTV = StandIns.PTV;
    private static final WireMockServer LAHELLA = StandIns.LAHELLA;
    private static final Path SHEET = Path.of("src/test/resources/dedup/pipeline/jarjestot.csv");
    private static final String SHEET_SOURCE = "spreadsheet-jarjestot";
    private static final String PTV_KUOPIO = "00022b78-dd97-4a66-8846-68b179d983e0";
    private static final String PTV_CARER_GROUP = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";


    @Autowired
    ImportLauncher launcher;

    @Autowired
    JdbcImportRunRepository runs;

    @Autowired
    SpreadsheetImports spreadsheets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectMapper json;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();


    @BeforeEach
    void emptyCatalogue() {
        PTV.resetAll();
        LAHELLA.resetAll();
        CatalogueRecords.emptyCatalogue(jdbc);
        PtvV11Fixtures.serveKuopio();
    }

    @Test
    void theSameOrganisationFromPtvAndASpreadsheetIsOneEntityWithTheProvenanceOfEachField() throws Exception {
        importPtvAndSheet();

        assertThat(entities("organization")).containsExactly(
                "active Kuopion Invalidit ry [spreadsheet-jarjestot:KL-2, spreadsheet-jarjestot:KL-3]",
                "active Kuopion Reumayhdistys ry [spreadsheet-jarjestot:KL-6]",
                "active Kuopion kaupunki [ptv:" + PTV_KUOPIO + ", spreadsheet-jarjestot:KL-1]",
                "active Siilinjärven Eläkkeensaajat ry [spreadsheet-jarjestot:KL-4]",
                "active Siilinjärven eläkkeensaajat ry [spreadsheet-jarjestot:KL-5]",
                "inactive Kuopion Invalidit r.y. []",
                "inactive Kuopion kaupunki []");
        // A spreadsheet row's service carries the row's name; KL-2 and KL-3 offer one service of one organisation.
        assertThat(entities("service")).containsExactly(
                "active Kuopion Invalidit ry [spreadsheet-jarjestot:KL-2, spreadsheet-jarjestot:KL-3]",
                "active Kuopion Reumayhdistys ry [spreadsheet-jarjestot:KL-6]",
                "active Kuopion kaupunki [spreadsheet-jarjestot:KL-1]",
                "active Liikuntaneuvonta [ptv:0008afc0-182c-4580-ba73-7472287f4d63]",
                "active Omaishoitajien vertaistukiryhmä [ptv:0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d]",
                "active Siilinjärven Eläkkeensaajat ry [spreadsheet-jarjestot:KL-4]",
                "active Siilinjärven eläkkeensaajat ry [spreadsheet-jarjestot:KL-5]",
                "inactive Kuopion Invalidit r.y. []");
        JsonNode kuopio = getJson("/organizations/" + founded("ptv", RecordKind.ORGANIZATION, PTV_KUOPIO));
        ObjectNode published = json.createObjectNode();
        published.set("name", kuopio.get("name"));
        published.set("email", kuopio.get("email"));
        published.set("phones", kuopio.get("phones"));
        published.set("provenance", kuopio.path("tarjotin").get("provenance"));
        published.set("field_provenance", kuopio.path("tarjotin").get("field_provenance"));
        GoldenFiles.assertMatches("dedup/pipeline/kuopio-organization.json",
                json.readTree(published.toString().replace(PTV.baseUrl(), "http://ptv.test")));

        JsonNode forCoordinator = adminGet("/admin/dedup/entities/" + founded("ptv", RecordKind.ORGANIZATION, PTV_KUOPIO));
        assertThat(forCoordinator.get("records").findValuesAsText("sourceId")).containsExactly(PTV_KUOPIO, "KL-1");
        assertThat(forCoordinator.path("document").path("privateDetails").path("maintainerEmails").toString())
                .isEqualTo("[\"jarjestoyhteistyo@kuopio.example\"]");
        assertThat(forCoordinator.path("document").path("fieldSources").path("emails").toString()).isEqualTo("[1]");
    }

    @Test
    void theSameActivityInPtvAndLahellaIsOneServiceOfOneOrganisation() throws Exception {
        LAHELLA.stubFor(get(urlPathEqualTo("/v1/activities")).withQueryParam("skip", equalTo("0"))
                .willReturn(okJson(Fixtures.read("dedup/pipeline/lahella-page.json"))));

        assertThat(importToEnd("ptv").status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(importToEnd("lahella").status()).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(entities("organization")).containsExactly(
                "active Kuopion kaupunki [lahella:7200000001, ptv:" + PTV_KUOPIO + "]", "inactive Kuopion kaupunki []");
        assertThat(entities("service")).containsExactly("active Liikuntaneuvonta [ptv:0008afc0-182c-4580-ba73-7472287f4d63]",
                "active Omaishoitajien vertaistukiryhmä [lahella:9001, ptv:" + PTV_CARER_GROUP + "]",
                "inactive Omaishoitajien vertaistukiryhmä []");
        JsonNode group = getJson("/services/" + founded("ptv", RecordKind.SERVICE, PTV_CARER_GROUP));
        assertThat(group.path("tarjotin").path("provenance").findValuesAsText("source")).containsExactly("ptv", "lahella");
        assertThat(group.path("organization").path("id").asText())
                .isEqualTo(founded("ptv", RecordKind.ORGANIZATION, PTV_KUOPIO).toString());
        assertThat(send(HttpRequest.newBuilder(uri("/services/" + founded("lahella", RecordKind.SERVICE, "9001"))))
                .statusCode()).isEqualTo(301);
    }

    @Test
    void theIdOfAMergedAwayEntityRedirectsToTheSurvivor() throws Exception {
        importPtvAndSheet();
        UUID survivor = founded("ptv", RecordKind.ORGANIZATION, PTV_KUOPIO);
        UUID mergedAway = founded(SHEET_SOURCE, RecordKind.ORGANIZATION, "KL-1");

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/organizations/" + mergedAway + "?language=sv")));

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue(
                "http://localhost:" + port + "/organizations/" + survivor + "?language=sv");
        assertThat(json.readTree(response.body()).get("successor_id").asText()).isEqualTo(survivor.toString());
        JsonNode feed = getJson("/organizations?modified_after=2000-01-01T00:00:00Z&per_page=100");
        assertThat(feed.findValues("successor_id").stream().map(JsonNode::asText).sorted().toList())
                .containsExactlyElementsOf(List.of(survivor.toString(),
                        founded(SHEET_SOURCE, RecordKind.ORGANIZATION, "KL-2").toString()).stream().sorted().toList());
    }

    @Test
    void uncertainPairsWaitForACoordinatorAndTheirDecisionsHoldInLaterRuns() throws Exception {
        importPtvAndSheet();

        // Two associations sharing an office (phone, street) are not worth asking about: a coordinator would
        // rarely say yes, so the calibrated review band leaves them out; a coordinator may still keep them apart.
        JsonNode open = adminGet("/admin/dedup/reviews");
        assertThat(pairs(open)).containsExactly(
                "organization Siilinjärven Eläkkeensaajat ry / Siilinjärven eläkkeensaajat ry 0.6068 name");
        long sameAssociation = open.get(0).get("id").asLong();
        // What each field said, in bits: the name speaks for the pair.
        JsonNode contributions = open.get(0).get("contributions");
        assertThat(contributions.get("name").asDouble()).isPositive();

        assertThat(adminPost("/admin/dedup/reviews/" + sameAssociation, "{\"decision\":\"merge\",\"note\":\"sama\"}")
                .statusCode()).isEqualTo(200);
        assertThat(adminPost("/admin/dedup/decisions", """
                {"entityType": "organization", "a": {"source": "spreadsheet-jarjestot", "sourceId": "KL-2"},
                 "b": {"source": "spreadsheet-jarjestot", "sourceId": "KL-6"}, "decision": "keep-apart"}""")
                .statusCode()).isEqualTo(200);

        assertThat(adminGet("/admin/dedup/reviews")).isEmpty();
        assertThat(activeNames("organization")).containsExactly("Kuopion Invalidit ry", "Kuopion Reumayhdistys ry",
                "Kuopion kaupunki", "Siilinjärven Eläkkeensaajat ry");

        // The next file changes one record of the merged pair, which now leads as the one changed last; the
        // decisions hold.
        upload(sheet().replace("040 111 2222", "040 333 4444").replace("Kasurilantie 1", "Kasurilantie 3"));

        assertThat(activeNames("organization")).containsExactly("Kuopion Invalidit ry", "Kuopion Reumayhdistys ry",
                "Kuopion kaupunki", "Siilinjärven eläkkeensaajat ry");
        assertThat(adminGet("/admin/dedup/reviews")).isEmpty();
        assertThat(pairs(adminGet("/admin/dedup/reviews?status=decided"))).hasSize(1);
        assertThat(java.util.stream.StreamSupport.stream(adminGet("/admin/dedup/decisions").spliterator(), false)
                .map(decision -> decision.path("decision").path("decision").asText() + " by "
                        + decision.path("decision").path("coordinator").asText())
                .toList()).containsExactly("keep-apart by coordinator", "merge by coordinator");
    }

    @Test
    void keepingApartAnAutomaticMergeSplitsItAndBringsBackTheOldId() throws Exception {
        importPtvAndSheet();
        UUID kl2 = founded(SHEET_SOURCE, RecordKind.ORGANIZATION, "KL-2");
        UUID kl3 = founded(SHEET_SOURCE, RecordKind.ORGANIZATION, "KL-3");
        assertThat(send(HttpRequest.newBuilder(uri("/organizations/" + kl3))).statusCode()).isEqualTo(301);
        assertThat(organisationOfService("KL-3")).isEqualTo(kl2);
        assertThat(referencesToRetiredEntities()).isZero();

        HttpResponse<String> decided = adminPost("/admin/dedup/decisions", """
                {"entityType": "organization", "a": {"source": "spreadsheet-jarjestot", "sourceId": "KL-3"},
                 "b": {"source": "spreadsheet-jarjestot", "sourceId": "KL-2"}, "decision": "keep-apart"}""");

        assertThat(decided.statusCode()).isEqualTo(200);
        assertThat(getJson("/organizations/" + kl2).get("name").asText()).isEqualTo("Kuopion Invalidit ry");
        assertThat(getJson("/organizations/" + kl3).get("name").asText()).isEqualTo("Kuopion Invalidit r.y.");
        assertThat(organisationOfService("KL-3")).isEqualTo(kl3);
        assertThat(organisationOfService("KL-2")).isEqualTo(kl2);
        assertThat(referencesToRetiredEntities()).isZero();
        adminPost("/admin/dedup/resolve", "");
        assertThat(entities("organization")).contains(
                "active Kuopion Invalidit ry [spreadsheet-jarjestot:KL-2]",
                "active Kuopion Invalidit r.y. [spreadsheet-jarjestot:KL-3]");
        assertThat(adminPost("/admin/dedup/decisions", """
                {"entityType": "organization", "a": {"source": "spreadsheet-jarjestot", "sourceId": "KL-9"},
                 "b": {"source": "spreadsheet-jarjestot", "sourceId": "KL-2"}, "decision": "merge"}""").statusCode())
                .isEqualTo(400);
    }

    @Test
    void resolvingTheSameDataAgainChangesNoIdAndNoDocument() throws Exception {
        importPtvAndSheet();
        List<String> before = snapshot();

        HttpResponse<String> again = adminPost("/admin/dedup/resolve", "");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(snapshot()).isEqualTo(before);

        // An empty database fed the same data in the same order gives every entity the same id.
        CatalogueRecords.emptyCatalogue(jdbc);
        importPtvAndSheet();
        assertThat(snapshot().stream().map(row -> row.substring(0, 36)).toList())
                .isEqualTo(before.stream().map(row -> row.substring(0, 36)).toList());
    }

    @Test
    void aCoordinatorsOwnListIsDeduplicatedThroughTheAdminApiAsByTheCommand() throws Exception {
        byte[] list = Files.readAllBytes(Path.of("src/test/resources/dedup/small-list.csv"));
        byte[] mapping = Files.readAllBytes(Path.of("src/test/resources/dedup/small-list.yaml"));

        HttpResponse<String> clusters = dedupe(list, mapping, "", true);
        HttpResponse<String> review = dedupe(list, mapping, "?output=review", true);

        assertThat(clusters.statusCode()).isEqualTo(200);
        assertThat(clusters.body()).isEqualTo(Files.readString(Path.of("src/test/resources/golden/dedup/small-list.clusters.csv")));
        assertThat(clusters.headers().firstValue("X-Dedupe-Entities")).hasValue("12");
        assertThat(review.body()).isEqualTo(
                Files.readString(Path.of("src/test/resources/golden/dedup/small-list.clusters.review.csv")));
        HttpResponse<String> badMapping = dedupe(list, "columns:\n  name: Nimi\n".getBytes(StandardCharsets.UTF_8), "", true);
        assertThat(badMapping.statusCode()).isEqualTo(422);
        assertThat(json.readTree(badMapping.body()).get("detail").asText())
                .isEqualTo("the mapping map.yaml must name the id column (columns.id)");
        assertThat(dedupe(list, mapping, "", false).statusCode()).isEqualTo(401);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private ImportRun importToEnd(String source) {
        return ImportRuns.awaitEnd(runs, launcher.launch(source, ImportKind.FULL, "test").id());
    }

    private void importPtvAndSheet() throws IOException {
        assertThat(importToEnd("ptv").status()).isEqualTo(RunStatus.SUCCEEDED);
        SpreadsheetReport sheet = upload(sheet());
        assertThat(sheet.status()).isEqualTo("succeeded");
        assertThat(sheet.rejected()).isEmpty();
    }

    private String sheet() throws IOException {
        return Files.readString(SHEET);
    }

    private SpreadsheetReport upload(String content) throws IOException {
        return spreadsheets.importUpload(spreadsheets.mapping("jarjestot").orElseThrow(), "jarjestot.csv",
                content.getBytes(StandardCharsets.UTF_8), "test");
    }


    private static UUID founded(String source, RecordKind kind, String sourceId) {
        return JdbcEntityRepository.entityIdFor(source, kind, sourceId);
    }

    /** Every entity of a type: status, name and its records, by name then status. */
    private List<String> entities(String type) {
        return jdbc.queryForList("""
                SELECT e.status || ' ' || (e.document #>> '{name,fi}') || ' ['
                       || coalesce((SELECT string_agg(s.source || ':' || s.source_id, ', ' ORDER BY s.source, s.source_id)
                                      FROM entity_member em JOIN source_record s ON s.id = em.source_record_id
                                     WHERE em.entity_id = e.id), '') || ']'
                  FROM entity e WHERE e.entity_type = ?
                 ORDER BY e.status, e.document #>> '{name,fi}' COLLATE "C\"""", String.class, type);
    }

    /** The organisation entity the published service of a spreadsheet row points to. */
    private UUID organisationOfService(String row) {
        return jdbc.queryForObject("""
                SELECT c.organization_id FROM catalogue_entry c
                  JOIN entity_member em ON em.entity_id = c.entity_id
                  JOIN source_record s ON s.id = em.source_record_id
                 WHERE s.source = ? AND s.kind = 'service' AND s.source_id = ?""", UUID.class, SHEET_SOURCE, row);
    }

    /** Active published entries whose organisation, service or location is an entity merged away or retired. */
    private long referencesToRetiredEntities() {
        return CatalogueRecords.count(jdbc, """
                SELECT count(*) FROM catalogue_entry c JOIN entity e
                    ON e.id IN (c.organization_id, c.service_id, c.location_id)
                 WHERE c.status = 'active' AND e.status <> 'active'""");
    }

    private List<String> activeNames(String type) {
        return jdbc.queryForList("""
                SELECT e.document #>> '{name,fi}' FROM entity e JOIN catalogue_entry c ON c.entity_id = e.id
                 WHERE e.entity_type = ? AND c.status = 'active' ORDER BY e.document #>> '{name,fi}' COLLATE "C\"""",
                String.class, type);
    }

    /** Every entity: id, status, successor and when its document last changed. */
    private List<String> snapshot() {
        return jdbc.queryForList("""
                SELECT id || ' ' || status || ' ' || coalesce(successor_id::text, '-') || ' ' || last_modified
                  FROM entity ORDER BY id""", String.class);
    }

    private static List<String> pairs(JsonNode reviews) {
        return java.util.stream.StreamSupport.stream(reviews.spliterator(), false)
                .map(review -> review.get("entityType").asText() + " " + review.path("a").get("name").asText() + " / "
                        + review.path("b").get("name").asText() + " "
                        + String.format(java.util.Locale.ROOT, "%.4f", review.get("score").asDouble()) + " "
                        + review.get("decidedBy").asText())
                .toList();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpRequest.Builder asCoordinator(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("coordinator:test-password".getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode adminGet(String path) throws Exception {
        HttpResponse<String> response = send(asCoordinator(path));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> adminPost(String path, String body) throws Exception {
        return send(asCoordinator(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> dedupe(byte[] list, byte[] mapping, String query, boolean authenticated)
            throws Exception {
        String boundary = "tarjotin-test-boundary";
        byte[] body = concat(part(boundary, "input", "list.csv", list), part(boundary, "mapping", "map.yaml", mapping),
                ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = authenticated ? asCoordinator("/admin/dedupe" + query)
                : HttpRequest.newBuilder(uri("/admin/dedupe" + query));
        return send(request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] part(String boundary, String name, String fileName, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        return concat(head, content, "\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
