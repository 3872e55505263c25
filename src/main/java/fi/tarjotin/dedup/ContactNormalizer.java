package fi.tarjotin.dedup;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts contact details into one comparable form whatever the source wrote: phone numbers in E.164 through
 * libphonenumber (national numbers read in the default region, numbers with a country code in their own),
 * e-mail addresses in lower case, web addresses as their domain, a Finnish business id (Y-tunnus) with its
 * check digit verified, a street address as street name and house number. A cell may hold several values
 * ("040 123 4567, 017 123 456"); each is kept. A value that cannot be read is dropped rather than guessed.
 */
public final class ContactNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Phone UNREADABLE = new Phone("", "", false);
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[,;\\n]|\\s+(?:tai|eller|or)\\s+|\\s/\\s");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>()]+@[^@\\s<>()]+\\.[^@\\s<>()]+");
    private static final Pattern WEB_SCHEME = Pattern.compile("^[a-z][a-z0-9+.-]*://");
    private static final Pattern FINNISH_BUSINESS_ID = Pattern.compile("(?:FI)?(\\d{6,7})-?(\\d)");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int[] BUSINESS_ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2};
    // Hosts where one organisation's page is a path, not a domain of its own.
    private static final Set<String> SHARED_HOSTS = Set.of("facebook.com", "fb.com", "instagram.com",
            "twitter.com", "x.com", "linkedin.com", "youtube.com", "sites.google.com", "tiktok.com");
    private static final Set<String> START_PAGES = Set.of("home", "index", "etusivu", "startsida", "default",
            "main", "welcome", "fin", "swe", "eng");
    // Mail providers whose domain says nothing about the organisation.
    private static final Set<String> MAIL_PROVIDERS = Set.of("gmail.com", "googlemail.com", "hotmail.com",
            "hotmail.fi", "outlook.com", "outlook.fi", "live.com", "live.fi", "msn.com", "yahoo.com", "icloud.com",
            "me.com", "aol.com", "protonmail.com", "proton.me", "gmx.com", "gmx.de", "web.de", "mail.com",
            "luukku.com", "suomi24.fi", "elisanet.fi", "kolumbus.fi", "saunalahti.fi", "welho.com", "netti.fi",
            "pp.inet.fi", "dnainternet.net", "anvianet.fi", "kotiposti.net", "mbnet.fi", "yandex.ru", "mail.ru");
    private static final Map<String, String> STREET_ABBREVIATIONS = Map.ofEntries(
            Map.entry("k", "katu"), Map.entry("t", "tie"), Map.entry("v", "vagen"), Map.entry("g", "gatan"),
            Map.entry("str", "strasse"), Map.entry("st", "street"), Map.entry("rd", "road"),
            Map.entry("ave", "avenue"), Map.entry("pl", "box"), Map.entry("pb", "box"), Map.entry("po", "box"),
            Map.entry("postilokero", "box"), Map.entry("postbox", "box"), Map.entry("kj", "kuja"),
            Map.entry("gt", "gatan"), Map.entry("blvd", "boulevard"), Map.entry("dr", "drive"), Map.entry("ln", "lane"),
            Map.entry("ct", "court"), Map.entry("hwy", "highway"), Map.entry("pkwy", "parkway"), Map.entry("cir", "circle"),
            Map.entry("sq", "square"), Map.entry("ter", "terrace"), Map.entry("pky", "parkway"), Map.entry("av", "avenue"));
    // Compass directions, which one source writes before or after the street, abbreviated or not, and another
    // leaves out: "N Lamar Blvd", "North Lamar Boulevard", "Lamar Blvd". They are dropped from the street name.
    private static final Set<String> DIRECTIONS = Set.of("n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south",
            "east", "west", "northeast", "northwest", "southeast", "southwest");
    // "Kauppak. 5", "Puijonk 12": a Finnish or Swedish street word cut after its stem.
    private static final Pattern CUT_STREET_WORD = Pattern.compile("^(\\p{L}{3,})(k|t|v|g|str)\\.?$");
    // "FI-70100", "SE-111 22": a country prefix before an all-digit code; "SE16 7AB" (London) is no prefix.
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^[A-Z]{1,3}(?=\\d+$)");
    // A port, "www." or "www2.", the mobile "m." of Facebook, trailing dots: none of them is the site.
    private static final Pattern HOST_DECORATION = Pattern.compile(":\\d+$|^www\\d?\\.|^m\\.(?=facebook\\.com)|\\.+$");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:]+$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    // "12 B" and "12B": the staircase joined to its number.
    private static final Pattern STAIRCASE = Pattern.compile("(\\d)\\s*([a-z])\\b");
    private static final Pattern NOT_STREET_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}.]+");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^\\d+[a-z]?$");

    private ContactNormalizer() {
    }

    /**
     * A phone number: in E.164 when libphonenumber can read it, and its national significant number (without
     * country code and trunk prefix). A number written without a country code was read in the default region,
     * which may be wrong for an organisation abroad ("08-123 45 67" in Stockholm); its national number still
     * meets the same number written with its country code.
     */
    public record Phone(String e164, String national, boolean countryWritten) {

        boolean sameNumber(Phone other) {
            return national.equals(other.national)
                    && (e164.equals(other.e164) || !countryWritten || !other.countryWritten);
        }
    }

    /** Every phone number in the cell; one libphonenumber cannot read keeps its digits. */
    public static List<Phone> phones(String cell, String defaultRegion) {
        return phones(cell, defaultRegion, null);
    }

    /**
     * As {@link #phones(String, String)}, remembering each number read in {@code known}: libphonenumber is the
     * slowest step of normalising, and the same number recurs in a list written in a handful of ways that
     * differ only in spacing and punctuation ("017 123 4567", "017-1234567", "(017) 1234567").
     */
    static List<Phone> phones(String cell, String defaultRegion, Map<String, Phone> known) {
        Set<Phone> numbers = new LinkedHashSet<>();
        for (String part : PHONE_SEPARATORS.split(blankToEmpty(cell))) {
            String candidate = part.trim();
            if (candidate.isEmpty()) {
                continue;
            }
            Phone number;
            if (known == null) {
                number = phone(candidate, defaultRegion);
            } else {
                String written = (candidate.startsWith("+") || candidate.startsWith("00") ? "+" : "")
                        + digitsOf(candidate);
                number = known.computeIfAbsent(written, ignored -> {
                    Phone read = phone(candidate, defaultRegion);
                    return read == null ? UNREADABLE : read;
                });
            }
            if (number != null && number != UNREADABLE) {
                numbers.add(number);
            }
        }
        return List.copyOf(numbers);
    }

    static Phone phone(String text, String defaultRegion) {
        String digits = digitsOf(text);
        if (digits.length() < 5) {
            return null;
        }
        boolean countryWritten = text.startsWith("+") || text.startsWith("00");
        try {
            PhoneNumber parsed = PHONES.parse(text.startsWith("00") ? "+" + text.substring(2) : text, defaultRegion);
            if (PHONES.isValidNumber(parsed)) {
                return new Phone(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164),
                        PHONES.getNationalSignificantNumber(parsed), countryWritten);
            }
        } catch (NumberParseException unreadable) {
            // Falls through to the digits: two sources writing the same unusual number still agree.
        }
        String national = countryWritten ? (digits.startsWith("00") ? digits.substring(2) : digits)
                : digits.substring(leadingZeros(digits));
        return new Phone((countryWritten ? "+" : "") + national, national, countryWritten);
    }

    public static List<String> emails(String cell) {
        Set<String> addresses = new LinkedHashSet<>();
        Matcher matcher = EMAIL.matcher(blankToEmpty(cell).toLowerCase(Locale.ROOT).replace("mailto:", " "));
        while (matcher.find()) {
            addresses.add(TRAILING_PUNCTUATION.matcher(matcher.group()).replaceFirst(""));
        }
        return List.copyOf(addresses);
    }

    /** The domain of an address's mail provider, or empty for a public mail service shared by anyone. */
    static String organisationMailDomain(String email) {
        String domain = email.substring(email.indexOf('@') + 1);
        return MAIL_PROVIDERS.contains(domain) ? "" : domain;
    }

    /**
     * Each web address as its host without scheme, {@code www.} and port, followed by its first path segment
     * when that names a part of the site ({@code diabetes.fi/oulu}: a federation's page for one member
     * association; {@code facebook.com/kuopionmartat}). Segments that only pick a language or a start page
     * ({@code /fi/}, {@code /index.html}, {@code /etusivu}) are left out.
     */
    public static List<String> websites(String cell) {
        Set<String> sites = new LinkedHashSet<>();
        for (String part : LIST_SEPARATORS.split(blankToEmpty(cell).toLowerCase(Locale.ROOT))) {
            String address = WEB_SCHEME.matcher(part.trim()).replaceFirst("");
            if (address.isEmpty() || address.contains("@")) {
                continue;
            }
            int pathStart = indexOfAny(address, "/?#");
            String host = HOST_DECORATION.matcher(pathStart < 0 ? address : address.substring(0, pathStart))
                    .replaceAll("");
            if (!host.contains(".") || host.startsWith(".")) {
                continue;
            }
            String segment = "";
            if (pathStart >= 0 && address.charAt(pathStart) == '/') {
                String path = address.substring(pathStart + 1);
                int segmentEnd = indexOfAny(path, "/?#");
                segment = segmentEnd < 0 ? path : path.substring(0, segmentEnd);
            }
            boolean meaningful = segment.length() > 2 && !segment.contains(".") && !START_PAGES.contains(segment);
            sites.add(meaningful ? host + "/" + segment : host);
        }
        return List.copyOf(sites);
    }

    /** The host of a site key from {@link #websites}. */
    static String hostOf(String site) {
        int slash = site.indexOf('/');
        return slash < 0 ? site : site.substring(0, slash);
    }

    /** Whether a host is everyone's (a social-media service), so only the page on it says who it is. */
    static boolean isSharedHost(String host) {
        return SHARED_HOSTS.contains(host);
    }

    /**
     * A Finnish business id as {@code 1234567-8} when its check digit is right ({@code FI12345678} and
     * the old six-digit form are accepted); a foreign register number as its upper-case letters and digits;
     * empty for a Finnish-looking id whose check digit is wrong, since it is a typo of some other id.
     */
    public static String businessId(String cell) {
        String compact = WHITESPACE.matcher(blankToEmpty(cell)).replaceAll("").toUpperCase(Locale.ROOT);
        if (compact.isEmpty()) {
            return "";
        }
        Matcher finnish = FINNISH_BUSINESS_ID.matcher(compact);
        if (finnish.matches()) {
            String body = finnish.group(1).length() == 6 ? "0" + finnish.group(1) : finnish.group(1);
            int checkDigit = finnish.group(2).charAt(0) - '0';
            return checkDigitOf(body) == checkDigit ? body + "-" + checkDigit : "";
        }
        String foreign = NOT_ALPHANUMERIC.matcher(compact).replaceAll("");
        return foreign.length() >= 5 ? foreign : "";
    }

    private static int checkDigitOf(String sevenDigits) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (sevenDigits.charAt(i) - '0') * BUSINESS_ID_WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 0 ? 0 : remainder == 1 ? -1 : 11 - remainder;
    }

    /** A street address's name and house number; what follows the number (stair, flat, floor) is left out. */
    public record StreetKey(String name, String number) {

        public String key() {
            return number.isEmpty() ? name : name + " " + number;
        }
    }

    public static StreetKey street(String cell) {
        String folded = TextFolding.fold(withNumber(blankToEmpty(cell)));
        folded = NOT_STREET_CHARACTER.matcher(STAIRCASE.matcher(folded).replaceAll("$1$2")).replaceAll(" ").trim();
        List<String> nameWords = new ArrayList<>();
        String number = "";
        for (String word : folded.split(" ")) {
            String bare = word.replace(".", "");
            if (bare.isEmpty()) {
                continue;
            }
            if (HOUSE_NUMBER.matcher(bare).matches()) {
                if (number.isEmpty()) {
                    number = bare;
                }
                // "10 Downing Street" has its number first; otherwise the number ends the street.
                if (nameWords.isEmpty()) {
                    continue;
                }
                break;
            }
            nameWords.add(expanded(word));
        }
        if (nameWords.size() > 1) {
            nameWords.removeIf(DIRECTIONS::contains);
        }
        String name = String.join("", nameWords);
        return name.isEmpty() ? null : new StreetKey(name, number);
    }

    /** Of "Järjestötalo, Kauppakatu 5" the part with the house number: the building's name is not the address. */
    private static String withNumber(String cell) {
        if (cell.indexOf(',') < 0) {
            return cell;
        }
        for (String part : cell.split(",")) {
            if (part.chars().anyMatch(Character::isDigit)) {
                return part;
            }
        }
        return cell;
    }

    private static String expanded(String word) {
        String bare = word.replace(".", "");
        String whole = STREET_ABBREVIATIONS.get(bare);
        if (whole != null) {
            return whole;
        }
        Matcher cut = CUT_STREET_WORD.matcher(word);
        if (cut.matches() && word.endsWith(".")) {
            return cut.group(1) + STREET_ABBREVIATIONS.get(cut.group(2));
        }
        return bare;
    }

    /** A postal code's letters and digits in upper case, without a country prefix ("FI-00100", "SE-111 22" → "11122"). */
    public static String postalCode(String cell) {
        String compact = NOT_ALPHANUMERIC.matcher(blankToEmpty(cell).toUpperCase(Locale.ROOT)).replaceAll("");
        return COUNTRY_PREFIX.matcher(compact).replaceFirst("");
    }

    public static String city(String cell) {
        return NOT_ALPHANUMERIC.matcher(TextFolding.fold(blankToEmpty(cell))).replaceAll(" ").trim();
    }

    static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static int leadingZeros(String digits) {
        int zeros = 0;
        while (zeros < digits.length() && digits.charAt(zeros) == '0') {
            zeros++;
        }
        return zeros;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text;
    }
}
