package fi.tarjotin.api;

import fi.tarjotin.model.Taxonomies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The tray's vocabularies as HSDS taxonomies and terms: activity categories, needs and diagnoses, and
 * municipalities (under their wellbeing services counties). Ids are name-based UUIDs of the code, so
 * they never change while the code does not.
 */
@Component
public class TaxonomyTerms {

    /** One HSDS taxonomy; {@code filterName} is the list parameter its codes are given in. */
    public enum Vocabulary {
        CATEGORY("activity-categories", "category", "Toiminnan muodot", "Verksamhetsformer", "Kinds of activity",
                "Tarjotin's activity categories: the second click of the tray."),
        NEED("needs", "need", "Tarpeet ja diagnoosit", "Behov och diagnoser", "Needs and diagnoses",
                "Tarjotin's needs, life situations and diagnoses: the first click of the tray."),
        MUNICIPALITY("municipalities", "municipality", "Kunnat", "Kommuner", "Municipalities",
                "Finnish municipalities (Statistics Finland codes) under their wellbeing services counties: the third click.");

        private final String slug;
        private final String filterName;
        private final String nameFi;
        private final String nameSv;
        private final String nameEn;
        private final String description;

        Vocabulary(String slug, String filterName, String nameFi, String nameSv, String nameEn, String description) {
            this.slug = slug;
            this.filterName = filterName;
            this.nameFi = nameFi;
            this.nameSv = nameSv;
            this.nameEn = nameEn;
            this.description = description;
        }

        public UUID id() {
            return nameUuid("taxonomy:" + slug);
        }

        public String slug() {
            return slug;
        }

        public String filterName() {
            return filterName;
        }

        public String name(String language) {
            return switch (language) {
                case "sv" -> nameSv;
                case "en" -> nameEn;
                default -> nameFi;
            };
        }

        public String description() {
            return description;
        }
    }

    /**
     * A term: {@code parentCode} is a county code for municipalities; a county itself is a term of the
     * municipalities taxonomy with {@code county} true.
     */
    public record Term(UUID id, Vocabulary vocabulary, String code, Map<String, String> names, String description,
            String parentCode, boolean county) {

        public String name(String language) {
            String name = names.get(language);
            return name == null || name.isBlank() ? names.get("fi") : name;
        }
    }

    private final Map<UUID, Term> byId = new LinkedHashMap<>();
    private final Map<Vocabulary, Map<String, Term>> byCode = new LinkedHashMap<>();

    TaxonomyTerms(Taxonomies taxonomies) {
        taxonomies.activityCategories().forEach((code, row) -> add(Vocabulary.CATEGORY, code, row, row.get("description_fi"),
                null, false));
        taxonomies.needs().forEach((code, row) -> add(Vocabulary.NEED, code, row, row.get("label_fi"), null, false));
        taxonomies.wellbeingServicesCounties().forEach((code, row) -> add(Vocabulary.MUNICIPALITY, "county-" + code,
                Map.of("label_fi", row.get("name_fi"), "label_sv", row.get("name_sv")), row.get("name_fi"), null, true));
        taxonomies.municipalities().forEach((code, row) -> {
            String county = row.get("wellbeing_services_county");
            add(Vocabulary.MUNICIPALITY, code, Map.of("label_fi", row.get("name_fi"), "label_sv", row.get("name_sv")),
                    row.get("name_fi"), county == null || county.isBlank() ? null : "county-" + county, false);
        });
    }

    public static UUID termId(Vocabulary vocabulary, String code) {
        return nameUuid("taxonomy_term:" + vocabulary.slug + ":" + code);
    }

    public Optional<Term> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Term> find(Vocabulary vocabulary, String code) {
        return Optional.ofNullable(byCode.get(vocabulary).get(code));
    }

    public boolean isFilterCode(Vocabulary vocabulary, String code) {
        Term term = byCode.get(vocabulary).get(code);
        return term != null && !term.county();
    }

    /** The taxonomy with this id. */
    public Optional<Vocabulary> vocabulary(UUID id) {
        return Stream.of(Vocabulary.values()).filter(vocabulary -> vocabulary.id().equals(id)).findFirst();
    }

    /** Every code of a taxonomy that filters take (counties are not codes of their own: their municipalities are). */
    public List<String> filterCodes(Vocabulary vocabulary) {
        return byCode.get(vocabulary).values().stream().filter(term -> !term.county()).map(Term::code).toList();
    }

    /** Terms in file order: counties before municipalities. */
    public List<Term> all() {
        return new ArrayList<>(byId.values());
    }

    /** The municipality codes of a county term's code ({@code county-12}). */
    public List<String> municipalitiesOf(String countyTermCode) {
        return byCode.get(Vocabulary.MUNICIPALITY).values().stream()
                .filter(term -> countyTermCode.equals(term.parentCode())).map(Term::code).toList();
    }

    private void add(Vocabulary vocabulary, String code, Map<String, String> labels, String description,
            String parentCode, boolean county) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String language : List.of("fi", "sv", "en")) {
            String label = labels.get("label_" + language);
            if (label != null && !label.isBlank()) {
                names.put(language, label);
            }
        }
        Term term = new Term(termId(vocabulary, code), vocabulary, code, Collections.unmodifiableMap(names),
                description == null || description.isBlank() ? names.get("fi") : description, parentCode, county);
        byId.put(term.id(), term);
        byCode.computeIfAbsent(vocabulary, key -> new LinkedHashMap<>()).put(code, term);
    }

    private static UUID nameUuid(String name) {
        return UUID.nameUUIDFromBytes(("tarjotin:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
