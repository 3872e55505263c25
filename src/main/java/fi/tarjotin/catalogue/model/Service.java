package fi.tarjotin.catalogue.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An activity or service offered to people: a peer-support group, exercise counselling, a drop-in café.
 *
 * @param organization the source id of the responsible organisation
 * @param serviceType {@code service}, {@code permit} or {@code qualification}
 * @param chargeType {@code free}, {@code charged} or {@code other}
 * @param languages ISO 639-1 codes of the languages the service is given in
 * @param categories activity category codes (mappings/taxonomy/activity-categories.csv)
 * @param needs need and diagnosis codes (mappings/taxonomy/needs.csv) the source gave
 * @param inferredNeeds needs the source did not give, inferred from the record's words with their evidence
 * @param serviceClasses, targetGroups, ontologyTerms the source's own classifications, kept for traceability
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Service(LocalizedText name, LocalizedText alternateName, LocalizedText summary,
        LocalizedText description, LocalizedText descriptionText, LocalizedText userInstructions,
        LocalizedText conditions, String organization, String serviceType, String chargeType,
        List<String> languages, ServiceArea area, List<String> categories, List<String> needs,
        List<InferredNeed> inferredNeeds, LocalizedList keywords, List<String> serviceClasses, List<String> targetGroups,
        List<String> ontologyTerms, List<Email> emails, List<Phone> phones, List<WebPage> webPages,
        PrivateDetails privateDetails) {
}
