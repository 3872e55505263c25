package fi.tarjotin.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import fi.tarjotin.dedup.ContactNormalizer.Phone;
import fi.tarjotin.dedup.ContactNormalizer.StreetKey;
import org.junit.jupiter.api.Test;

/** Contact details in one comparable form, whatever the source and country wrote. */
class ContactNormalizerTests {

    @Test
    void finnishPhoneNumbersInEveryFormatAreOneNumber() {
        for (String written : new String[] {"017 123 4567", "017-1234567", "0171234567", "+358 17 123 4567",
                "+358171234567", "(017) 123 4567", "+358 (0)17 1234567", "00358 17 1234567"}) {
            assertThat(ContactNormalizer.phones(written, "FI")).as(written).extracting(Phone::e164)
                    .containsExactly("+358171234567");
        }
        assertThat(ContactNormalizer.phones("040 123 4567, 017 261 1234", "FI")).extracting(Phone::e164)
                .containsExactly("+358401234567", "+358172611234");
    }

    @Test
    void foreignNumbersMeetWithOrWithoutTheirCountryCode() {
        Phone international = ContactNormalizer.phone("+46 8 123 45 67", "FI");
        Phone national = ContactNormalizer.phone("08-123 45 67", "FI");
        assertThat(international.e164()).isEqualTo("+4681234567");
        assertThat(national.sameNumber(international)).isTrue();
        assertThat(ContactNormalizer.phone("+44 20 7946 0958", "FI").e164()).isEqualTo("+442079460958");
        assertThat(ContactNormalizer.phone("+1 416 555 0199", "FI").national()).isEqualTo("4165550199");
        // Read in its own region, a national number is exact.
        assertThat(ContactNormalizer.phone("08-123 45 67", "SE").e164()).isEqualTo("+4681234567");
        // Two numbers both written with different country codes are different numbers.
        assertThat(ContactNormalizer.phone("+358 8 123 4567", "FI").sameNumber(international)).isFalse();
        assertThat(ContactNormalizer.phones("puh. 12", "FI")).isEmpty();
    }

    @Test
    void businessIdsAreCheckedAndWrittenOneWay() {
        assertThat(ContactNormalizer.businessId("0123456-2")).isEqualTo("0123456-2");
        assertThat(ContactNormalizer.businessId("FI01234562")).isEqualTo("0123456-2");
        assertThat(ContactNormalizer.businessId(" 123456-2 ")).isEqualTo("0123456-2");
        assertThat(ContactNormalizer.businessId("1234567-1")).isEqualTo("1234567-1");
        // A wrong check digit is a typo of some other id: no id at all is safer.
        assertThat(ContactNormalizer.businessId("0123456-3")).isEmpty();
        // A foreign register number is kept as its letters and digits.
        assertThat(ContactNormalizer.businessId("SE 556677-8899")).isEqualTo("SE5566778899");
        assertThat(ContactNormalizer.businessId("")).isEmpty();
    }

    @Test
    void emailAddressesAreLowerCaseAndFreeMailSaysNothingOfTheOrganisation() {
        assertThat(ContactNormalizer.emails(" Info@Kuopionmartat.FI; mailto:toimisto@kuopionmartat.fi"))
                .containsExactly("info@kuopionmartat.fi", "toimisto@kuopionmartat.fi");
        assertThat(ContactNormalizer.organisationMailDomain("info@kuopionmartat.fi")).isEqualTo("kuopionmartat.fi");
        assertThat(ContactNormalizer.organisationMailDomain("kuopionmartat@gmail.com")).isEmpty();
    }

    @Test
    void websitesAreTheirHostAndTheSectionTheyPointTo() {
        assertThat(ContactNormalizer.websites("HTTPS://WWW.Kuopionmartat.fi/")).containsExactly("kuopionmartat.fi");
        assertThat(ContactNormalizer.websites("www.kuopionmartat.fi/fi/index.html")).containsExactly("kuopionmartat.fi");
        assertThat(ContactNormalizer.websites("https://www.diabetes.fi/oulu/yhteystiedot"))
                .containsExactly("diabetes.fi/oulu");
        assertThat(ContactNormalizer.websites("https://m.facebook.com/kuopionmartat?ref=x"))
                .containsExactly("facebook.com/kuopionmartat");
        assertThat(ContactNormalizer.websites("http://example.co.uk:8080, www.example.org"))
                .containsExactly("example.co.uk", "example.org");
        assertThat(ContactNormalizer.websites("ei ole")).isEmpty();
    }

    @Test
    void streetsKeepNameAndHouseNumberWithAbbreviationsWrittenOut() {
        assertThat(ContactNormalizer.street("Puijonkatu 12 B 4")).isEqualTo(new StreetKey("puijonkatu", "12b"));
        assertThat(ContactNormalizer.street("Puijonk. 12B 4,")).isEqualTo(new StreetKey("puijonkatu", "12b"));
        assertThat(ContactNormalizer.street("Minna Canthin k. 4")).isEqualTo(new StreetKey("minnacanthinkatu", "4"));
        assertThat(ContactNormalizer.street("Storg. 5")).isEqualTo(new StreetKey("storgatan", "5"));
        assertThat(ContactNormalizer.street("Järjestötalo, Kauppakatu 5")).isEqualTo(new StreetKey("kauppakatu", "5"));
        assertThat(ContactNormalizer.street("10 Downing Street")).isEqualTo(new StreetKey("downingstreet", "10"));
        assertThat(ContactNormalizer.street("Hauptstraße 7")).isEqualTo(new StreetKey("hauptstrasse", "7"));
        assertThat(ContactNormalizer.street("PL 123")).isEqualTo(new StreetKey("box", "123"));
        assertThat(ContactNormalizer.street("  ")).isNull();
    }

    @Test
    void postalCodesLoseTheirCountryPrefix() {
        assertThat(ContactNormalizer.postalCode("FI-70100")).isEqualTo("70100");
        assertThat(ContactNormalizer.postalCode("SE-111 51")).isEqualTo("11151");
        assertThat(ContactNormalizer.postalCode("SE16 7AB")).isEqualTo("SE167AB");
        assertThat(ContactNormalizer.city(" KUOPIO ")).isEqualTo("kuopio");
    }
}
