package fi.tarjotin.admin;

import fi.tarjotin.catalogue.CataloguePublisher;
import fi.tarjotin.catalogue.CataloguePublisher.PublishFailure;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Coordinators see which entities the read model could not take, and why; each is tried again after its next
 * change. Authenticated: see SecurityConfiguration.
 */
@RestController
@RequestMapping("/admin/catalogue")
class CatalogueAdminController {

    private final CataloguePublisher publisher;

    CatalogueAdminController(CataloguePublisher publisher) {
        this.publisher = publisher;
    }

    @GetMapping("/publish-failures")
    List<PublishFailure> publishFailures() {
        return publisher.failures();
    }

    /**
     * Compares every entry with its entity now and publishes what is missing or older, as every start does;
     * answers how many entities were published.
     */
    @PostMapping("/reconcile")
    ReconcileOutcome reconcile() {
        return new ReconcileOutcome(publisher.reconcile());
    }

    record ReconcileOutcome(int published) {
    }
}
