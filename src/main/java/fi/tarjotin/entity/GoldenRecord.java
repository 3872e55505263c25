package fi.tarjotin.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.entity.SurvivorshipRules.Rule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The document of an entity of several records, field by field by the survivorship rules, with provenance: the
 * first record in source order gives the entity's {@code provenance} (the source its references resolve in),
 * {@code sources} lists every record's provenance in source order, and {@code fieldSources} names, per field,
 * the positions in {@code sources} of the records the value came from.
 */
final class GoldenRecord {

    private static final String PROVENANCE = "provenance";
    // Widest first: the union of two areas is the wider.
    private static final List<String> SCOPES_WIDEST_FIRST = List.of("whole-country", "whole-country-except-aland",
            "limited");

    private GoldenRecord() {
    }

    /** The records in source order: by the rules' source rank, then most recently changed, then source id. */
    static List<MemberRecord> inSourceOrder(List<MemberRecord> members, SurvivorshipRules rules) {
        return members.stream().sorted(Comparator.comparingInt((MemberRecord member) -> rules.rankOf(member.source()))
                .thenComparing(MemberRecord::changedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(MemberRecord::source).thenComparing(MemberRecord::sourceId)).toList();
    }

    static ObjectNode of(String entityType, List<MemberRecord> members, SurvivorshipRules rules) {
        List<MemberRecord> ordered = inSourceOrder(members, rules);
        Set<String> fields = new LinkedHashSet<>();
        for (MemberRecord member : ordered) {
            member.document().fieldNames().forEachRemaining(fields::add);
        }
        fields.remove(PROVENANCE);
        ObjectNode golden = JsonNodeFactory.instance.objectNode();
        ObjectNode fieldSources = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            Rule rule = rules.ruleFor(entityType, field);
            List<Integer> contributors = new ArrayList<>();
            JsonNode value = switch (rule) {
                case SOURCE_ORDER -> first(field, ordered, byPosition(ordered), contributors);
                case MOST_RECENT -> first(field, ordered, byRecency(ordered), contributors);
                case UNION -> union(field, ordered, contributors);
            };
            if (value != null) {
                golden.set(field, value);
                ArrayNode positions = fieldSources.putArray(field);
                contributors.forEach(positions::add);
            }
        }
        golden.set(PROVENANCE, ordered.get(0).document().get(PROVENANCE).deepCopy());
        ArrayNode sources = golden.putArray("sources");
        ordered.forEach(member -> sources.add(member.document().get(PROVENANCE).deepCopy()));
        golden.set("fieldSources", fieldSources);
        return golden;
    }

    private static List<Integer> byPosition(List<MemberRecord> ordered) {
        List<Integer> positions = new ArrayList<>();
        for (int position = 0; position < ordered.size(); position++) {
            positions.add(position);
        }
        return positions;
    }

    private static List<Integer> byRecency(List<MemberRecord> ordered) {
        Comparator<Integer> latestFirst = Comparator.comparing((Integer position) -> ordered.get(position).changedAt(),
                Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
        return byPosition(ordered).stream().sorted(latestFirst.thenComparing(Comparator.naturalOrder())).toList();
    }

    private static JsonNode first(String field, List<MemberRecord> ordered, List<Integer> positions,
            List<Integer> contributors) {
        for (int position : positions) {
            JsonNode value = ordered.get(position).document().get(field);
            if (hasValue(value)) {
                contributors.add(position);
                return value.deepCopy();
            }
        }
        return null;
    }

    private static JsonNode union(String field, List<MemberRecord> ordered, List<Integer> contributors) {
        JsonNode result = null;
        for (int position = 0; position < ordered.size(); position++) {
            JsonNode value = ordered.get(position).document().get(field);
            if (!hasValue(value)) {
                continue;
            }
            JsonNode joined = result == null ? value.deepCopy() : union(result, value);
            if (!joined.equals(result)) {
                contributors.add(position);
            }
            result = joined;
        }
        return result;
    }

    /** Lists joined without repeats, objects key by key, an area's scope the wider; other values the first's. */
    private static JsonNode union(JsonNode first, JsonNode second) {
        if (first.isArray() && second.isArray()) {
            ArrayNode joined = ((ArrayNode) first).deepCopy();
            for (JsonNode item : second) {
                if (!contains(joined, item)) {
                    joined.add(item.deepCopy());
                }
            }
            return joined;
        }
        if (first.isObject() && second.isObject()) {
            ObjectNode joined = ((ObjectNode) first).deepCopy();
            Iterator<Map.Entry<String, JsonNode>> entries = second.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode mine = joined.get(entry.getKey());
                if (!hasValue(mine)) {
                    joined.set(entry.getKey(), entry.getValue().deepCopy());
                } else if ("scope".equals(entry.getKey())) {
                    joined.put("scope", wider(mine.asText(), entry.getValue().asText()));
                } else {
                    joined.set(entry.getKey(), union(mine, entry.getValue()));
                }
            }
            return joined;
        }
        return first;
    }

    private static String wider(String scope, String other) {
        int mine = SCOPES_WIDEST_FIRST.indexOf(scope);
        int theirs = SCOPES_WIDEST_FIRST.indexOf(other);
        return theirs >= 0 && (mine < 0 || theirs < mine) ? other : scope;
    }

    private static boolean contains(ArrayNode array, JsonNode item) {
        for (JsonNode element : array) {
            if (element.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasValue(JsonNode value) {
        return value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())
                && !(value.isTextual() && value.asText().isBlank());
    }
}
