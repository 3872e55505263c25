package fi.tarjotin.catalogue;

import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.InvalidConfigurationException;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the tray offers where, as coordinators measure it: organisations and services per municipality, per
 * activity category and per need, the needs no service meets in a municipality, and how current the records
 * are per source. Read from the published read model (active entities only), so it counts what the public API
 * shows. A service offered in the whole country meets a need everywhere but is not counted as any
 * municipality's own.
 */
@Component
public class CoverageReport {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private final NamedParameterJdbcTemplate jdbc;
    private final Taxonomies taxonomies;
    private final Clock clock;
    private final Period staleAfter;
    private final List<String> municipalities;

    CoverageReport(NamedParameterJdbcTemplate jdbc, Taxonomies taxonomies, Clock clock,
            @Value("${tarjotin.reminders.stale-after:P12M}") Period staleAfter,
            @Value("${tarjotin.coverage.municipalities:}") List<String> municipalities) {
        this.jdbc = jdbc;
        this.taxonomies = taxonomies;
        this.clock = clock;
        this.staleAfter = staleAfter;
        for (String code : municipalities) {
            if (!taxonomies.municipalityCodes().contains(code)) {
                throw new InvalidConfigurationException("tarjotin.coverage.municipalities",
                        "'" + code + "' is not a municipality code of mappings/taxonomy/municipalities.csv");
            }
        }
        this.municipalities = List.copyOf(municipalities);
    }

    /** The tray's municipalities ({@code tarjotin.coverage.municipalities}): listed and checked for holes. */
    public List<String> municipalities() {
        return municipalities;
    }

    /** A row of a coverage table: a code with its Finnish, Swedish and English names, and its counts. */
    public record CodeCount(String code, Map<String, String> names, int organisations, int services) {
    }

    /** A need no active service meets in a municipality. */
    public record Hole(String municipality, Map<String, String> municipalityNames, String need,
            Map<String, String> needNames) {
    }

    /**
     * How current a source's records are: {@code unconfirmed} were never assured by their maintainer,
     * {@code stale} were neither assured nor changed within {@code tarjotin.reminders.stale-after},
     * {@code staleSoon} turn stale within the given warning period.
     */
    public record Freshness(String source, String entityType, int records, int unconfirmed, int stale, int staleSoon) {
    }

    /** Active organisations and services in the whole read model. */
    public record Totals(int organisations, int services, int wholeCountryServices) {
    }

    public Totals totals() {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE entity_type = 'organization') AS organisations,
                       count(*) FILTER (WHERE entity_type = 'service') AS services,
                       count(*) FILTER (WHERE entity_type = 'service' AND coverage <> 'limited') AS whole_country
                  FROM catalogue_entry WHERE status = 'active'""", new MapSqlParameterSource(),
                (row, number) -> new Totals(row.getInt("organisations"), row.getInt("services"),
                        row.getInt("whole_country")));
    }

    /**
     * Services offered in each municipality (its own, not whole-country ones) and the organisations offering
     * them; the tray's municipalities are listed even with nothing, others as far as they have services.
     */
    public List<CodeCount> byMunicipality() {
        Map<String, int[]> counts = counts("municipalities", "AND coverage = 'limited'");
        Set<String> codes = new LinkedHashSet<>(municipalities);
        codes.addAll(counts.keySet());
        return rows(codes, counts, taxonomies.municipalities(), "name_");
    }

    public List<CodeCount> byCategory() {
        return rows(taxonomies.activityCategories().keySet(), counts("categories", ""),
                taxonomies.activityCategories(), "label_");
    }

    public List<CodeCount> byNeed() {
        return rows(taxonomies.needs().keySet(), counts("needs", ""), taxonomies.needs(), "label_");
    }

    /** For each of the tray's municipalities, the needs of the taxonomy no active service meets there. */
    public List<Hole> holes() {
        List<String> aland = municipalities.stream().filter(taxonomies::isAland).toList();
        return jdbc.query("""
                SELECT m.code AS municipality, n.code AS need
                  FROM unnest(CAST(:municipalities AS text[])) WITH ORDINALITY AS m (code, position)
                 CROSS JOIN unnest(CAST(:needs AS text[])) WITH ORDINALITY AS n (code, position)
                 WHERE NOT EXISTS (
                        SELECT 1 FROM catalogue_entry e
                         WHERE e.entity_type = 'service' AND e.status = 'active' AND n.code = ANY (e.needs)
                           AND (m.code = ANY (e.municipalities) OR e.coverage = 'whole-country'
                                OR (e.coverage = 'whole-country-except-aland'
                                    AND NOT m.code = ANY (CAST(:aland AS text[])))))
                 ORDER BY m.position, n.position""",
                new MapSqlParameterSource("municipalities", municipalities.toArray(String[]::new))
                        .addValue("needs", taxonomies.needs().keySet().toArray(String[]::new))
                        .addValue("aland", aland.toArray(String[]::new)),
                (row, number) -> new Hole(row.getString("municipality"),
                        names(taxonomies.municipalities().get(row.getString("municipality")), "name_"),
                        row.getString("need"), names(taxonomies.needs().get(row.getString("need")), "label_")));
    }

    /** Per source and kind (organisation, service), how many records are unconfirmed, stale, or soon stale. */
    public List<Freshness> freshness(Period warning) {
        LocalDate today = LocalDate.now(clock.withZone(HELSINKI));
        LocalDate staleBefore = today.minus(staleAfter);
        return jdbc.query("""
                SELECT source, entity_type, count(*) AS records,
                       count(*) FILTER (WHERE assured_date IS NULL) AS unconfirmed,
                       count(*) FILTER (WHERE checked < :staleBefore) AS stale,
                       count(*) FILTER (WHERE checked >= :staleBefore AND checked < :soonBefore) AS stale_soon
                  FROM (SELECT source, entity_type, assured_date,
                               coalesce(assured_date, (last_modified AT TIME ZONE 'Europe/Helsinki')::date) AS checked
                          FROM catalogue_entry
                         WHERE status = 'active' AND entity_type IN ('organization', 'service')) entries
                 GROUP BY source, entity_type ORDER BY source, entity_type""",
                new MapSqlParameterSource("staleBefore", Date.valueOf(staleBefore))
                        .addValue("soonBefore", Date.valueOf(staleBefore.plus(warning))),
                (row, number) -> new Freshness(row.getString("source"), row.getString("entity_type"),
                        row.getInt("records"), row.getInt("unconfirmed"), row.getInt("stale"), row.getInt("stale_soon")));
    }

    // Code -> {organisations, services} over one array column of the active services.
    private Map<String, int[]> counts(String column, String condition) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        jdbc.query("SELECT code, count(DISTINCT organization_id) AS organisations, count(*) AS services"
                + " FROM catalogue_entry, unnest(" + column + ") AS code"
                + " WHERE entity_type = 'service' AND status = 'active' " + condition
                + " GROUP BY code ORDER BY code", new MapSqlParameterSource(), row -> {
                    counts.put(row.getString("code"), new int[] {row.getInt("organisations"), row.getInt("services")});
                });
        return counts;
    }

    private static List<CodeCount> rows(Collection<String> codes, Map<String, int[]> counts,
            Map<String, Map<String, String>> table, String namePrefix) {
        List<CodeCount> rows = new ArrayList<>();
        for (String code : codes) {
            int[] count = counts.getOrDefault(code, new int[2]);
            rows.add(new CodeCount(code, names(table.get(code), namePrefix), count[0], count[1]));
        }
        return rows;
    }

    // {fi, sv, en} names from a taxonomy row; a missing language falls back to Finnish, an unknown code to itself.
    private static Map<String, String> names(Map<String, String> row, String prefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String language : List.of("fi", "sv", "en")) {
            String name = row == null ? null : row.get(prefix + language);
            if (name == null || name.isBlank()) {
                name = row == null ? null : row.get(prefix + "fi");
            }
            names.put(language, name);
        }
        return names;
    }
}
