package fi.tarjotin.dedup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reduces an organisation's or a service's name to what identifies it: folded case and accents,
 * punctuation and spacing gone, and the legal-form designation (ry, r.y., rf, sr, säätiö, stiftelse,
 * oy, ab, osuuskunta, andelslag, ltd, GmbH …) removed but remembered. "Kuopion Omaishoitajat r.y.",
 * "KUOPION OMAISHOITAJAT RY" and "Kuopion omais-hoitajat" all have the key {@code kuopionomaishoitajat}.
 *
 * <p>Words such as yhdistys, förening, seura or liitto stay: they are part of what the organisation is
 * called ("Kuopion Martat" and "Kuopion Marttayhdistys" may be two bodies), while a designation is only
 * how it is registered. A name written in two languages ("Suomen X ry / Finlands X rf") also gives each
 * half as a variant, so either language finds it; a dash is not such a separator, since "Kuopion Martat –
 * Nuoret" is a section of its own.
 */
public final class NameNormalizer {

    // "r.y.", "r. y.", "s.r.", "e.V." before punctuation is dropped, so they become one token.
    private static final Pattern DOTTED_ABBREVIATION = Pattern.compile("\\b(\\p{L})\\.\\s?(\\p{L})\\b\\.?",
            Pattern.UNICODE_CHARACTER_CLASS);
    // "ev.lut.", "ev.-lut.", "ev lut": evangelical Lutheran, whose "ev" is no e.V. designation.
    private static final Pattern EVANGELICAL_LUTHERAN = Pattern.compile("\\bev\\.?\\s?-?\\s?lut\\b\\.?");
    // Finnish case endings written after an abbreviation: "ry:n", "oy:ssä".
    private static final Pattern CASE_ENDING = Pattern.compile(":\\p{L}{1,4}\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern LANGUAGE_SEPARATOR = Pattern.compile("[/|]");
    private static final Map<String, String> SPELLED_OUT_FORMS = Map.of(
            "rekisteroity yhdistys", "ry", "registrerad forening", "rf", "rekisteroity saatio", "sr",
            "osakeyhtio", "oy", "aktiebolaget", "ab", "aktiebolag", "ab", "kommandiittiyhtio", "ky",
            "avoin yhtio", "ay", "toiminimi", "tmi");
    private static final Map<String, LegalForm> DESIGNATIONS = designations();
    // Abbreviations that are not simply the word cut short (those the comparison reads as such: "pohj." for
    // "pohjois", "sch" for "school"), in Finnish, Swedish and English organisation names.
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("srk", "seurakunta"), Map.entry("yhd", "yhdistys"),
            Map.entry("evl", "evankelisluterilainen"), Map.entry("sallsk", "sallskap"), Map.entry("foren", "forening"),
            Map.entry("assn", "association"), Map.entry("assoc", "association"), Map.entry("ctr", "center"),
            Map.entry("cntr", "center"), Map.entry("centre", "center"), Map.entry("dept", "department"),
            Map.entry("intl", "international"), Map.entry("natl", "national"), Map.entry("svc", "services"),
            Map.entry("svcs", "services"), Map.entry("service", "services"), Map.entry("univ", "university"),
            Map.entry("st", "saint"), Map.entry("mt", "mount"), Map.entry("ft", "fort"));
    // Joining words that one source writes and another leaves out or spells as "&".
    private static final Set<String> JOINING_WORDS = Set.of("ja", "och", "and", "und", "et", "the");

    private NameNormalizer() {
    }

    /** One way of writing the name: its key (tokens joined, so spacing does not matter) and its tokens. */
    public record NameVariant(String key, List<String> tokens) {
    }

    /** The variants (the whole name first) and the legal form its designation named, if any. */
    public record NormalizedName(List<NameVariant> variants, LegalForm legalForm) {

        static final NormalizedName EMPTY = new NormalizedName(List.of(), LegalForm.NONE);

        public boolean isEmpty() {
            return variants.isEmpty();
        }

        public String key() {
            return variants.isEmpty() ? "" : variants.get(0).key();
        }
    }

    public static NormalizedName normalize(String name) {
        return normalize(name, "");
    }

    /**
     * As {@link #normalize(String)}, and the name of the record's own municipality left out of the name:
     * "Omaishoitajien vertaisryhmä, Kuopio" in Kuopio is "Omaishoitajien vertaisryhmä" in another source.
     */
    public static NormalizedName normalize(String name, String city) {
        if (name == null || name.isBlank()) {
            return NormalizedName.EMPTY;
        }
        String cityKey = NOT_LETTER_OR_DIGIT.matcher(TextFolding.fold(city == null ? "" : city)).replaceAll("");
        LegalForm[] legalForm = {LegalForm.NONE};
        List<NameVariant> variants = new ArrayList<>();
        NameVariant whole = variant(name, cityKey, legalForm);
        if (whole == null) {
            return NormalizedName.EMPTY;
        }
        variants.add(whole);
        String[] parts = LANGUAGE_SEPARATOR.split(name);
        if (parts.length > 1) {
            Set<String> seen = new LinkedHashSet<>();
            seen.add(whole.key());
            for (String part : parts) {
                NameVariant half = variant(part, cityKey, legalForm);
                // A one-word half ("Nuoret") is too generic to stand for the organisation on its own.
                if (half != null && half.tokens().size() >= 2 && seen.add(half.key())) {
                    variants.add(half);
                }
            }
        }
        return new NormalizedName(List.copyOf(variants), legalForm[0]);
    }

    private static NameVariant variant(String text, String cityKey, LegalForm[] legalForm) {
        String folded = CASE_ENDING.matcher(TextFolding.fold(text)).replaceAll("");
        folded = EVANGELICAL_LUTHERAN.matcher(folded).replaceAll("evankelisluterilainen");
        folded = DOTTED_ABBREVIATION.matcher(folded).replaceAll("$1$2");
        folded = NOT_LETTER_OR_DIGIT.matcher(folded).replaceAll(" ").trim();
        for (Map.Entry<String, String> spelledOut : SPELLED_OUT_FORMS.entrySet()) {
            if (folded.contains(spelledOut.getKey())) {
                folded = (" " + folded + " ").replace(" " + spelledOut.getKey() + " ", " " + spelledOut.getValue() + " ")
                        .trim();
            }
        }
        if (folded.isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String word : folded.split(" ")) {
            words.addAll(List.of(ABBREVIATIONS.getOrDefault(word, word).split(" ")));
        }
        List<String> tokens = new ArrayList<>();
        for (String word : words) {
            LegalForm designation = DESIGNATIONS.get(word);
            if (designation != null) {
                if (legalForm[0] == LegalForm.NONE) {
                    legalForm[0] = designation;
                }
            } else if (!JOINING_WORDS.contains(word)) {
                tokens.add(word);
            }
        }
        if (tokens.size() > 1) {
            withoutPlace(tokens, cityKey);
        }
        if (tokens.isEmpty()) {
            // A name that is nothing but designations ("Oy Ab") is kept as written rather than lost.
            tokens = words;
        }
        return new NameVariant(String.join("", tokens), List.copyOf(tokens));
    }

    /**
     * Leaves the record's own municipality out of its name's tokens, also when it is written in several words
     * ("Coyote Cafe (Las Vegas)" in Las Vegas), as long as something is left.
     */
    private static void withoutPlace(List<String> tokens, String cityKey) {
        if (cityKey.isEmpty()) {
            return;
        }
        for (int start = 0; start < tokens.size(); start++) {
            StringBuilder joined = new StringBuilder();
            for (int end = start; end < tokens.size() && joined.length() < cityKey.length(); end++) {
                joined.append(tokens.get(end));
                if (joined.length() == cityKey.length() && joined.toString().equals(cityKey)
                        && end - start + 1 < tokens.size()) {
                    tokens.subList(start, end + 1).clear();
                    return;
                }
            }
        }
    }

    private static Map<String, LegalForm> designations() {
        Map<String, LegalForm> forms = new java.util.HashMap<>();
        for (String association : List.of("ry", "rf", "ev")) {
            forms.put(association, LegalForm.ASSOCIATION);
        }
        for (String foundation : List.of("sr", "rs", "saatio", "stiftelse", "stiftelsen")) {
            forms.put(foundation, LegalForm.FOUNDATION);
        }
        for (String company : List.of("oy", "oyj", "ab", "abp", "ky", "kb", "ay", "ob", "tmi", "ltd", "limited",
                "inc", "llc", "gmbh", "plc", "corp")) {
            forms.put(company, LegalForm.COMPANY);
        }
        for (String cooperative : List.of("osk", "osuuskunta", "andelslag", "andelslaget")) {
            forms.put(cooperative, LegalForm.COOPERATIVE);
        }
        return Map.copyOf(forms);
    }
}
