package fi.tarjotin.admin;

import fi.tarjotin.catalogue.CataloguePublisher;
import fi.tarjotin.entity.EntityResolution;
import fi.tarjotin.needs.NeedDecisions.Item;
import fi.tarjotin.needs.NeedDecisions.Outcome;
import fi.tarjotin.needs.NeedDecisions;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Inferred needs for coordinators: the needs the inference stage gave services, with evidence and score, and
 * coordinators' confirmations and rejections of them, which every later import and remap honours. A decision
 * reaches the public API at once (the record's entity changes and is published). Authenticated: see
 * SecurityConfiguration.
 */
@RestController
@RequestMapping("/admin/inferred-needs")
class InferredNeedAdminController {

    private final NeedDecisions decisions;
    private final EntityResolution resolution;
    private final CataloguePublisher publisher;

    InferredNeedAdminController(NeedDecisions decisions, EntityResolution resolution, CataloguePublisher publisher) {
        this.decisions = decisions;
        this.resolution = resolution;
        this.publisher = publisher;
    }

    /**
     * Inferred needs by {@code status}: {@code open} (not decided, the default), {@code confirmed} or
     * {@code rejected}; optionally of one {@code need} code or {@code source}. Weakest first; paged, with the
     * total in {@code X-Total-Count}.
     */
    @GetMapping
    ResponseEntity<List<Item>> list(@RequestParam(defaultValue = "open") String status,
            @RequestParam(required = false) String need, @RequestParam(required = false) String source,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        AdminPages.checkedLimit(limit);
        AdminPages.checkedOffset(offset);
        NeedDecisions.Page page;
        try {
            page = decisions.list(status, need, source, limit, offset);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return AdminPages.page(page.items(), page.total(), limit, offset);
    }

    /** A service record by its source and source id, and one of its needs. */
    record NeedRef(String source, String sourceId, String need) {
    }

    /** What a coordinator answers: {@code confirm} or {@code reject}, with an optional note. */
    record DecisionRequest(String source, String sourceId, String need, String decision, String note) {
    }

    /**
     * Confirms or rejects an inferred need of a record, replacing an earlier decision; 404 when the record has
     * no such inferred (or decided) need.
     */
    @PostMapping(path = "/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Item decide(@RequestBody DecisionRequest request, Principal coordinator) {
        NeedRef ref = checked(new NeedRef(request.source(), request.sourceId(), request.need()));
        Optional<Outcome> outcome;
        try {
            outcome = decisions.decide(ref.source(), ref.sourceId(), ref.need(), request.decision(), request.note(),
                    coordinator.getName());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return published(outcome.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no live service record " + ref.sourceId() + " from " + ref.source() + " with inferred need "
                        + ref.need())));
    }

    /** Takes back the decision on a need of a record (body as for a decision, without {@code decision}); 404 if none. */
    @PostMapping(path = "/decisions/undo", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> undo(@RequestBody NeedRef request) {
        NeedRef ref = checked(request);
        published(decisions.undo(ref.source(), ref.sourceId(), ref.need()).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no decision on need " + ref.need() + " of "
                        + ref.sourceId() + " from " + ref.source())));
        return ResponseEntity.noContent().build();
    }

    /** An entity of several records takes its document from resolution; then the read model follows. */
    private Item published(Outcome outcome) {
        if (outcome.entityHasOtherRecords()) {
            resolution.resolve();
        }
        publisher.publishPending();
        return outcome.item();
    }

    private static NeedRef checked(NeedRef ref) {
        if (ref.source() == null || ref.sourceId() == null || ref.need() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "source, sourceId and need are required");
        }
        return ref;
    }
}
