package fi.tarjotin.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import fi.tarjotin.entity.RecordRef;
import fi.tarjotin.entity.ReviewQueue.ReviewItem;
import fi.tarjotin.entity.ReviewQueue;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Duplicates in the console: the review queue, a pair side by side with the fields that differ marked and
 * each field's part in the score, a decision with a note, the decisions (each undoable), and an entity with
 * its records and where each field came from. The same service as {@code /admin/dedup}.
 */
@Controller
class DuplicatesController {

    // Fields no coordinator compares by eye: ids, links and bookkeeping.
    private static final Set<String> HIDDEN_FIELDS = Set.of("provenance", "sources", "fieldSources", "privateDetails",
            "descriptionText");
    // Which compared field (MatchField label) speaks about which document field.
    private static final Map<String, List<String>> SCORED_BY = Map.of("name", List.of("name", "legal_form"),
            "phones", List.of("phone"), "emails", List.of("email"), "webPages", List.of("website"),
            "addresses", List.of("street", "postal_code", "city"), "businessId", List.of("business_id"),
            "organization", List.of("organisation"), "categories", List.of("categories"));

    private final ReviewQueue queue;

    DuplicatesController(ReviewQueue queue) {
        this.queue = queue;
    }

    /** A field of the two records: the texts, whether they differ, and the evidence the fields gave. */
    record FieldRow(String field, String a, String b, boolean differs, Double bits) {
    }

    @GetMapping("/console/duplicates")
    String duplicates(Model model) {
        model.addAttribute("open", queue.list("open", null));
        model.addAttribute("decisions", queue.decisions());
        return "console/duplicates";
    }

    @GetMapping("/console/duplicates/{id}")
    String pair(@PathVariable long id, Model model) {
        ReviewItem item = find(id);
        JsonNode a = queue.recordDocument(item.entityType(), new RecordRef(item.a().source(), item.a().sourceId()))
                .orElse(MissingNode.getInstance());
        JsonNode b = queue.recordDocument(item.entityType(), new RecordRef(item.b().source(), item.b().sourceId()))
                .orElse(MissingNode.getInstance());
        Set<String> fields = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        b.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(HIDDEN_FIELDS);
        List<FieldRow> rows = new ArrayList<>();
        for (String field : fields) {
            String textA = FieldText.of(a.get(field));
            String textB = FieldText.of(b.get(field));
            Double bits = null;
            for (String scored : SCORED_BY.getOrDefault(field, List.of())) {
                Double contribution = item.contributions().get(scored);
                if (contribution != null) {
                    bits = (bits == null ? 0 : bits) + contribution;
                }
            }
            rows.add(new FieldRow(field, textA, textB, !textA.equals(textB), bits));
        }
        model.addAttribute("item", item);
        model.addAttribute("rows", rows);
        return "console/pair";
    }

    @PostMapping("/console/duplicates/{id}")
    String decide(@PathVariable long id, @RequestParam(required = false) String decision,
            @RequestParam(required = false) String note, Principal coordinator, RedirectAttributes redirect) {
        if (decision == null || !ReviewQueue.DECISIONS.contains(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "choose merge or keep apart");
        }
        ReviewQueue.DecisionOutcome outcome = queue.decide(id, decision, note == null || note.isBlank() ? null : note.strip(),
                coordinator.getName()).orElseThrow(() -> notFound(id));
        redirect.addFlashAttribute("decided", outcome);
        return "redirect:/console/duplicates";
    }

    @PostMapping("/console/duplicates/undo")
    String undo(@RequestParam String entityType, @RequestParam String sourceA, @RequestParam String sourceIdA,
            @RequestParam String sourceB, @RequestParam String sourceIdB, RedirectAttributes redirect) {
        if (!queue.undo(entityType, new RecordRef(sourceA, sourceIdA), new RecordRef(sourceB, sourceIdB))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no decision on these two records");
        }
        redirect.addFlashAttribute("undone", true);
        return "redirect:/console/duplicates";
    }

    /** A field of an entity with the records it came from. */
    record EntityField(String field, String value, List<String> from) {
    }

    @GetMapping("/console/entities/{id}")
    String entity(@PathVariable UUID id, Model model) {
        ReviewQueue.EntityView entity = queue.entity(id).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no entity " + id));
        JsonNode document = entity.document();
        List<String> sources = new ArrayList<>();
        document.path("sources").forEach(source -> sources.add(source.path("source").asText() + " "
                + source.path("sourceId").asText()));
        String single = document.path("provenance").path("source").asText() + " "
                + document.path("provenance").path("sourceId").asText();
        List<EntityField> fields = new ArrayList<>();
        document.fieldNames().forEachRemaining(field -> {
            if (!HIDDEN_FIELDS.contains(field) || "privateDetails".equals(field)) {
                List<String> from = new ArrayList<>();
                JsonNode positions = document.path("fieldSources").path(field);
                if (positions.isArray() && !sources.isEmpty()) {
                    positions.forEach(position -> from.add(sources.get(position.asInt())));
                } else {
                    from.add(single);
                }
                fields.add(new EntityField(field, FieldText.of(document.get(field)), from));
            }
        });
        model.addAttribute("entity", entity);
        model.addAttribute("fields", fields);
        return "console/entity";
    }

    private ReviewItem find(long id) {
        return queue.find(id).orElseThrow(() -> notFound(id));
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no review pair " + id);
    }
}
