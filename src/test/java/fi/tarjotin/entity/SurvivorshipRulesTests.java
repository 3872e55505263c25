package fi.tarjotin.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.system.InvalidConfigurationException;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped survivorship file is a contract the build checks, and the golden record follows its rules: source
 * order, the record changed last, and unions (areas to the widest scope), each field with its records.
 */
class SurvivorshipRulesTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SurvivorshipRules SHIPPED = SurvivorshipRules.load(
            new MappingFiles(Path.of("mappings")).file("dedup/survivorship.yaml"));

    @TempDir
    Path folder;

    @Test
    void theShippedFileTrustsPtvFirstAndEveryCoordinatorsListNext() {
        assertThat(SHIPPED.sourceOrder()).containsExactly("ptv", "spreadsheet-*", "lahella", "toimeksi");
        assertThat(List.of(SHIPPED.rankOf("ptv"), SHIPPED.rankOf("spreadsheet-jarjestot"), SHIPPED.rankOf("lahella"),
                SHIPPED.rankOf("toimeksi"), SHIPPED.rankOf("unknown"))).containsExactly(0, 1, 2, 3, 4);
        assertThat(SHIPPED.ruleFor("organization", "name")).isEqualTo(SurvivorshipRules.Rule.SOURCE_ORDER);
        assertThat(SHIPPED.ruleFor("organization", "phones")).isEqualTo(SurvivorshipRules.Rule.MOST_RECENT);
        assertThat(SHIPPED.ruleFor("service", "needs")).isEqualTo(SurvivorshipRules.Rule.UNION);
    }

    @Test
    void aFileWithAnUnknownFieldRuleOrKeyOrARuleOnAReferenceIsRefused() throws IOException {
        assertRefused("source-order: [ptv]\norganization:\n  fields:\n    nimi: union\n",
                "organization.fields.nimi is not a field of organization");
        assertRefused("source-order: [ptv]\nservice:\n  fields:\n    needs: newest\n",
                "service.fields.needs: unknown rule 'newest'; use source-order, most-recent or union");
        assertRefused("source-order: [ptv]\nservice:\n  fields:\n    organization: union\n",
                "service.fields.organization is a reference and always comes from the entity's first record");
        assertRefused("source-order: []\n", "source-order must name at least one source");
        assertRefused("source-order: [ptv]\nlocation: {}\n", "cannot be read: Unrecognized field \"location\"");
    }

    @Test
    void theGoldenRecordTakesEachFieldByItsRuleAndSaysWhichRecordsGaveIt() throws IOException {
        MemberRecord ptv = member("ptv", "p1", "2025-01-01T00:00:00Z", """
                {"name": {"fi": "Kuopion Invalidit ry", "sv": "Kuopio invalider rf"}, "organization": "o-ptv",
                 "phones": [{"number": "+358172613777"}], "categories": ["vertaistuki"],
                 "area": {"scope": "limited", "municipalities": ["297"]}}""");
        MemberRecord sheet = member("spreadsheet-jarjestot", "KL-3", "2026-06-01T00:00:00Z", """
                {"name": {"fi": "Kuopion Invalidit r.y."}, "organization": "KL-3",
                 "phones": [{"number": "+358445551234"}], "categories": ["vertaistuki", "liikunta"],
                 "area": {"scope": "limited", "municipalities": ["749"]}}""");
        MemberRecord lahella = member("lahella", "a1", null, """
                {"name": {"fi": "Invalidien liikuntaryhmä"}, "area": {"scope": "whole-country"},
                 "needs": ["liikkumisen-rajoitteet"]}""");

        ObjectNode golden = GoldenRecord.of("service", List.of(lahella, sheet, ptv), SHIPPED);

        assertThat(golden.get("name").get("fi").asText()).isEqualTo("Kuopion Invalidit ry");
        assertThat(golden.get("organization").asText()).isEqualTo("o-ptv");
        assertThat(golden.get("phones").toString()).isEqualTo("[{\"number\":\"+358445551234\"}]");
        assertThat(golden.get("categories").toString()).isEqualTo("[\"vertaistuki\",\"liikunta\"]");
        assertThat(golden.get("area").toString())
                .isEqualTo("{\"scope\":\"whole-country\",\"municipalities\":[\"297\",\"749\"]}");
        assertThat(golden.get("provenance").get("source").asText()).isEqualTo("ptv");
        assertThat(golden.get("sources").findValuesAsText("sourceId")).containsExactly("p1", "KL-3", "a1");
        assertThat(golden.get("fieldSources").toString()).isEqualTo("{\"name\":[0],\"organization\":[0],"
                + "\"phones\":[1],\"categories\":[0,1],\"area\":[0,1,2],\"needs\":[2]}");
    }

    private void assertRefused(String yaml, String message) throws IOException {
        Files.createDirectories(folder.resolve("dedup"));
        Files.writeString(folder.resolve("dedup/survivorship.yaml"), yaml);
        MappingFile file = new MappingFiles(folder).file("dedup/survivorship.yaml");
        assertThatThrownBy(() -> SurvivorshipRules.load(file)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(message);
    }

    private static MemberRecord member(String source, String sourceId, String changedAt, String document)
            throws IOException {
        ObjectNode parsed = (ObjectNode) JSON.readTree(document);
        parsed.putObject("provenance").put("source", source).put("sourceId", sourceId);
        return new MemberRecord(sourceId.hashCode(), source, sourceId, changedAt == null ? null : Instant.parse(changedAt),
                parsed, UUID.nameUUIDFromBytes(sourceId.getBytes()));
    }
}
