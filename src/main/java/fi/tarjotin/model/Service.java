package fi.tarjotin.model;

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
 * @param chargeDescription what the service costs and where its prices are ("hinta löytyy hinnastosta")
 * @param fundingType {@code publicly-funded} or {@code market-funded}
 * @param voucher whether the service can be paid with a service voucher (palveluseteli), and how
 * @param generalDescription the source id of the general description (PTV's statutory template) it follows
 * @param lifeEvents, industrialClasses more of the source's classifications (PTV life-event codes, TOL URIs)
 * @param producers who produces the service for its responsible organisation
 * @param otherResponsibleOrganizations source ids of organisations sharing the responsibility
 * @param legislation the laws the service rests on, as links
 * @param processingTime, deadline, validityTime for permits and qualifications: how long it takes,
 *     by when to apply, how long it holds
 * @param codeLabels the names the source gives its codes above (PTV v11 sends them with the codes)
 * @param subType a social or health service's kind under the freedom-of-choice rules
 *     ({@code prescribed-by-freedom-of-choice-act}, {@code other-permission-granted-sote})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Service(LocalizedText name, LocalizedText alternateName, LocalizedText summary,
        LocalizedText description, LocalizedText descriptionText, LocalizedText userInstructions,
        LocalizedText conditions, String organization, String serviceType, String chargeType,
        List<String> languages, ServiceArea area, List<String> categories, List<String> needs,
        List<InferredNeed> inferredNeeds, LocalizedList keywords, List<String> serviceClasses, List<String> targetGroups,
        List<String> ontologyTerms, List<Email> emails, List<Phone> phones, List<WebPage> webPages,
        PrivateDetails privateDetails, LocalizedText chargeDescription, String fundingType, Voucher voucher,
        String generalDescription, List<String> lifeEvents, List<String> industrialClasses,
        List<Producer> producers, List<String> otherResponsibleOrganizations, List<WebPage> legislation,
        LocalizedText processingTime, LocalizedText deadline, LocalizedText validityTime, String subType,
        List<CodeLabel> codeLabels) {
}
