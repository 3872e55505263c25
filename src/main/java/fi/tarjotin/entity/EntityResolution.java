package fi.tarjotin.entity;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.dedup.DedupRecord;
import fi.tarjotin.dedup.DedupResult.Assignment;
import fi.tarjotin.dedup.DedupResult.ReviewPair;
import fi.tarjotin.dedup.DedupResult;
import fi.tarjotin.dedup.Deduplicator;
import fi.tarjotin.entity.JdbcEntityResolutionRepository.EntityState;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.system.MappingFiles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges the organisations and services that several records describe into one entity each: every live record
 * of the kind goes through the {@link Deduplicator} with the coordinators' decisions, each resulting cluster
 * becomes one entity, and each entity's document is chosen field by field by the survivorship rules.
 *
 * <p>Ids stay stable: every record founded an entity when it first arrived (a name-based UUID of its source,
 * kind and id), and a cluster keeps the oldest active entity among its records' present and founded ones, so
 * the id the API has been serving survives a merge. The other entities become inactive with the survivor as
 * their {@code successor_id}. When a cluster splits, the part without the old id takes the entity one of its
 * records founded, so a split undoes a merge exactly. Organisations are resolved first: a service's
 * organisation, compared when services are matched, is its organisation's entity.
 */
@Component
public class EntityResolution {

    private static final Logger log = LoggerFactory.getLogger(EntityResolution.class);

    private final JdbcEntityResolutionRepository repository;
    private final TransactionTemplate transaction;
    private final DedupProperties properties;
    private final SurvivorshipRules rules;
    private final Deduplicator deduplicator;

    EntityResolution(JdbcEntityResolutionRepository repository, TransactionTemplate transaction,
            DedupProperties properties, MappingFiles mappings) {
        this.repository = repository;
        this.transaction = transaction;
        this.properties = properties;
        this.rules = SurvivorshipRules.load(mappings.file("dedup/survivorship.yaml"));
        this.deduplicator = new Deduplicator(properties.matchSettings());
    }

    /** What one resolution did, per entity type. */
    public record Outcome(String entityType, int records, int entities, int mergedEntities, int retiredEntities,
            int openReviews) {
    }

    /** Resolves organisations, then services, in one transaction; returns what each step did. */
    public List<Outcome> resolve() {
        if (!properties.enabled()) {
            return List.of();
        }
        long started = System.nanoTime();
        List<Outcome> outcomes = transaction.execute(status -> {
            repository.lockForResolution();
            Instant now = Instant.now();
            Map<String, UUID> organisationEntities = new HashMap<>();
            Outcome organisations = resolve(RecordKind.ORGANIZATION, Map.of(), organisationEntities, now);
            Outcome services = resolve(RecordKind.SERVICE, organisationEntities, new HashMap<>(), now);
            return List.of(organisations, services);
        });
        log.info("Entity resolution in {} ms: {}", (System.nanoTime() - started) / 1_000_000, outcomes);
        return outcomes;
    }

    public SurvivorshipRules rules() {
        return rules;
    }

    private Outcome resolve(RecordKind kind, Map<String, UUID> organisationEntities, Map<String, UUID> entityByKey,
            Instant now) {
        String type = kind.value();
        List<MemberRecord> members = repository.liveMembers(type);
        Map<String, MemberRecord> byKey = new LinkedHashMap<>();
        List<DedupRecord> records = new ArrayList<>(members.size());
        for (MemberRecord member : members) {
            byKey.put(member.key(), member);
            records.add(MatchInput.of(kind, member, organisationEntities));
        }
        DedupResult result = deduplicator.deduplicate(records, repository.decisions(type));

        Map<UUID, List<MemberRecord>> clustersById = new LinkedHashMap<>();
        for (Assignment assignment : result.assignments()) {
            clustersById.computeIfAbsent(assignment.entityId(), id -> new ArrayList<>())
                    .add(byKey.get(assignment.recordId()));
        }
        List<List<MemberRecord>> clusters = new ArrayList<>(clustersById.values());
        // Larger clusters choose their id first, then by their first record: the same order on every run.
        clusters.sort(Comparator.comparingInt((List<MemberRecord> cluster) -> -cluster.size())
                .thenComparing(cluster -> cluster.get(0).key()));

        Set<UUID> known = new HashSet<>();
        for (MemberRecord member : members) {
            known.add(member.entityId());
            known.add(founded(kind, member));
        }
        Map<UUID, EntityState> states = repository.entities(known);
        Set<UUID> taken = new HashSet<>();
        Map<UUID, UUID> survivorOfFormer = new HashMap<>();
        List<Long> movedRecords = new ArrayList<>();
        List<UUID> movedTo = new ArrayList<>();
        Set<UUID> entitiesThatLostRecords = new HashSet<>();
        int merged = 0;
        for (List<MemberRecord> cluster : clusters) {
            UUID survivor = survivorOf(kind, cluster, states, taken);
            taken.add(survivor);
            for (MemberRecord member : cluster) {
                entityByKey.put(member.key(), survivor);
                survivorOfFormer.putIfAbsent(member.entityId(), survivor);
                survivorOfFormer.putIfAbsent(founded(kind, member), survivor);
                if (!member.entityId().equals(survivor)) {
                    movedRecords.add(member.sourceRecordId());
                    movedTo.add(survivor);
                    entitiesThatLostRecords.add(member.entityId());
                }
            }
            if (cluster.size() > 1) {
                merged++;
            }
            writeIfChanged(type, survivor, cluster, states.get(survivor), now);
        }
        repository.moveMembers(movedRecords, movedTo);
        List<UUID> retiring = new ArrayList<>();
        List<UUID> successors = new ArrayList<>();
        for (EntityState state : states.values()) {
            UUID successor = survivorOfFormer.get(state.id());
            if (!taken.contains(state.id()) && successor != null
                    && (state.active() || !successor.equals(state.successorId()))) {
                retiring.add(state.id());
                successors.add(successor);
            }
        }
        repository.retireInto(retiring, successors, now);
        repository.unresolveReferencesTo(type, entitiesThatLostRecords);
        int retired = retiring.size();
        int reviews = recordReviews(type, result.reviewPairs(), now);
        return new Outcome(type, members.size(), clusters.size(), merged, retired, reviews);
    }

    /**
     * The cluster's entity: the oldest active entity its records belong to or founded, else the oldest inactive
     * one (a split gets back the id a record founded), never one another cluster took. Entities made at the
     * same moment (in one run) go by their records in source order, so the first record's entity survives.
     */
    private UUID survivorOf(RecordKind kind, List<MemberRecord> cluster, Map<UUID, EntityState> states,
            Set<UUID> taken) {
        Set<UUID> candidates = new LinkedHashSet<>();
        for (MemberRecord member : GoldenRecord.inSourceOrder(cluster, rules)) {
            candidates.add(member.entityId());
            candidates.add(founded(kind, member));
        }
        Comparator<EntityState> preferred = Comparator.comparing((EntityState state) -> !state.active())
                .thenComparing(EntityState::createdAt);
        EntityState best = null;
        for (UUID candidate : candidates) {
            EntityState state = states.get(candidate);
            if (state != null && !taken.contains(candidate) && (best == null || preferred.compare(state, best) < 0)) {
                best = state;
            }
        }
        if (best != null) {
            return best.id();
        }
        return UUID.nameUUIDFromBytes(("tarjotin-entity:" + kind.value() + ":" + cluster.get(0).key())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static UUID founded(RecordKind kind, MemberRecord member) {
        return JdbcEntityRepository.entityIdFor(member.source(), kind, member.sourceId());
    }

    /**
     * Writes the entity's document when it is not what its records give: a single record's mapped document, or
     * the golden record of several. An unchanged single-record entity is left alone without reading it.
     */
    private void writeIfChanged(String type, UUID id, List<MemberRecord> cluster, EntityState state, Instant now) {
        boolean single = cluster.size() == 1;
        if (single && state != null && state.active() && state.successorId() == null && !state.merged()
                && cluster.get(0).entityId().equals(id)) {
            return;
        }
        JsonNode document = single ? cluster.get(0).document() : GoldenRecord.of(type, cluster, rules);
        if (state != null && state.active() && state.successorId() == null && document.equals(repository.document(id))) {
            return;
        }
        repository.writeActive(id, type, document, now);
    }

    private int recordReviews(String type, List<ReviewPair> pairs, Instant now) {
        for (ReviewPair pair : pairs) {
            RecordRef a = RecordRef.parse(pair.recordIdA());
            RecordRef b = RecordRef.parse(pair.recordIdB());
            boolean inOrder = a.before(b);
            repository.offerForReview(type, inOrder ? a : b, inOrder ? b : a, pair.score(), pair.decidedBy(),
                    pair.contributions(), now);
        }
        repository.withdrawUnoffered(type, now);
        return pairs.size();
    }

    /** The fields of a mapped document the matcher compares. */
    static final class MatchInput {

        private MatchInput() {
        }

        static DedupRecord of(RecordKind kind, MemberRecord member, Map<String, UUID> organisationEntities) {
            JsonNode document = member.document();
            JsonNode address = document.path("addresses").path(0);
            String organisation = "";
            List<String> categories = List.of();
            if (kind == RecordKind.SERVICE) {
                String reference = document.path("organization").asText("");
                UUID organisationEntity = organisationEntities.get(member.source() + ":" + reference);
                organisation = organisationEntity != null ? organisationEntity.toString()
                        : reference.isEmpty() ? "" : member.source() + ":" + reference;
                categories = texts(document.path("categories"));
            }
            String street = String.join(" ", text(address.path("street")), address.path("streetNumber").asText(""))
                    .strip();
            return new DedupRecord(member.key(), text(document.path("name")), street,
                    address.path("postalCode").asText(""), text(address.path("postOffice")),
                    joined(document.path("phones"), "number"), joined(document.path("emails"), "address"),
                    joined(document.path("webPages"), "url"), document.path("businessId").asText(""),
                    "ptv".equals(member.source()) ? member.sourceId() : "", organisation, categories);
        }

        /** A localised text in Finnish, else Swedish, else English. */
        private static String text(JsonNode localized) {
            for (String language : List.of("fi", "sv", "en")) {
                String value = localized.path(language).asText("");
                if (!value.isBlank()) {
                    return value;
                }
            }
            return "";
        }

        private static String joined(JsonNode items, String field) {
            return StreamSupport.stream(items.spliterator(), false).map(item -> item.path(field).asText(""))
                    .filter(value -> !value.isBlank()).collect(Collectors.joining(";"));
        }

        private static List<String> texts(JsonNode array) {
            return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
        }
    }
}
