package fi.tarjotin.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.MappingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The files under {@code mappings/} are a contract the build checks: every mapping compiles, every
 * crosswalk points at codes its taxonomy has, and a mapping that drifts from the model fails loudly.
 */
class MappingContractTests {

    private static final Path MAPPINGS = Path.of("mappings");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyMappingFileAndCrosswalkLoads() {
        RecordMapper mapper = mapper(MAPPINGS);

        assertThat(mapper.mappingNames()).containsExactly(
                "lahella/location", "lahella/organization", "lahella/service", "lahella/service_at_location",
                "ptv/v11/location", "ptv/v11/organization", "ptv/v11/service", "ptv/v11/service_at_location",
                "ptv/v12/location", "ptv/v12/organization", "ptv/v12/service", "ptv/v12/service_at_location",
                "spreadsheet/location", "spreadsheet/organization", "spreadsheet/service",
                "spreadsheet/service_at_location", "toimeksi/location", "toimeksi/organization", "toimeksi/service",
                "toimeksi/service_at_location");
        assertThat(crosswalks(MAPPINGS).tableNames()).containsExactlyInAnyOrder("lahella/activity-categories",
                "lahella/demographic-needs", "lahella/region-municipalities", "lahella/state-counties",
                "ptv/ontology-term-needs", "ptv/service-class-categories", "ptv/service-class-scope",
                "ptv/target-group-needs", "toimeksi/keyword-categories", "toimeksi/keyword-needs",
                "toimeksi/region-counties");
    }

    @Test
    void taxonomiesHaveTheTraysNineCategoriesAndAtLeastFortyNeeds() {
        Taxonomies taxonomies = new Taxonomies(new MappingFiles(MAPPINGS));

        assertThat(taxonomies.activityCategoryCodes()).containsExactlyInAnyOrder("vertaistuki",
                "kokemusasiantuntijuus", "ravitsemus", "liikunta", "ohjaus-ja-neuvonta", "harrastetoiminta",
                "avoin-kohtaamispaikka", "laheisten-tuki", "kuntoutus");
        assertThat(taxonomies.needCodes()).hasSizeGreaterThanOrEqualTo(40).contains("muistisairaudet",
                "mielenterveys", "paihteet", "yksinaisyys", "omaishoito");
        assertThat(taxonomies.currentMunicipalityCode("911")).as("Valtimo merged into Nurmes").isEqualTo("541");
        assertThat(taxonomies.municipalityCodeNamed("Valtimo")).as("by its former name").contains("541");
        assertThat(List.of("Kuopio", "helsingfors", " Pedersöre ", "Koski Tl").stream()
                .map(name -> taxonomies.municipalityCodeNamed(name).orElse("?")).toList())
                .containsExactly("297", "091", "599", "284");
    }

    @Test
    void mappingThatDoesNotCompileStopsLoadingAndNamesTheFile(@TempDir Path copy) throws IOException {
        copyMappings(copy);
        Files.writeString(copy.resolve("ptv/v12/service.jsonata"), "{ \"name\": $lv(languageVersions, \"name\") ");

        assertThatThrownBy(() -> mapper(copy)).hasMessageContaining("ptv/v12/service.jsonata: does not compile");
    }

    @Test
    void mappingOutputOutsideTheModelIsRejectedWithTheReason(@TempDir Path copy) throws IOException {
        copyMappings(copy);
        Files.writeString(copy.resolve("ptv/v12/organization.jsonata"),
                "{ \"name\": $lv(languageVersions, \"name\"), \"memberCount\": 12 }");
        RecordMapper mapper = mapper(copy);

        assertThatThrownBy(() -> mapper.map("ptv/v12", RecordKind.ORGANIZATION,
                json.readTree("{\"languageVersions\": {\"fi\": {\"name\": \"Yhdistys ry\"}}}")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("output does not fit the organization model")
                .hasMessageContaining("memberCount");
    }

    /**
     * A mapping evaluated for record after record must start from its compiled functions every time: when an
     * evaluation starts in the frames the one before left (jsonata-java 0.9.8 does, see RecordMapper), the frames
     * chain up, every lookup walks them all and mapping slows down with each record. The mapping counts the
     * evaluations it can see in its variables, so it says 1 only when no record's frames reach the next one,
     * a rejected record's included.
     */
    @Test
    void everyRecordIsMappedInFramesOfItsOwnNotInThoseOfTheRecordsBefore(@TempDir Path copy)
            throws IOException, MappingException {
        copyMappings(copy);
        Files.writeString(copy.resolve("ptv/v12/organization.jsonata"), """
                (
                  $evaluationsSeen := $exists($evaluationsSeen) ? $evaluationsSeen + 1 : 1;
                  reject ? $reject("rejected, evaluations seen: " & $string($evaluationsSeen))
                         : {"name": {"fi": "evaluations seen: " & $string($evaluationsSeen)}}
                )""");
        RecordMapper mapper = mapper(copy);
        JsonNode accepted = json.readTree("{\"reject\": false}");
        JsonNode rejected = json.readTree("{\"reject\": true}");

        for (int record = 1; record <= 300; record++) {
            if (record % 3 == 0) {
                assertThatThrownBy(() -> mapper.map("ptv/v12", RecordKind.ORGANIZATION, rejected))
                        .as("record %d", record).hasMessage("rejected, evaluations seen: 1");
            } else {
                assertThat(mapper.map("ptv/v12", RecordKind.ORGANIZATION, accepted).document()
                        .path("name").path("fi").asText()).as("record %d", record).isEqualTo("evaluations seen: 1");
            }
        }
    }

    @Test
    void crosswalkToAnUnknownCategoryStopsLoading(@TempDir Path copy) throws IOException {
        copyMappings(copy);
        Files.writeString(copy.resolve("ptv/service-class-categories.csv"), "service_class,category\nP5.17,jooga\n");

        assertThatThrownBy(() -> crosswalks(copy)).hasMessageContaining("'jooga' is not a known category code");
    }

    @Test
    void everyTextFieldIsPlainTextAndOnlyTheDescriptionKeepsItsSafeHtml() throws IOException, MappingException {
        RecordMapper mapper = mapper(MAPPINGS);

        JsonNode service = mapper.map("ptv/v12", RecordKind.SERVICE, json.readTree("""
                {"languageVersions": {"fi": {
                   "name": "<b>Omais</b>hoitajien <script>alert(1)</script>vertaisryhmä",
                   "alternativeName": "Vertais &amp; tuki",
                   "description": "<p>Tule <b>mukaan</b></p><script>alert(2)</script>",
                   "freelyAssignedKeywords": ["<i>omaishoito</i>", "=SUM(A1)", "lapset < 7 v"]}}}""")).document();

        assertThat(service.path("name").path("fi").asText()).isEqualTo("Omaishoitajien vertaisryhmä");
        assertThat(service.path("alternateName").path("fi").asText()).isEqualTo("Vertais & tuki");
        assertThat(service.path("keywords").path("fi")).extracting(JsonNode::asText)
                .containsExactly("omaishoito", "=SUM(A1)", "lapset < 7 v");
        assertThat(service.path("description").path("fi").asText()).isEqualTo("<p>Tule <b>mukaan</b></p>");
        assertThat(service.path("descriptionText").path("fi").asText()).isEqualTo("Tule mukaan");
        assertThatThrownBy(() -> mapper.map("ptv/v12", RecordKind.SERVICE, json.readTree("""
                {"languageVersions": {"fi": {"name": "<script>alert(1)</script>"}}}""")))
                .isInstanceOf(MappingException.class).hasMessage("no name in Finnish, Swedish or English");
    }

    @Test
    void unknownMunicipalityInARecordIsRejected() {
        RecordMapper mapper = mapper(MAPPINGS);

        assertThatThrownBy(() -> mapper.map("ptv/v12", RecordKind.SERVICE, json.readTree("""
                {"languageVersions": {"fi": {"name": "Palvelu"}},
                 "area": {"areaType": "LimitedArea", "municipalities": ["001"]}}""")))
                .isInstanceOf(MappingException.class).hasMessage("unknown municipality code '001'");
    }

    private static Crosswalks crosswalks(Path directory) {
        MappingFiles mappings = new MappingFiles(directory);
        return new Crosswalks(mappings, new Taxonomies(mappings));
    }

    private RecordMapper mapper(Path directory) {
        MappingFiles mappings = new MappingFiles(directory);
        Taxonomies taxonomies = new Taxonomies(mappings);
        Crosswalks crosswalks = new Crosswalks(mappings, taxonomies);
        TextSanitizer sanitizer = new TextSanitizer();
        JsonataFunctions functions = new JsonataFunctions(sanitizer, new CoordinateTransformer(),
                crosswalks, taxonomies);
        return new RecordMapper(mappings, functions, crosswalks, json, new ModelValidator(taxonomies), sanitizer);
    }

    private static void copyMappings(Path target) throws IOException {
        FileSystemUtils.copyRecursively(MAPPINGS, target);
    }
}
