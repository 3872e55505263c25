package fi.tarjotin.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.dedup.DedupResult.Assignment;
import fi.tarjotin.system.CsvFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine on the labelled set (src/test/resources/dedup/labelled-records.csv, see its README): pairwise
 * precision, recall and F1 exactly as they stand, so any change to the matching shows here, and the cases the
 * issue names one by one.
 */
class DedupQualityTests {

    private static List<DedupRecord> labelled;
    private static Map<String, String> trueCluster;
    private static DedupResult result;

    @BeforeAll
    static void runOnTheLabelledSet() throws Exception {
        labelled = new ArrayList<>();
        trueCluster = new HashMap<>();
        CsvFile file;
        try (InputStream in = DedupQualityTests.class.getResourceAsStream("/dedup/labelled-records.csv")) {
            file = CsvFile.parse(in.readAllBytes());
        }
        for (var row : file.rows()) {
            Map<String, String> cells = file.cells(row);
            labelled.add(DedupRecord.organisation(cells.get("id"), cells.get("name"), cells.get("street"),
                    cells.get("postal_code"), cells.get("city"), cells.get("phone"), cells.get("email"),
                    cells.get("website"), cells.get("business_id")));
            trueCluster.put(cells.get("id"), cells.get("true_cluster"));
        }
        result = new Deduplicator(MatchSettings.defaults()).deduplicate(labelled);
    }

    @Test
    void pairwisePrecisionRecallAndF1OnTheLabelledSet() {
        Map<String, String> predicted = result.assignments().stream()
                .collect(Collectors.toMap(Assignment::recordId, assignment -> assignment.entityId().toString()));
        long truePairs = pairs(trueCluster.values());
        long predictedPairs = pairs(predicted.values());
        long correctPairs = pairs(trueCluster.keySet().stream()
                .map(id -> trueCluster.get(id) + "|" + predicted.get(id)).toList());
        double precision = correctPairs / (double) predictedPairs;
        double recall = correctPairs / (double) truePairs;
        double f1 = 2 * precision * recall / (precision + recall);

        assertThat(List.of(truePairs, predictedPairs, correctPairs)).containsExactly(507L, 484L, 484L);
        assertThat(String.format(Locale.ROOT, "P %.4f R %.4f F1 %.4f", precision, recall, f1))
                .isEqualTo("P 1.0000 R 0.9546 F1 0.9768");
        assertThat(precision).isGreaterThanOrEqualTo(0.97);
        assertThat(f1).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void theBandsAndTheWorkBlockingLeftOnTheLabelledSet() {
        DedupResult.Figures figures = result.figures();
        assertThat(figures.records()).isEqualTo(700);
        // 700 records would make 244,650 pairs; blocking leaves under 1 % of them to score.
        assertThat(figures.candidatePairs()).isEqualTo(1598);
        assertThat(List.of(figures.matchPairs(), figures.possiblePairs(), figures.refusedMerges(),
                (long) result.reviewPairs().size(), (long) figures.entities())).containsExactly(481L, 6L, 2L, 5L, 352L);
    }

    /** The review band is calibrated: nearly every pair it asks about is one organisation. */
    @Test
    void mostPairsForReviewAreOneOrganisation() {
        long trueReviewPairs = result.reviewPairs().stream()
                .filter(pair -> trueCluster.get(pair.recordIdA()).equals(trueCluster.get(pair.recordIdB()))).count();

        assertThat(List.of((long) result.reviewPairs().size(), trueReviewPairs)).containsExactly(5L, 4L);
    }

    /** The weights are learned from the list: what was learned is reported, and agreement beats disagreement. */
    @Test
    void theWeightsAreLearnedFromTheRecords() {
        assertThat(result.learnedWeights()).startsWith("prior ").contains("name_exact", "phone_agrees",
                "learned equivalent name words: ");
        String phoneAgrees = result.learnedWeights().lines().filter(line -> line.startsWith("phone_agrees"))
                .findFirst().orElseThrow();
        assertThat(phoneAgrees).matches("phone_agrees +m 0\\.\\d+ u 0\\.\\d+ +\\+\\d+\\.\\d bits.*");
    }

    /**
     * A hand-made set of Pohjois-Savo associations (src/test/resources/dedup/hand-labelled-associations.csv):
     * sub-organisations and sections next to their parents, MLL and SPR abbreviations, ev.lut., a parent
     * body's prefix, Swedish and Finnish names of one association, a shared office.
     */
    @Test
    void theHandLabelledAssociations() throws Exception {
        List<DedupRecord> records = new ArrayList<>();
        Map<String, String> clusters = new HashMap<>();
        CsvFile file;
        try (InputStream in = DedupQualityTests.class.getResourceAsStream("/dedup/hand-labelled-associations.csv")) {
            file = CsvFile.parse(in.readAllBytes());
        }
        for (var row : file.rows()) {
            Map<String, String> cells = file.cells(row);
            records.add(DedupRecord.organisation(cells.get("id"), cells.get("name"), cells.get("street"),
                    cells.get("postal_code"), cells.get("city"), cells.get("phone"), cells.get("email"),
                    cells.get("website"), cells.get("business_id")));
            clusters.put(cells.get("id"), cells.get("true_cluster"));
        }
        Map<String, String> predicted = new Deduplicator(MatchSettings.defaults()).deduplicate(records).assignments()
                .stream().collect(Collectors.toMap(Assignment::recordId, assignment -> assignment.entityId().toString()));
        long correctPairs = pairs(clusters.keySet().stream().map(id -> clusters.get(id) + "|" + predicted.get(id))
                .toList());

        assertThat(List.of(pairs(clusters.values()), pairs(predicted.values()), correctPairs))
                .containsExactly(24L, 22L, 22L);
        Map<String, UUID> entities = predicted.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> UUID.fromString(entry.getValue())));
        assertOneEntity(entities, "H35", "H36");
        assertOneEntity(entities, "H13", "H14");
        assertThat(List.of(entities.get("H01"), entities.get("H04"), entities.get("H43"), entities.get("H45")))
                .doesNotHaveDuplicates();
    }

    @Test
    void legalFormSpellingsAreOneOrganisation() {
        assertOneEntity(run(
                organisation("1", "Suonenjoen Partiolaiset r.y.", "Satamantie 18", "77400", "SUONENJOKI", "", "toimisto@suonenjoenpartiolaiset.net", ""),
                organisation("2", " Suonenjoen Partiolaiset ry", "satamantie 18", "77400", "Suonenjoki", "017 216 441", "toimisto@suonenjoenpartiolaiset.net", "")),
                "1", "2");
    }

    @Test
    void finnishAndSwedishNamesOfOneOrganisationAreOne() {
        Map<String, UUID> byBusinessId = run(
                organisation("1", "Porvoon Omaishoitajat ry", "Koulukatu 5", "06100", "Porvoo", "019 555 1234", "", "1234567-1"),
                organisation("2", "Borgå Närståendevårdare rf", "Skolgatan 5", "06100", "Borgå", "", "", "FI12345671"));
        assertOneEntity(byBusinessId, "1", "2");
        Map<String, UUID> byContacts = run(
                organisation("1", "Porvoon Omaishoitajat ry", "Koulukatu 5", "06100", "Porvoo", "019 555 1234", "info@porvoonomaishoitajat.fi", ""),
                organisation("2", "Borgå Närståendevårdare rf", "Skolgatan 5", "06100", "Borgå", "+358 19 555 1234", "info@porvoonomaishoitajat.fi", ""));
        assertOneEntity(byContacts, "1", "2");
    }

    @Test
    void federationChaptersSharingTheCentralContactsStayApart() {
        Map<String, UUID> entities = run(
                organisation("central", "Omaishoitajaliitto ry", "Malmin kauppatie 26", "00700", "Helsinki", "020 780 6500", "info@omaishoitajat.fi", "", "omaishoitajat.fi"),
                organisation("iisalmi", "Iisalmen Omaishoitajat ry", "Savonkatu 20", "74100", "Iisalmi", "020 780 6500", "info@omaishoitajat.fi", "", "https://www.omaishoitajat.fi/iisalmi"),
                organisation("iisalmi-2", "Iisalmen omaishoitajat", "Savonk. 20", "74100", "IISALMI", "020 780 6500", "info@omaishoitajat.fi", "", "omaishoitajat.fi/iisalmi"),
                organisation("varkaus", "Varkauden Omaishoitajat ry", "Ahlströminkatu 3", "78200", "Varkaus", "020 780 6500", "info@omaishoitajat.fi", "", "https://www.omaishoitajat.fi/varkaus"),
                organisation("kuopio", "Kuopion Omaishoitajat ry", "", "70100", "Kuopio", "+358 20 780 6500", "info@omaishoitajat.fi", "", "https://omaishoitajat.fi/"),
                organisation("lapua", "Lapuan Omaishoitajat ry", "", "62100", "Lapua", "020 780 6500", "", "", "omaishoitajat.fi"));
        assertOneEntity(entities, "iisalmi", "iisalmi-2");
        assertThat(List.of(entities.get("central"), entities.get("iisalmi"), entities.get("varkaus"),
                entities.get("kuopio"), entities.get("lapua"))).doesNotHaveDuplicates();
    }

    @Test
    void aRenamedOrganisationIsOneByItsBusinessId() {
        assertOneEntity(run(
                organisation("old", "Kuopion Invalidit ry", "Minna Canthin katu 4", "70100", "Kuopio", "017 222 3333", "", "0123456-2"),
                organisation("new", "Pohjois-Savon Vammaisyhdistys ry", "", "70100", "Kuopio", "", "toimisto@psvammaisyhdistys.fi", "FI01234562")),
                "old", "new");
    }

    @Test
    void twoPtvRecordsAreNeverOneEvenThroughAThirdRecordWithTheirBusinessId() {
        Map<String, UUID> entities = run(
                ptvOrganisation("ptv-city", "Kuopion kaupunki", "0171863-9"),
                ptvOrganisation("ptv-unit", "Kuopion kaupunki", "0171863-9"),
                organisation("sheet", "Kuopion kaupunki", "", "", "Kuopio", "", "", "0171863-9"));
        assertThat(entities.get("ptv-city")).isNotEqualTo(entities.get("ptv-unit"));
        assertThat(List.of(entities.get("ptv-city"), entities.get("ptv-unit"))).contains(entities.get("sheet"));
    }

    @Test
    void anOrganisersActivitiesSharingItsContactsAndBusinessIdStayApart() {
        Map<String, UUID> entities = run(
                organisation("ryhma", "Omaishoitajien vertaisryhmä, Kuopio", "Puijonkatu 12", "70100", "Kuopio", "017 123 4567", "info@kuopionomaishoitajat.fi", "7612307-4"),
                organisation("ryhma-2", "Omaishoitajien vertaisryhmä", "Puijonkatu 12", "70100", "Kuopio", "+358171234567", "info@kuopionomaishoitajat.fi", ""),
                organisation("jumppa", "Omaishoitajien tuolijumppa (Kuopio)", "Puijonkatu 12", "70100", "Kuopio", "017 123 4567", "info@kuopionomaishoitajat.fi", "7612307-4"),
                organisation("kahvila", "Omaishoitajien kahvila – Kuopio", "Puijonkatu 12", "70100", "Kuopio", "017 123 4567", "info@kuopionomaishoitajat.fi", "7612307-4"));
        assertOneEntity(entities, "ryhma", "ryhma-2");
        assertThat(List.of(entities.get("ryhma"), entities.get("jumppa"), entities.get("kahvila"))).doesNotHaveDuplicates();
    }

    @Test
    void sameNamedVillageAssociationsInTwoMunicipalitiesStayApart() {
        Map<String, UUID> entities = run(
                organisation("lapua", "Kivijärven Kyläyhdistys ry", "Kylätie 3", "62100", "Lapua", "06 433 1234", "kivijarvenkylayhdistys@gmail.com", ""),
                organisation("salo", "Kivijärven kyläyhdistys ry", "Kivijärventie 10", "24100", "Salo", "02 733 9876", "kivijarvi.salo@gmail.com", ""));
        assertThat(entities.get("lapua")).isNotEqualTo(entities.get("salo"));
    }

    /** A word the sure matches write two ways ("Pk" / "Park") is learned as one word and named in the report. */
    @Test
    void wordsWrittenTwoWaysInSureMatchesAreLearned() {
        List<DedupRecord> records = new ArrayList<>();
        String[][] places = {{"Washington", "Heights"}, {"Humboldt", "Valley"}, {"Garfield", "Ridge"},
            {"Douglas", "Hills"}};
        for (int i = 0; i < places.length; i++) {
            String street = "Lake Street " + (10 + i);
            String phone = "017 555 01" + i + i;
            String email = places[i][0].toLowerCase(Locale.ROOT) + "@example.org";
            String name = places[i][0] + " " + places[i][1] + " %s Learning Center ry";
            records.add(organisation("a" + i, name.formatted("Pk"), street, "7010" + i, "Kuopio", phone, email, ""));
            records.add(organisation("b" + i, name.formatted("Park"), street, "7010" + i, "Kuopio", phone, email, ""));
        }
        DedupResult withLearning = new Deduplicator(MatchSettings.defaults()).deduplicate(records);

        assertThat(withLearning.learnedWeights()).contains("learned equivalent name words: park=pk (4)");
    }

    @Test
    void theSameRecordsGiveTheSameEntityIdsInAnyOrder() {
        List<DedupRecord> shuffled = new ArrayList<>(labelled);
        Collections.shuffle(shuffled, new Random(5));
        Map<String, UUID> again = new Deduplicator(MatchSettings.defaults()).deduplicate(shuffled).assignments()
                .stream().collect(Collectors.toMap(Assignment::recordId, Assignment::entityId));
        assertThat(again).isEqualTo(result.assignments().stream()
                .collect(Collectors.toMap(Assignment::recordId, Assignment::entityId)));
    }

    private static long pairs(java.util.Collection<String> labels) {
        return labels.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).values()
                .stream().mapToLong(size -> size * (size - 1) / 2).sum();
    }

    private static DedupRecord organisation(String id, String name, String street, String postalCode, String city,
            String phone, String email, String businessId) {
        return organisation(id, name, street, postalCode, city, phone, email, businessId, "");
    }

    private static DedupRecord organisation(String id, String name, String street, String postalCode, String city,
            String phone, String email, String businessId, String website) {
        return DedupRecord.organisation(id, name, street, postalCode, city, phone, email, website, businessId);
    }

    /** A PTV organisation: its PTV id is its record id. */
    private static DedupRecord ptvOrganisation(String id, String name, String businessId) {
        return new DedupRecord(id, name, "", "", "Kuopio", "", "", "", businessId, id, "", List.of());
    }

    private static Map<String, UUID> run(DedupRecord... records) {
        return new Deduplicator(MatchSettings.defaults()).deduplicate(List.of(records)).assignments().stream()
                .collect(Collectors.toMap(Assignment::recordId, Assignment::entityId));
    }

    private static void assertOneEntity(Map<String, UUID> entities, String a, String b) {
        assertThat(entities.get(a)).as(a + " and " + b).isEqualTo(entities.get(b));
    }
}
