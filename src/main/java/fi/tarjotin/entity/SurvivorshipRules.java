package fi.tarjotin.entity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fi.tarjotin.model.Organization;
import fi.tarjotin.model.Service;
import fi.tarjotin.system.MappingFile;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code mappings/dedup/survivorship.yaml}: which record's value an entity of several records shows, field by
 * field. Checked when read: every field must be one of the model's, every rule known, every key expected.
 */
public final class SurvivorshipRules {

    /** How one field's value is chosen among an entity's records. */
    public enum Rule {
        SOURCE_ORDER("source-order"), MOST_RECENT("most-recent"), UNION("union");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Rule of(String label, MappingFile file, String where) {
            return Arrays.stream(values()).filter(rule -> rule.label.equals(label)).findFirst()
                    .orElseThrow(() -> file.invalid(where + ": unknown rule '" + label
                            + "'; use source-order, most-recent or union"));
        }
    }

    /**
     * References name a record of the same source, so they must come from the record the entity's references
     * are resolved in (the first in source order) and cannot be given a rule.
     */
    static final Set<String> REFERENCES = Set.of("organization", "parentOrganization");

    private static final Map<String, Class<? extends Record>> MODELS = Map.of("organization", Organization.class,
            "service", Service.class);

    private final List<String> sourceOrder;
    private final Map<String, Map<String, Rule>> fieldRules;
    private final Map<String, Rule> defaultRules;

    private SurvivorshipRules(List<String> sourceOrder, Map<String, Map<String, Rule>> fieldRules,
            Map<String, Rule> defaultRules) {
        this.sourceOrder = sourceOrder;
        this.fieldRules = fieldRules;
        this.defaultRules = defaultRules;
    }

    public static SurvivorshipRules load(MappingFile file) {
        RulesFile read;
        try {
            read = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.read(), RulesFile.class);
        } catch (IOException e) {
            throw file.invalid("cannot be read: " + e.getMessage());
        }
        if (read.sourceOrder == null || read.sourceOrder.isEmpty()) {
            throw file.invalid("source-order must name at least one source");
        }
        Map<String, Map<String, Rule>> fieldRules = new LinkedHashMap<>();
        Map<String, Rule> defaultRules = new LinkedHashMap<>();
        Map<String, TypeRules> byType = new LinkedHashMap<>();
        byType.put("organization", read.organization);
        byType.put("service", read.service);
        for (Map.Entry<String, TypeRules> type : byType.entrySet()) {
            String typeWhere = type.getKey();
            TypeRules rules = type.getValue() == null ? new TypeRules() : type.getValue();
            defaultRules.put(type.getKey(), Rule.of(rules.defaultRule == null ? "source-order" : rules.defaultRule,
                    file, typeWhere + ".default"));
            Set<String> modelFields = Arrays.stream(MODELS.get(type.getKey()).getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toSet());
            Map<String, Rule> fields = new LinkedHashMap<>();
            rules.fields.forEach((field, rule) -> {
                if (REFERENCES.contains(field)) {
                    throw file.invalid(typeWhere + ".fields." + field
                            + " is a reference and always comes from the entity's first record in source order");
                }
                if (!modelFields.contains(field)) {
                    throw file.invalid(typeWhere + ".fields." + field + " is not a field of "
                            + type.getKey() + " (see src/main/java/fi/tarjotin/model/)");
                }
                fields.put(field, Rule.of(rule, file, typeWhere + ".fields." + field));
            });
            fieldRules.put(type.getKey(), fields);
        }
        return new SurvivorshipRules(List.copyOf(read.sourceOrder), fieldRules, defaultRules);
    }

    /** A source's place in the source order: sources the order does not name come after all it names. */
    public int rankOf(String source) {
        for (int rank = 0; rank < sourceOrder.size(); rank++) {
            String pattern = sourceOrder.get(rank);
            boolean matches = pattern.endsWith("*") ? source.startsWith(pattern.substring(0, pattern.length() - 1))
                    : source.equals(pattern);
            if (matches) {
                return rank;
            }
        }
        return sourceOrder.size();
    }

    /** The rule of a field of an organisation or a service; references always follow the source order. */
    public Rule ruleFor(String entityType, String field) {
        if (REFERENCES.contains(field)) {
            return Rule.SOURCE_ORDER;
        }
        return fieldRules.get(entityType).getOrDefault(field, defaultRules.get(entityType));
    }

    public List<String> sourceOrder() {
        return sourceOrder;
    }

    private static final class RulesFile {
        @JsonProperty("source-order")
        List<String> sourceOrder;
        @JsonProperty("organization")
        TypeRules organization;
        @JsonProperty("service")
        TypeRules service;
    }

    private static final class TypeRules {
        @JsonProperty("default")
        String defaultRule;
        @JsonProperty("fields")
        Map<String, String> fields = new LinkedHashMap<>();
    }
}
