package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP as frontends and caches expect it: ETags with 304, Cache-Control, gzip, CORS for browsers, and
 * RFC 7807 problems that name the bad parameter — never a 500 or a stack trace.
 */
class ApiHttpBehaviourTests extends CatalogueApiTestSupport {

    @Test
    void anUnchangedResponseIsA304WithoutBodyWhenItsEtagIsSentBack() {
        HttpResponse<String> first = fetch("/services?need=yksinaisyys");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = fetch("/services?need=yksinaisyys", "If-None-Match", etag);
        HttpResponse<String> other = fetch("/services?need=nuoret", "If-None-Match", etag);

        assertThat(etag).matches("W/\"[0-9a-f]{32,}\"");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void publicResponsesMayBeCachedAndAdminResponsesNever() {
        assertThat(fetch("/services").headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
        assertThat(fetch("/services?per_page=1000").headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(fetch("/admin/import-runs").headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void responsesAreGzippedWhenTheClientAcceptsIt() throws IOException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/services?per_page=100"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String body;
        try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            body = new String(gunzip.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json.readTree(body).path("total_items").asInt()).isEqualTo(16);
        assertThat(response.body().length).isLessThan(body.getBytes(StandardCharsets.UTF_8).length / 3);
    }

    @Test
    void browsersOfOtherOriginsMayReadThePublicApi() {
        HttpResponse<String> response = fetch("/services", "Origin", "https://tray.example.com");
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/services/facets"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://tray.example.com").header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET,HEAD");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/services/not-a-uuid                              | id               | id 'not-a-uuid' is not a UUID",
        "/services?organization_id=123                      | organization_id  | organization_id '123' is not a UUID",
        "/services?category=sailing                        | category         | category 'sailing' is not a code of /taxonomy_terms?taxonomy_id=",
        "/services?need=omaishoito,unknown                 | need             | need 'unknown' is not a code of",
        "/services?municipality=999                        | municipality     | municipality '999' is not a code of",
        "/services?per_page=101                            | per_page         | per_page must be between 1 and 100, not 101",
        "/services?per_page=ten                            | per_page         | per_page must be a whole number, not 'ten'",
        "/services?page=0                                  | page             | page must be between 1 and",
        "/services?modified_after=2026-13-01               | modified_after   | modified_after '2026-13-01' is not an ISO 8601 date-time",
        "/services?modified_after=2026-05-01T10:00         | modified_after   | modified_after '2026-05-01T10:00' is not an ISO 8601",
        "/services?language=de                             | language         | language must be fi, sv or en, not 'de'",
        "/services?format=xml                              | format           | format must be json or ndjson, not 'xml'",
        "/services?categroy=vertaistuki                    | categroy         | categroy is not a parameter of this endpoint",
        "/services?page=1&page=2                           | page             | page may be given only once",
        "/services/facets?page=2                           | page             | page is not a parameter of this endpoint",
        "/taxonomy_terms?top_only=yes                      | top_only         | top_only must be true or false, not 'yes'",
        "/taxonomy_terms?taxonomy_id=00000000-0000-0000-0000-000000000000 | taxonomy_id | taxonomy_id '00000000-0000-0000-0000-000000000000' is not a taxonomy",
        "/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000 | taxonomy_term_id | taxonomy_term_id '00000000-0000-0000-0000-000000000000' is not a term",
    })
    void aBadParameterIsA400ProblemNamingIt(String url, String parameter, String detail) {
        HttpResponse<String> response = fetch(url);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = tree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isEqualTo("Invalid parameter");
        assertThat(problem.path("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.path("detail").asText()).startsWith(detail);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
    }

    @Test
    void anUnknownIdIsA404Problem() {
        HttpResponse<String> response = fetch("/organizations/3f1e4c1a-0000-4000-8000-000000000000");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(tree(response.body()).path("detail").asText())
                .isEqualTo("No organization with id 3f1e4c1a-0000-4000-8000-000000000000");
        assertThat(fetch("/no-such-endpoint").statusCode()).isEqualTo(404);
    }

    @Test
    void theContractIsServedAsJsonAndYaml() {
        JsonNode openApi = getJson("/openapi.json");

        assertThat(openApi.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(fetch("/openapi.yaml").body()).startsWith("openapi: 3.1.0");
        assertThat(fetch("/schema/hsds-3.0/compiled/service.json").statusCode()).isEqualTo(200);
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
