package fi.tarjotin.source.http;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;

/** A successful answer of a source: its body and headers. */
public record SourceResponse(byte[] body, HttpHeaders headers) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The media type without parameters, lower case; empty when the source sent none. */
    public String mediaType() {
        return header("Content-Type").map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
    }
}
