package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.catalogue.CataloguePublisher;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Details are answered from copies rendered at publish time (Flyway V16): the same bytes and ETags as rendered on
 * request, kept current when what they embed changes, and current after a crash between publishing an entry and
 * rendering the details that embed it.
 */
class StoredDetailTests extends CatalogueApiTestSupport {

    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    private static final String RENAMED = "Kuopion Seudun Omaishoitajat ja Läheiset ry";

    @Autowired
    CataloguePublisher publisher;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void everyDetailAnsweredFromItsStoredCopyIsTheSameBytesAsTheDetailRenderedOnRequest() {
        // Every service and organisation has its copy in every language; services at locations nest their service's.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM catalogue_detail", Long.class)).isEqualTo(3 * jdbc.queryForObject(
                "SELECT count(*) FROM catalogue_entry WHERE entity_type IN ('service', 'organization')", Long.class));
        Map<String, HttpResponse<String>> stored = fetchEveryDetail();

        jdbc.update("DELETE FROM catalogue_detail");
        Map<String, HttpResponse<String>> rendered = fetchEveryDetail();
        requeueEveryDetail();

        assertThat(stored).hasSize(3 * (16 + 6 + 13));
        stored.forEach((path, response) -> {
            HttpResponse<String> onRequest = rendered.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo(onRequest.body());
            assertThat(response.headers().firstValue("ETag")).as(path).isEqualTo(onRequest.headers().firstValue("ETag"));
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .isEqualTo(onRequest.headers().firstValue("Content-Type"));
        });
        String service = "/services/" + id("service", S1_CARERS_PEER_GROUP);
        String etag = fetch(service).headers().firstValue("ETag").orElseThrow();
        assertThat(fetch(service, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void anOrganisationRenamedReachesTheCopyOfItEmbeddedInItsServicesDetails() {
        String organization = id("organization", O1_CARERS_ASSOCIATION);
        String service = id("service", S1_CARERS_PEER_GROUP);
        String original = getJson("/organizations/" + organization).path("name").asText();

        rename(organization, RENAMED);
        publisher.publishPending();

        assertThat(getJson("/services/" + service).path("organization").path("name").asText()).isEqualTo(RENAMED);
        assertThat(storedBody(service, "fi")).contains(RENAMED);
        assertThat(storedBody(id("service", S2_MEMORY_CLUB), "sv")).contains(RENAMED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM catalogue_detail_pending", Long.class)).isZero();

        rename(organization, original);
        publisher.publishPending();
        assertThat(storedBody(service, "fi")).doesNotContain(RENAMED);
    }

    @Test
    void detailsThatEmbedAnEntryPublishedJustBeforeACrashAreRenderedAtTheNextStart() {
        String organization = id("organization", O1_CARERS_ASSOCIATION);
        String service = id("service", S1_CARERS_PEER_GROUP);
        String original = getJson("/organizations/" + organization).path("name").asText();
        // What a crash leaves after a publish batch with the renamed organisation committed (its entry and its own
        // detail) and before the details embedding it were rendered: the trigger queued them with the entry.
        rename(organization, RENAMED);
        transaction.executeWithoutResult(status -> {
            jdbc.update("UPDATE catalogue_entry c SET entity_version = e.version, last_modified = e.last_modified"
                    + " FROM entity e WHERE e.id = c.entity_id AND c.entity_id = ?::uuid", organization);
            jdbc.update("DELETE FROM catalogue_pending WHERE entity_id = ?::uuid", organization);
        });
        assertThat(jdbc.queryForList("SELECT DISTINCT entity_id::text FROM catalogue_detail_pending", String.class))
                .contains(organization, service, id("service", S2_MEMORY_CLUB));
        assertThat(storedBody(service, "fi")).doesNotContain(RENAMED);

        // The next start's reconcile has no entity to publish, and renders what was queued.
        assertThat(publisher.reconcile()).isZero();

        assertThat(storedBody(service, "fi")).contains(RENAMED);
        assertThat(getJson("/services/" + service).path("organization").path("name").asText()).isEqualTo(RENAMED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM catalogue_detail_pending", Long.class)).isZero();

        rename(organization, original);
        publisher.publishPending();
    }

    @Test
    void aCopyWhoseStaleFlagHasTurnedIsNotServed() {
        String service = id("service", S1_CARERS_PEER_GROUP);
        String stale = "\"stale\":false";
        assertThat(storedBody(service, "fi")).contains(stale);
        // A copy rendered long ago whose service turned stale since (the clock is not the test's to move here).
        jdbc.update("UPDATE catalogue_detail SET fresh_until = DATE '2000-01-01' WHERE entity_id = ?::uuid", service);
        jdbc.update("UPDATE catalogue_detail SET body = replace(body, 'Omaishoitajien', 'Vanha') WHERE entity_id = ?::uuid",
                service);

        assertThat(getJson("/services/" + service).path("name").asText()).isEqualTo("Omaishoitajien vertaistukiryhmä");

        publisher.publishPending();
        assertThat(storedBody(service, "fi")).contains("Omaishoitajien vertaistukiryhmä");
        assertThat(jdbc.queryForObject("SELECT min(fresh_until) > current_date FROM catalogue_detail"
                + " WHERE entity_id = ?::uuid", Boolean.class, service)).isTrue();
    }

    private Map<String, HttpResponse<String>> fetchEveryDetail() {
        Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
        jdbc.queryForList("""
                SELECT CASE entity_type WHEN 'service' THEN '/services/' WHEN 'organization' THEN '/organizations/'
                       ELSE '/service_at_locations/' END || entity_id FROM catalogue_entry
                 WHERE entity_type IN ('service', 'organization', 'service_at_location') AND successor_id IS NULL
                 ORDER BY entity_type, entity_id""", String.class)
                .forEach(path -> LANGUAGES.forEach(language -> {
                    String request = path + "?language=" + language;
                    responses.put(request, fetch(request));
                }));
        return responses;
    }

    private void requeueEveryDetail() {
        jdbc.update("INSERT INTO catalogue_detail_pending (entity_id) SELECT entity_id FROM catalogue_entry"
                + " WHERE entity_type IN ('service', 'organization')");
        publisher.publishPending();
    }

    private void rename(String organization, String name) {
        jdbc.update("UPDATE entity SET document = jsonb_set(document, '{name,fi}', to_jsonb(?::text)),"
                + " last_modified = now() WHERE id = ?::uuid", name, organization);
    }

    private String storedBody(String entityId, String language) {
        return jdbc.queryForObject("SELECT body FROM catalogue_detail WHERE entity_id = ?::uuid AND language = ?",
                String.class, entityId, language);
    }
}
