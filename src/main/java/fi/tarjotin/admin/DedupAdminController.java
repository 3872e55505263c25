package fi.tarjotin.admin;

import fi.tarjotin.catalogue.CataloguePublisher;
import fi.tarjotin.dedup.CsvDeduplication;
import fi.tarjotin.dedup.DedupInputException;
import fi.tarjotin.entity.EntityResolution;
import fi.tarjotin.entity.RecordRef;
import fi.tarjotin.entity.ReviewQueue.DecisionOutcome;
import fi.tarjotin.entity.ReviewQueue.ReviewItem;
import fi.tarjotin.entity.ReviewQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Deduplication for coordinators: the review queue of uncertain pairs and their decisions, decisions on any two
 * records, an entity with its records, resolving again now, and deduplicating a list of their own. Authenticated: see SecurityConfiguration.
 */
@RestController
@RequestMapping("/admin")
class DedupAdminController {

    private final ReviewQueue queue;
    private final EntityResolution resolution;
    private final CataloguePublisher publisher;

    DedupAdminController(ReviewQueue queue, EntityResolution resolution, CataloguePublisher publisher) {
        this.queue = queue;
        this.resolution = resolution;
        this.publisher = publisher;
    }

    /** Pairs waiting for a decision (or, with {@code status}, decided or withdrawn ones), strongest first. */
    /** The queue, strongest pairs first; paged, with the total in {@code X-Total-Count}. */
    @GetMapping("/dedup/reviews")
    ResponseEntity<List<ReviewItem>> reviews(@RequestParam(defaultValue = "open") String status,
            @RequestParam(name = "type", required = false) String entityType,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (!List.of("open", "decided", "withdrawn").contains(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'status' must be open, decided or withdrawn");
        }
        return AdminPages.slice(queue.list(status, entityType), limit, offset);
    }

    @GetMapping("/dedup/reviews/{id}")
    ReviewItem review(@PathVariable long id) {
        return queue.find(id).orElseThrow(() -> notFound(id));
    }

    /** An entity with its records and whole document (private details and field sources included). */
    @GetMapping("/dedup/entities/{id}")
    ReviewQueue.EntityView entity(@PathVariable UUID id) {
        return queue.entity(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no entity " + id));
    }

    /** What a coordinator answers: {@code merge} or {@code keep-apart}, with an optional note. */
    record DecisionRequest(String decision, String note) {
    }

    /** Decides a queued pair; the catalogue follows at once, and no later run overturns the decision. */
    @PostMapping(path = "/dedup/reviews/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    DecisionOutcome decide(@PathVariable long id, @RequestBody DecisionRequest request, Principal coordinator) {
        try {
            return queue.decide(id, request.decision(), request.note(), coordinator.getName())
                    .orElseThrow(() -> notFound(id));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Two records by their source and source id. */
    record PairDecisionRequest(String entityType, RecordRef a, RecordRef b, String decision, String note) {
    }

    /**
     * Decides any two records: {@code keep-apart} splits an automatic merge, {@code merge} joins what scored
     * too low to be offered. Body: {@code {"entityType", "a": {"source", "sourceId"}, "b": …, "decision", "note"}}.
     */
    @PostMapping(path = "/dedup/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    DecisionOutcome decidePair(@RequestBody PairDecisionRequest request, Principal coordinator) {
        if (request.a() == null || request.b() == null || request.a().source() == null || request.b().source() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a and b must each name a source and sourceId");
        }
        try {
            return queue.decidePair(request.entityType(), request.a(), request.b(), request.decision(),
                    request.note(), coordinator.getName());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** Takes back the decision on two records (body as for a decision, without {@code decision}); 404 if none. */
    @PostMapping(path = "/dedup/decisions/undo", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> undo(@RequestBody PairDecisionRequest request) {
        if (request.a() == null || request.b() == null || request.a().source() == null || request.b().source() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a and b must each name a source and sourceId");
        }
        if (!queue.undo(request.entityType(), request.a(), request.b())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no decision on these two records");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/dedup/decisions")
    ResponseEntity<List<DecisionOutcome>> decisions(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return AdminPages.slice(queue.decisions(), limit, offset);
    }

    /** Resolves every organisation and service now and publishes what changed. */
    @PostMapping("/dedup/resolve")
    List<EntityResolution.Outcome> resolve() {
        List<EntityResolution.Outcome> outcomes = resolution.resolve();
        publisher.publishPending();
        return outcomes;
    }

    /**
     * Deduplicates a coordinator's own list, like the {@code dedupe} command: multipart parts {@code input}
     * (the CSV) and {@code mapping} (the column mapping YAML). Answers the clusters CSV, or with
     * {@code output=review} the pairs for review; a list or mapping that cannot be used is a 422 saying why.
     */
    @PostMapping(path = "/dedupe", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = "text/csv")
    ResponseEntity<String> dedupe(@RequestPart("input") MultipartFile input, @RequestPart("mapping") MultipartFile mapping,
            @RequestParam(defaultValue = "clusters") String output) throws IOException {
        if (!List.of("clusters", "review").contains(output)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "parameter 'output' must be clusters or review");
        }
        CsvDeduplication.Output result;
        try {
            result = CsvDeduplication.run(input.getBytes(), nameOf(input, "input"), mapping.getBytes(),
                    nameOf(mapping, "mapping"));
        } catch (DedupInputException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("X-Dedupe-Records", Integer.toString(result.figures().records()))
                .header("X-Dedupe-Entities", Integer.toString(result.figures().entities()))
                .header("X-Dedupe-Review-Pairs", Integer.toString(result.reviewPairCount()))
                .body("review".equals(output) ? result.reviewPairs() : result.clusters());
    }

    private static String nameOf(MultipartFile file, String part) {
        return file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? part
                : file.getOriginalFilename();
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no review pair " + id);
    }
}
