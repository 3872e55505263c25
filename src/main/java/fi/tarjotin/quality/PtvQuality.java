package fi.tarjotin.quality;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.JsonataEvaluation;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PTV service descriptions checked against the quality criteria of {@code tarjotin.ptv-quality.criteria-file}
 * (default the mapping file {@code quality/ptv-quality.yaml}), per municipality of each service's area: how many meet
 * every criterion, and which fail each, with a link to edit them in PTV. The check reads the current (not
 * retired) PTV records as Tarjotin mapped them, so it is the same whichever PTV API version they came from.
 */
@Component
public class PtvQuality {

    /** The group of services offered in the whole country rather than in named municipalities. */
    public static final String WHOLE_COUNTRY = "whole-country";

    private static final ObjectMapper YAML = new YAMLMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Taxonomies taxonomies;
    private final String editUrl;
    private final MappingFile file;
    private final Set<String> bilingual;
    private final List<Criterion> criteria;

    PtvQuality(NamedParameterJdbcTemplate jdbc, ObjectMapper json, Taxonomies taxonomies,
            MappingFiles mappings, @Value("${tarjotin.ptv-quality.criteria-file}") String criteriaFile,
            @Value("${tarjotin.ptv-quality.edit-url}") String editUrl) {
        this.jdbc = jdbc;
        this.json = json;
        this.taxonomies = taxonomies;
        this.editUrl = editUrl;
        this.file = mappings.named("tarjotin.ptv-quality.criteria-file", criteriaFile);
        CriteriaFile contents = read(file);
        this.bilingual = Set.copyOf(contents.bilingualMunicipalities());
        this.criteria = List.copyOf(contents.criteria());
        for (Criterion criterion : criteria) {
            try {
                // Compiling now, and once on an empty service, names a broken test at start-up, not on a page.
                Jsonata.jsonata(criterion.test()).evaluate(input(Map.of(), List.of(), WHOLE_COUNTRY));
            } catch (RuntimeException e) {
                throw file.invalid("criterion '" + criterion.id() + "' does not evaluate: " + e.getMessage());
            }
        }
    }

    /** One criterion: its id, its label per language and its JSONata test. */
    public record Criterion(String id, Map<String, String> label, String test) {
    }

    record CriteriaFile(List<String> bilingualMunicipalities, List<Criterion> criteria) {
    }

    /** A PTV service that failed a criterion. */
    public record Failure(String serviceId, String name, String editUrl) {
    }

    /** One municipality's figures: the failing services per criterion id, in the file's order. */
    public record MunicipalityQuality(String municipality, Map<String, String> names, int services, int meetingAll,
            Map<String, List<Failure>> failing) {
    }

    /** One service checked for one municipality: each criterion id with whether it was met. */
    public record ServiceCheck(String municipality, String serviceId, String name, String editUrl,
            Map<String, Boolean> met) {
    }

    public List<Criterion> criteria() {
        return criteria;
    }

    public MappingFile file() {
        return file;
    }

    /** Every current PTV service checked for every municipality of its area, by municipality code then name. */
    public List<ServiceCheck> checks() {
        Map<String, Map<String, Object>> locations = documents("location");
        Map<String, List<Map<String, Object>>> linksByService = new HashMap<>();
        for (Map<String, Object> link : documents("service_at_location").values()) {
            linksByService.computeIfAbsent(String.valueOf(link.get("service")), key -> new ArrayList<>()).add(link);
        }
        List<Jsonata> tests = criteria.stream().map(criterion -> Jsonata.jsonata(criterion.test())).toList();
        List<ServiceCheck> checks = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> entry : documents("service").entrySet()) {
            Map<String, Object> service = entry.getValue();
            List<Map<String, Object>> channels = new ArrayList<>();
            for (Map<String, Object> link : linksByService.getOrDefault(entry.getKey(), List.of())) {
                Map<String, Object> channel = new HashMap<>();
                channel.put("link", link);
                channel.put("location", locations.getOrDefault(String.valueOf(link.get("location")), Map.of()));
                channels.add(channel);
            }
            String name = name(service);
            for (String municipality : municipalities(service)) {
                Map<String, Object> input = input(service, channels, municipality);
                Map<String, Boolean> met = new LinkedHashMap<>();
                for (int i = 0; i < criteria.size(); i++) {
                    met.put(criteria.get(i).id(),
                            Boolean.TRUE.equals(JsonataEvaluation.evaluateAlone(tests.get(i), input)));
                }
                checks.add(new ServiceCheck(municipality, entry.getKey(), name, editUrl.replace("{id}", entry.getKey()),
                        met));
            }
        }
        checks.sort((a, b) -> a.municipality().equals(b.municipality())
                ? String.CASE_INSENSITIVE_ORDER.compare(a.name(), b.name()) : a.municipality().compareTo(b.municipality()));
        return checks;
    }

    /** The checks summed up per municipality. */
    public List<MunicipalityQuality> byMunicipality() {
        Map<String, List<ServiceCheck>> grouped = new TreeMap<>();
        for (ServiceCheck check : checks()) {
            grouped.computeIfAbsent(check.municipality(), key -> new ArrayList<>()).add(check);
        }
        List<MunicipalityQuality> result = new ArrayList<>();
        grouped.forEach((municipality, checks) -> {
            Map<String, List<Failure>> failing = new LinkedHashMap<>();
            criteria.forEach(criterion -> failing.put(criterion.id(), new ArrayList<>()));
            int meetingAll = 0;
            for (ServiceCheck check : checks) {
                boolean all = true;
                for (Map.Entry<String, Boolean> met : check.met().entrySet()) {
                    if (!met.getValue()) {
                        all = false;
                        failing.get(met.getKey()).add(new Failure(check.serviceId(), check.name(), check.editUrl()));
                    }
                }
                meetingAll += all ? 1 : 0;
            }
            Map<String, String> row = taxonomies.municipalities().get(municipality);
            Map<String, String> names = new LinkedHashMap<>();
            for (String language : List.of("fi", "sv", "en")) {
                String value = row == null ? null : row.getOrDefault("name_" + language, row.get("name_fi"));
                names.put(language, value == null ? municipality : value);
            }
            result.add(new MunicipalityQuality(municipality, names, checks.size(), meetingAll, failing));
        });
        return result;
    }

    private Map<String, Object> input(Map<String, Object> service, List<Map<String, Object>> channels,
            String municipality) {
        Map<String, Object> input = new HashMap<>();
        input.put("service", service);
        input.put("channels", channels);
        input.put("municipality", municipality);
        input.put("bilingual", bilingual.contains(municipality));
        return input;
    }

    @SuppressWarnings("unchecked")
    private static List<String> municipalities(Map<String, Object> service) {
        Object area = service.get("area");
        if (area instanceof Map<?, ?> map && "limited".equals(map.get("scope"))
                && map.get("municipalities") instanceof List<?> codes && !codes.isEmpty()) {
            return (List<String>) codes;
        }
        return List.of(WHOLE_COUNTRY);
    }

    private static String name(Map<String, Object> service) {
        if (service.get("name") instanceof Map<?, ?> names) {
            for (String language : List.of("fi", "sv", "en")) {
                if (names.get(language) instanceof String name) {
                    return name;
                }
            }
        }
        return "";
    }

    // Current PTV records of one kind, by source id, as plain maps JSONata reads.
    private Map<String, Map<String, Object>> documents(String kind) {
        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        jdbc.query("""
                SELECT s.source_id, m.document::text AS document FROM source_record s
                  JOIN mapped_record m ON m.source_record_id = s.id
                 WHERE s.source = 'ptv' AND s.kind = :kind AND s.retired_at IS NULL ORDER BY s.source_id""",
                new MapSqlParameterSource("kind", kind), row -> {
                    try {
                        documents.put(row.getString("source_id"),
                                json.readValue(row.getString("document"), new TypeReference<>() { }));
                    } catch (IOException e) {
                        throw new IllegalStateException("A mapped PTV " + kind + " is not JSON", e);
                    }
                });
        return documents;
    }

    private static CriteriaFile read(MappingFile file) {
        try {
            Map<String, Object> root = YAML.readValue(file.read(), new TypeReference<>() { });
            List<String> bilingual = YAML.convertValue(root.getOrDefault("bilingual-municipalities", List.of()),
                    new TypeReference<List<String>>() { });
            List<Criterion> criteria = YAML.convertValue(root.get("criteria"), new TypeReference<List<Criterion>>() { });
            if (criteria == null || criteria.isEmpty()) {
                throw file.invalid("lists no criteria");
            }
            for (Criterion criterion : criteria) {
                if (criterion.id() == null || criterion.test() == null || criterion.label() == null) {
                    throw file.invalid("every criterion needs an id, a label and a test");
                }
            }
            return new CriteriaFile(bilingual, criteria);
        } catch (IOException e) {
            throw file.invalid("cannot be read: " + e.getMessage());
        }
    }
}
