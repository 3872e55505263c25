package fi.tarjotin.mapping;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Contact values that are plainly not real: what a form's example text leaves behind when a maintainer
 * saves it unchanged ({@code www.example.com}, {@code 012 345 6789}, an e-mail field holding the word
 * {@code value}). Publishing them would send a client to nowhere, so mappings drop them and the import
 * run counts each as a warning (see {@link MappingWarnings}).
 */
final class PlaceholderValues {

    // RFC 2606 §3 reserves these second-level domains for documentation: no real service lives there.
    private static final Set<String> EXAMPLE_DOMAINS = Set.of("example.com", "example.net", "example.org");
    // RFC 2606 §2: names under these top-level domains never resolve on the public internet.
    private static final Set<String> NON_PUBLIC_TOP_LEVEL = Set.of("invalid", "localhost");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@([^@\\s]+\\.[^@\\s]+)");
    private static final String ASCENDING_DIGITS = "1234567890";

    private PlaceholderValues() {
    }

    /** Why the value is a placeholder, or null when it may be real. */
    static String reason(String kind, Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        return switch (kind) {
            case "email" -> emailReason(trimmed);
            case "url" -> urlReason(trimmed);
            case "phone" -> phoneReason(trimmed);
            default -> throw new IllegalArgumentException("unknown placeholder kind '" + kind
                    + "' (email, url or phone)");
        };
    }

    private static String emailReason(String address) {
        var matcher = EMAIL.matcher(address);
        if (!matcher.matches()) {
            return "e-mail '" + address + "' is not an address";
        }
        return placeholderHost(matcher.group(1)) ? "e-mail '" + address + "' is at a reserved example domain" : null;
    }

    private static String urlReason(String url) {
        try {
            String host = new URI(url.contains("://") ? url : "http://" + url).getHost();
            return host != null && placeholderHost(host) ? "web page '" + url + "' is at a reserved example domain"
                    : null;
        } catch (java.net.URISyntaxException e) {
            return null; // not a placeholder, just malformed: the API leaves malformed links out itself
        }
    }

    /**
     * The example domain itself ({@code example.com}, {@code www.example.com}) is what a form's example
     * text leaves behind. A made-up name under it ({@code yhdistys.example.com}) is someone's deliberate
     * invention, such as test data, and is kept: dropping it would hide that the data is invented.
     */
    private static boolean placeholderHost(String host) {
        String name = host.toLowerCase(Locale.ROOT).replaceFirst("\\.$", "").replaceFirst("^www\\.", "");
        return EXAMPLE_DOMAINS.contains(name) || NON_PUBLIC_TOP_LEVEL.contains(name.substring(name.lastIndexOf('.') + 1));
    }

    /**
     * A number whose digits after the trunk zero are one digit repeated (000 000 000) or a counting run
     * (012 345 6789): PTV's own form shows {@code 012 345 6789} as its example.
     */
    private static String phoneReason(String number) {
        String digits = number.replaceAll("\\D", "").replaceFirst("^0", "");
        if (digits.length() < 6) {
            return null;
        }
        boolean repeated = digits.chars().distinct().count() == 1;
        boolean counting = ASCENDING_DIGITS.startsWith(digits) || ("0" + ASCENDING_DIGITS).contains(digits);
        return repeated || counting ? "phone number '" + number + "' is a placeholder" : null;
    }
}
