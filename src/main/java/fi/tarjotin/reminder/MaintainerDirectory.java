package fi.tarjotin.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who maintains which record, as of now: a coordinator's override (admin API, then configuration) first,
 * else the maintainer e-mails of the record's private details (spreadsheets), else its public e-mails
 * (PTV, lähellä.fi). Opted-out and unreachable maintainers are left out, with the reason.
 */
@Component
class MaintainerDirectory {

    // Active, current organisations and services; an entity may have members from several sources.
    // A service's business id is its organisation's, so an override by business id covers its services.
    private static final String RECORDS = """
            SELECT e.id, e.entity_type, e.document->'name' AS name,
                   e.document->'privateDetails'->'maintainerEmails' AS maintainer_emails,
                   e.document->'emails' AS emails,
                   coalesce(e.document->>'businessId', o.document->>'businessId') AS business_id,
                   (SELECT jsonb_agg(DISTINCT s.source ORDER BY s.source)
                      FROM entity_member m JOIN source_record s ON s.id = m.source_record_id
                     WHERE m.entity_id = e.id AND s.retired_at IS NULL) AS sources
              FROM entity e
              LEFT JOIN catalogue_entry c ON c.entity_id = e.id
              LEFT JOIN entity o ON o.id = c.organization_id
             WHERE e.status = 'active' AND e.successor_id IS NULL AND e.entity_type IN ('organization', 'service')
             ORDER BY e.id""";

    /** Organisations first, then services, each by name. */
    static final Comparator<RemindedRecord> RECORD_ORDER = Comparator.comparing(RemindedRecord::kind)
            .thenComparing(record -> record.name("fi")).thenComparing(RemindedRecord::id);

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ReminderProperties properties;

    MaintainerDirectory(NamedParameterJdbcTemplate jdbc, ObjectMapper json, ReminderProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /** One maintainer and the records they are sent. */
    record Maintainer(String email, String language, List<RemindedRecord> records) {
    }

    /** A maintainer who gets no reminder, and why. */
    record Skipped(String email, String reason) {
    }

    /**
     * Who would be reminded now, in e-mail order, each with their records (organisations first, then by
     * name); the maintainers left out; and the records nobody maintains.
     */
    record Plan(List<Maintainer> maintainers, List<Skipped> skipped, List<RemindedRecord> withoutMaintainer,
            Map<UUID, RemindedRecord> records) {
    }

    Plan plan() {
        Map<String, ReminderProperties.Override> overrides = overrides();
        Map<String, List<RemindedRecord>> byEmail = new TreeMap<>();
        Map<String, String> overrideLanguages = new TreeMap<>();
        List<RemindedRecord> withoutMaintainer = new ArrayList<>();
        Map<UUID, RemindedRecord> all = new LinkedHashMap<>();
        jdbc.query(RECORDS, new MapSqlParameterSource(), row -> {
            UUID id = row.getObject("id", UUID.class);
            RemindedRecord record = new RemindedRecord(id, row.getString("entity_type"), names(row.getString("name")),
                    sources(row.getString("sources")));
            all.put(id, record);
            ReminderProperties.Override override = overrides.get(id.toString());
            if (override == null && row.getString("business_id") != null) {
                override = overrides.get(row.getString("business_id"));
            }
            Set<String> emails = new LinkedHashSet<>();
            if (override != null) {
                emails.add(normalise(override.email()));
                if (override.language() != null && !override.language().isBlank()) {
                    overrideLanguages.put(normalise(override.email()), override.language());
                }
            } else {
                addAll(emails, row.getString("maintainer_emails"), null);
                if (emails.isEmpty()) {
                    addAll(emails, row.getString("emails"), "address");
                }
            }
            if (emails.isEmpty()) {
                withoutMaintainer.add(record);
            }
            emails.forEach(email -> byEmail.computeIfAbsent(email, key -> new ArrayList<>()).add(record));
        });
        Map<String, MaintainerState> states = states();
        List<Maintainer> maintainers = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        byEmail.forEach((email, records) -> {
            MaintainerState state = states.get(email);
            if (state != null && state.optedOut()) {
                skipped.add(new Skipped(email, "opted out"));
            } else if (state != null && state.unreachableReason() != null) {
                skipped.add(new Skipped(email, "unreachable: " + state.unreachableReason()));
            } else {
                records.sort(RECORD_ORDER);
                maintainers.add(new Maintainer(email, language(state, overrideLanguages.get(email), records),
                        List.copyOf(records)));
            }
        });
        return new Plan(maintainers, skipped, withoutMaintainer, all);
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A language a coordinator chose for the maintainer, else an override's, else Swedish when the records
     * have Swedish names and no Finnish ones, else Finnish.
     */
    private static String language(MaintainerState state, String overrideLanguage, List<RemindedRecord> records) {
        if (state != null && state.languageChosen()) {
            return state.language();
        }
        if (overrideLanguage != null) {
            return overrideLanguage;
        }
        boolean onlySwedish = records.stream().allMatch(record -> record.name().get("fi") == null
                && record.name().get("sv") != null);
        return onlySwedish ? "sv" : "fi";
    }

    private record MaintainerState(String language, boolean languageChosen, boolean optedOut,
            String unreachableReason) {
    }

    private Map<String, MaintainerState> states() {
        Map<String, MaintainerState> states = new LinkedHashMap<>();
        jdbc.query("SELECT email, language, language_chosen, opted_out_at, unreachable_reason FROM maintainer",
                row -> {
                    states.put(row.getString("email"), new MaintainerState(row.getString("language"),
                            row.getBoolean("language_chosen"), row.getTimestamp("opted_out_at") != null,
                            row.getString("unreachable_reason")));
                });
        return states;
    }

    /** Configured overrides, replaced by the admin API's for the same record. */
    private Map<String, ReminderProperties.Override> overrides() {
        Map<String, ReminderProperties.Override> overrides = new LinkedHashMap<>();
        properties.overrides().forEach(override -> overrides.put(override.record().strip(), override));
        jdbc.query("SELECT record, email, language FROM maintainer_override", row -> {
            overrides.put(row.getString("record"), new ReminderProperties.Override(row.getString("record"),
                    row.getString("email"), row.getString("language")));
        });
        return overrides;
    }

    private Map<String, String> names(String text) {
        Map<String, String> names = new TreeMap<>();
        read(text).fields().forEachRemaining(field -> names.put(field.getKey(), field.getValue().asText()));
        return names;
    }

    private List<RemindedRecord.Source> sources(String text) {
        List<RemindedRecord.Source> sources = new ArrayList<>();
        for (JsonNode source : read(text)) {
            sources.add(new RemindedRecord.Source(source.asText(), editAt(source.asText())));
        }
        return sources;
    }

    /**
     * Where a maintainer changes a record of a source: the source's own editing service (a record's source URL
     * is the API address it was read from, no place for a person); spreadsheet records through the coordinator.
     */
    private String editAt(String source) {
        return switch (source) {
            case "ptv" -> properties.editUrls().ptv();
            case "lahella" -> properties.editUrls().lahella();
            case "toimeksi" -> properties.editUrls().toimeksi();
            default -> null;
        };
    }

    private void addAll(Set<String> emails, String text, String field) {
        for (JsonNode item : read(text)) {
            JsonNode value = field == null ? item : item.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                emails.add(normalise(value.asText()));
            }
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON in an entity document", e);
        }
    }
}
