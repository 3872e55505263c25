package fi.tarjotin.reminder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A record as a reminder lists it: its entity, kind, name in every language it has, and each source it
 * comes from (an entity may be built from several).
 *
 * @param kind {@code organization} or {@code service}
 */
public record RemindedRecord(UUID id, String kind, Map<String, String> name, List<Source> sources) {

    /** The name in the language, else in Finnish, Swedish or English. */
    public String name(String language) {
        for (String candidate : List.of(language, "fi", "sv", "en")) {
            if (name.get(candidate) != null) {
                return name.get(candidate);
            }
        }
        return id.toString();
    }

    /**
     * A source of the record and where its maintainer changes it.
     *
     * @param source {@code ptv}, {@code lahella}, {@code toimeksi} or {@code spreadsheet-<name>}
     * @param editAt a web address, or null when changes go through the coordinator (spreadsheets)
     */
    public record Source(String source, String editAt) {
    }
}
