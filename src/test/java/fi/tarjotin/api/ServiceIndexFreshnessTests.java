package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.catalogue.CataloguePublisher;
import fi.tarjotin.catalogue.ServiceIndex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The in-memory service index follows the read model: whatever this instance publishes is in the next
 * answer, including the very first publish of a new database, whose generation sequence has not been
 * advanced yet (PostgreSQL reports the same last_value before and after a new sequence's first call).
 */
class ServiceIndexFreshnessTests extends CatalogueApiTestSupport {

    @Autowired
    CataloguePublisher publisher;

    @Autowired
    ServiceIndex index;

    @Test
    void theFirstPublishOfANewDatabaseIsSeenAtOnce() {
        jdbc.execute("ALTER SEQUENCE catalogue_generation RESTART");
        jdbc.execute("TRUNCATE catalogue_entry");
        index.refreshIfChanged();
        assertThat(getJson("/services").path("total_items").asInt()).isZero();

        publisher.reconcile();

        assertThat(getJson("/services").path("total_items").asInt()).isEqualTo(16);
        assertThat(getJson("/services/facets").path("total_items").asInt()).isEqualTo(16);
    }
}
