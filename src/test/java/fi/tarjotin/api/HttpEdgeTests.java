package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.support.EdgeAndOutageContext;
import fi.tarjotin.support.RawHttp.Answer;
import fi.tarjotin.support.RawHttp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The HTTP edge under hostile or careless clients (issue 12): every error from any layer is a problem
 * document, forged forwarding headers are ignored, credentials on public paths are ignored, failed logins are
 * logged and throttled, and the security headers are on every answer. Loopback is not a trusted proxy here, so
 * this test's own requests count as a stranger's.
 */
@ExtendWith(OutputCaptureExtension.class)
@EdgeAndOutageContext
class HttpEdgeTests extends CatalogueApiTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"/services", "/organizations", "/service_at_locations"})
    void anInstantPostgresqlCannotHoldIsA400NamingModifiedAfter(String path) throws IOException {
        for (String instant : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "0000-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            HttpResponse<String> response = fetch(path + "?modified_after=" + encode(instant));
            assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), 400);
            assertThat(json.readTree(response.body()).path("parameter").asText()).as(instant).isEqualTo("modified_after");
        }
        assertThat(fetch(path + "?modified_after=0001-01-01T00:00:00Z").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/services", "/organizations", "/service_at_locations"})
    void acceptingOnlyNdjsonStreamsNdjsonAndRefusingEverythingIsA406(String path) throws IOException {
        HttpResponse<String> ndjson = fetch(path, "Accept", "application/x-ndjson");
        HttpResponse<String> nothing = fetch(path, "Accept", "*/*;q=0");
        HttpResponse<String> jsonRefused = fetch(path + "?format=json", "Accept", "application/x-ndjson");
        HttpResponse<String> html = fetch(path, "Accept", "text/html");

        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        String[] lines = ndjson.body().split("\n");
        assertThat(lines.length).isEqualTo(getJson(path + "?per_page=100").path("total_items").asInt());
        for (String line : lines) {
            assertThat(json.readTree(line).path("id").asText()).isNotEmpty();
        }
        for (HttpResponse<String> refused : List.of(nothing, jsonRefused, html)) {
            assertProblem(refused.statusCode(), refused.headers().firstValue("Content-Type").orElse(""),
                    refused.body(), 406);
        }
        assertThat(fetch(path, "Accept", "application/json;q=0.5, application/x-ndjson;q=0")
                .headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(fetch("/services/facets", "Accept", "*/*;q=0").statusCode()).isEqualTo(406);
    }

    /** Requests the connector, the firewall or the servlet layer refuse: each a problem document, never HTML. */
    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/services/%", "/services%2F..%2Fadmin", "/services/..%2F..%2Fadmin",
            "/services/%2e%2e/admin", "/services;jsessionid=1/x", "/services/a%00b", "/services//x", "/nothing-here",
            "/services/%FF", "/services?<script>=1", "/services?need=\"x\"", "/services|x", "/admin/%252e"})
    void everyRefusedRequestIsAProblemDocument(String target) {
        Answer answer = RawHttp.get(port, target);

        assertThat(answer.status()).as(target).isBetween(400, 499);
        assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), answer.status());
    }

    @Test
    void anOversizedRequestLineOrHeaderIsAProblemDocumentToo() {
        Answer longLine = RawHttp.get(port, "/services?search=" + "a".repeat(20_000));
        Answer longHeader = RawHttp.get(port, "/services", "X-Padding: " + "b".repeat(20_000));

        for (Answer answer : List.of(longLine, longHeader)) {
            assertThat(answer.status()).isBetween(400, 499);
            assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), answer.status());
        }
    }

    @Test
    void anUndecodableQueryStringIsA400NamingTheParameter() throws IOException {
        Answer brokenName = RawHttp.get(port, "/services?%zz=1");
        Answer notUtf8 = RawHttp.get(port, "/services?search=%FF%FE");
        Answer brokenEscape = RawHttp.get(port, "/services?need=%4");

        assertProblem(brokenName.status(), brokenName.header("Content-Type"), brokenName.body(), 400);
        assertThat(json.readTree(brokenName.body()).path("parameter").asText()).isEqualTo("%zz");
        assertProblem(notUtf8.status(), notUtf8.header("Content-Type"), notUtf8.body(), 400);
        assertThat(json.readTree(notUtf8.body()).path("parameter").asText()).isEqualTo("search");
        assertThat(json.readTree(brokenEscape.body()).path("parameter").asText()).isEqualTo("need");
        assertThat(RawHttp.get(port, "/services?search=%C3%A4iti").status()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsOnAPublicEndpointAreIgnored() {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8));

        assertThat(fetch("/services", "Authorization", wrong).statusCode()).isEqualTo(200);
        assertThat(fetch("/actuator/health", "Authorization", wrong).statusCode()).isEqualTo(200);
        assertThat(fetch("/", "Authorization", wrong).statusCode()).isEqualTo(200);
        assertThat(fetch("/admin/import-runs", "Authorization", wrong).statusCode()).isEqualTo(401);
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientAreIgnored() {
        JsonNode about = getJsonWith("/", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
                "Forwarded", "host=evil2.example;proto=https");

        assertThat(about.path("profile").asText()).isEqualTo("http://localhost:" + port + "/profile");
    }

    @Test
    void anonymousClientsGetHealthOnlyFromTheActuator() {
        HttpResponse<String> info = fetch("/actuator/info");
        HttpResponse<String> health = fetch("/actuator/health");

        assertProblem(info.statusCode(), info.headers().firstValue("Content-Type").orElse(""), info.body(), 401);
        assertThat(info.body()).doesNotContain("camel", "uptime");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(fetch("/actuator/info", "Authorization", coordinator()).statusCode()).isEqualTo(200);
    }

    @Test
    void apiAnswersAndHtmlPagesCarryTheSecurityHeaders() {
        HttpResponse<String> api = fetch("/services");
        HttpResponse<String> error = fetch("/services?per_page=0");
        HttpResponse<String> page = fetch("/reminders/confirm?token=not-a-token");

        for (HttpResponse<String> response : List.of(api, error, page)) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .hasValue("default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        }
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(api.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
        assertThat(error.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void failedLoginsAreLoggedAndThrottledPerAccountUntilTheWindowPasses(CapturedOutput output) throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("coordinator:guess-1".getBytes(StandardCharsets.UTF_8));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(clients.submit(() -> fetch("/admin/import-runs", "Authorization", wrong).statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        clients.shutdown();
        HttpResponse<String> rightfulDuringThrottle = fetch("/admin/import-runs", "Authorization", coordinator());

        assertThat(statuses).contains(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).isBetween(5L, 12L);
        assertProblem(rightfulDuringThrottle.statusCode(),
                rightfulDuringThrottle.headers().firstValue("Content-Type").orElse(""), rightfulDuringThrottle.body(), 429);
        assertThat(rightfulDuringThrottle.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
        assertThat(output.getOut()).contains("Failed login for account 'coordinator' from 127.0.0.1: BadCredentialsException");
        assertThat(output.getOut()).doesNotContain("guess-1");

        Thread.sleep(3_100);
        assertThat(fetch("/admin/import-runs", "Authorization", coordinator()).statusCode()).isEqualTo(200);
    }

    private static String coordinator() {
        return "Basic " + Base64.getEncoder().encodeToString("coordinator:test-password".getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode getJsonWith(String path, String... headers) {
        HttpResponse<String> response = fetch(path, headers);
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 9457 problem document with the status, in the problem media type. */
    void assertProblem(int status, String contentType, String body, int expectedStatus) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).as("content type of %s", body).startsWith("application/problem+json");
        try {
            JsonNode problem = json.readTree(body);
            assertThat(problem.path("status").asInt()).as(body).isEqualTo(expectedStatus);
            assertThat(problem.path("title").asText()).as(body).isNotEmpty();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
