package fi.tarjotin.system;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.support.EdgeAndOutageContext;
import fi.tarjotin.support.IntegrationTestSupport;
import fi.tarjotin.support.StandIns;
import fi.tarjotin.support.SwitchableTcpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The database gone under a running service: PostgreSQL reached through a proxy that the test cuts (every
 * connection closed, new ones refused, as when the server stops) and restores. Uncached API and admin requests
 * answer 503 with Retry-After within two seconds, health says DOWN within five, what is held in memory is still
 * served, and everything answers again by itself once the database is back. The service runs here with an
 * external datasource URL ({@link EdgeAndOutageContext}), so the pool is the one Spring Boot makes from
 * {@code spring.datasource.hikari.*}.
 */
@EdgeAndOutageContext
class DatabaseOutageTests extends IntegrationTestSupport {

    private static final SwitchableTcpProxy PROXY = StandIns.DATABASE_PROXY;


    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDatabaseThatIsGoneIsA503WithRetryAfterWithinTwoSecondsAndTheServiceRecoversWhenItIsBack() throws Exception {
        for (String path : List.of("/organizations", "/services", "/services/facets?need=omaishoito", "/taxonomy_terms")) {
            assertThat(get(path, false).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(get("/admin/import-runs", true).statusCode()).isEqualTo(200);

        PROXY.cut();

        for (String path : List.of("/organizations", "/services/" + UUID.randomUUID(), "/admin/import-runs",
                "/admin/rejected-records")) {
            long started = System.nanoTime();
            HttpResponse<String> answer = get(path, path.startsWith("/admin"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(path).hasValue("30");
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(answer.body()).as(path).contains("\"status\":503", "cannot be reached");
            assertThat(millis).as("%s answered after %d ms", path, millis).isLessThan(2_000);
        }
        // What the service holds in memory keeps being served: the three clicks' lists and facets, the taxonomies.
        for (String path : List.of("/services", "/services/facets?need=omaishoito", "/taxonomy_terms", "/openapi.json")) {
            assertThat(get(path, false).statusCode()).as(path).isEqualTo(200);
        }
        long started = System.nanoTime();
        HttpResponse<String> health = get("/actuator/health", false);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).isEqualTo("{\"status\":\"DOWN\"}");

        PROXY.restore();

        long deadline = System.currentTimeMillis() + 30_000;
        while (get("/actuator/health", false).statusCode() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(get("/actuator/health", false).statusCode()).isEqualTo(200);
        assertThat(get("/organizations", false).statusCode()).isEqualTo(200);
        assertThat(get("/admin/import-runs", true).statusCode()).isEqualTo(200);
    }


    private HttpResponse<String> get(String path, boolean coordinator) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(40));
        if (coordinator) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("coordinator:test-password".getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
