package fi.tarjotin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Facts kept for coordinators only: never part of any public response. Keeping them in one object makes
 * "leave out everything private" one rule instead of a list of fields to remember.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PrivateDetails(List<String> maintainerEmails, Integer members, Integer employees, Integer volunteers,
        Integer volunteerHoursPerYear, Boolean volunteeringProfessionallySupported, String sector,
        String educationBackground) {
}
