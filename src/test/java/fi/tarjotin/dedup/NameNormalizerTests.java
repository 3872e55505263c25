package fi.tarjotin.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.dedup.NameNormalizer.NameVariant;
import fi.tarjotin.dedup.NameNormalizer.NormalizedName;
import org.junit.jupiter.api.Test;

/** What a name is reduced to before names are compared: case, punctuation, spacing and legal forms gone. */
class NameNormalizerTests {

    @Test
    void legalFormSpellingsCaseAndSpacingGiveOneKey() {
        for (String name : new String[] {"Kuopion Omaishoitajat ry", "KUOPION OMAISHOITAJAT R.Y.",
                "Kuopion omaishoitajat r. y.", " Kuopion  Omaishoitajat ry.", "Kuopion Omaishoitajat Ry",
                "Kuopion Omais-hoitajat", "Kuopion Omaishoitajat rekisteröity yhdistys", "Kuopion Omaishoitajat."}) {
            assertThat(NameNormalizer.normalize(name).key()).as(name).isEqualTo("kuopionomaishoitajat");
        }
    }

    @Test
    void theLegalFormIsRememberedByKind() {
        assertThat(NameNormalizer.normalize("Kuopion Omaishoitajat r.y.").legalForm()).isEqualTo(LegalForm.ASSOCIATION);
        assertThat(NameNormalizer.normalize("Borgå Närståendevårdare r.f.").legalForm()).isEqualTo(LegalForm.ASSOCIATION);
        assertThat(NameNormalizer.normalize("Maria ja Toivo Järvisen säätiö sr").legalForm())
                .isEqualTo(LegalForm.FOUNDATION);
        assertThat(NameNormalizer.normalize("Stiftelsen Maria och Toivo Järvisen").key()).isEqualTo("mariatoivojarvisen");
        assertThat(NameNormalizer.normalize("Oy Hoivapalvelu Virtanen Ab").legalForm()).isEqualTo(LegalForm.COMPANY);
        assertThat(NameNormalizer.normalize("Oy Hoivapalvelu Virtanen Ab").key()).isEqualTo("hoivapalveluvirtanen");
        assertThat(NameNormalizer.normalize("Hoivapalvelu Virtanen Ltd").key()).isEqualTo("hoivapalveluvirtanen");
        assertThat(NameNormalizer.normalize("Osuuskunta Kuopion Kotiapu").legalForm()).isEqualTo(LegalForm.COOPERATIVE);
        assertThat(NameNormalizer.normalize("Andelslaget Kuopion Kotiapu").key()).isEqualTo("kuopionkotiapu");
        assertThat(NameNormalizer.normalize("Kuopion Martat").legalForm()).isEqualTo(LegalForm.NONE);
    }

    @Test
    void wordsThatAreTheNameItselfStay() {
        // "yhdistys", "seura" and "liitto" are what the organisation is called, not how it is registered.
        assertThat(NameNormalizer.normalize("Kuopion Marttayhdistys ry").key()).isEqualTo("kuopionmarttayhdistys");
        assertThat(NameNormalizer.normalize("Kuopion Martat ry").key()).isEqualTo("kuopionmartat");
        assertThat(NameNormalizer.normalize("Oy Ab").key()).isEqualTo("oyab");
    }

    @Test
    void accentsAndJoiningWordsDoNotMatter() {
        assertThat(NameNormalizer.normalize("Työväen Näyttämö & Kuoro").key())
                .isEqualTo(NameNormalizer.normalize("Tyovaen Nayttamo ja Kuoro").key()).isEqualTo("tyovaennayttamokuoro");
        assertThat(NameNormalizer.normalize("Kaarinan Diabetesyhdistys ry:n").key()).isEqualTo("kaarinandiabetesyhdistys");
    }

    @Test
    void theRecordsOwnMunicipalityIsLeftOutOfTheName() {
        assertThat(NameNormalizer.normalize("Omaishoitajien vertaisryhmä, Kuopio", "Kuopio").key())
                .isEqualTo(NameNormalizer.normalize("Omaishoitajien vertaisryhmä (KUOPIO)", "KUOPIO").key())
                .isEqualTo("omaishoitajienvertaisryhma");
        // The genitive is part of the name, and a name that is only the municipality stays.
        assertThat(NameNormalizer.normalize("Kuopion Martat", "Kuopio").key()).isEqualTo("kuopionmartat");
        assertThat(NameNormalizer.normalize("Kuopio", "Kuopio").key()).isEqualTo("kuopio");
        // A municipality of several words likewise, and a name that is only the municipality stays.
        assertThat(NameNormalizer.normalize("Coyote Cafe (Las Vegas)", "Las Vegas").key()).isEqualTo("coyotecafe");
        assertThat(NameNormalizer.normalize("Las Vegas", "Las Vegas").key()).isEqualTo("lasvegas");
    }

    @Test
    void aNameInTwoLanguagesGivesEachHalfAsAVariant() {
        NormalizedName name = NameNormalizer.normalize("Suomen Punainen Risti ry / Finlands Röda Kors rf");
        assertThat(name.variants()).extracting(NameVariant::key)
                .containsExactly("suomenpunainenristifinlandsrodakors", "suomenpunainenristi", "finlandsrodakors");
        // A one-word half is too generic to stand for the organisation; a dash names a section, not a language.
        assertThat(NameNormalizer.normalize("Kuopion Martat / Nuoret").variants()).hasSize(2);
        assertThat(NameNormalizer.normalize("Kuopion Martat – Nuoret").variants()).hasSize(1);
    }
}
