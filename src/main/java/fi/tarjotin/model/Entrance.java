package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An entrance of a service location with its accessibility facts ("Reitti pääsisäänkäynnille on tasainen").
 *
 * @param main whether it is the main entrance
 * @param coordinates where it is, when the register knows
 * @param accessibility the facts in groups: the group's heading and its sentences, each in every language
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Entrance(Boolean main, Coordinates coordinates, List<AccessibilityGroup> accessibility) {

    /** One heading of the accessibility register ("Pääsisäänkäynti") and what it says under it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AccessibilityGroup(LocalizedText group, List<LocalizedText> sentences) {
    }
}
