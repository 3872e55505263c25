package fi.tarjotin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fi.tarjotin.support.RawHttp;
import fi.tarjotin.support.RawHttp.Answer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every documented parameter of every public endpoint, read from the served contract ({@code /openapi.json}, so
 * a parameter added to it later is fuzzed too), with out-of-range, malformed, repeated, over-long and
 * non-UTF-8 values, sent byte for byte. No answer may be a 5xx; every 400 is a problem document naming the
 * parameter; a value its schema cannot hold (a word for an integer, an unknown enum value, a broken UUID)
 * must be refused, not silently ignored.
 */
class ApiFuzzTests extends CatalogueApiTestSupport {

    private static final String OVER_LONG = "x".repeat(2_000);
    // Refused for the whole path by Tomcat (broken escapes, not UTF-8, NUL, encoded slash or backslash) or by
    // the firewall (an encoded semicolon or percent), before any parameter exists: HttpEdgeTests covers them.
    private static final List<String> QUERY_ONLY = List.of("%zz", "%4", "%FF", "%C3%28", "%00", "%2F", "%5C", "%3B",
            "%25");

    /** One request: its target, the parameter it is about, and whether the value must be refused. */
    record Case(String target, String parameter, boolean mustRefuse) {
    }

    @Test
    void noDocumentedParameterOfAnyEndpointGivesA5xxAndEvery400NamesItsParameter() throws IOException {
        List<Case> cases = cases(getJson("/openapi.json"));
        List<String> failures = new ArrayList<>();
        for (Case fuzz : cases) {
            Answer answer = RawHttp.get(port, fuzz.target());
            String problem = check(fuzz, answer);
            if (problem != null) {
                failures.add(fuzz.target().substring(0, Math.min(160, fuzz.target().length())) + " → " + answer.status()
                        + ": " + problem);
            }
        }

        assertThat(cases).hasSizeGreaterThan(600);
        assertThat(failures).as("%d of %d cases", failures.size(), cases.size()).isEmpty();
    }

    private String check(Case fuzz, Answer answer) throws IOException {
        if (answer.status() >= 500) {
            return "a server error: " + answer.body();
        }
        if (fuzz.mustRefuse() && answer.status() != 400) {
            return "not refused";
        }
        if (answer.status() == 400) {
            if (!String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")) {
                return "not a problem document: " + answer.header("Content-Type");
            }
            String named = json.readTree(answer.body()).path("parameter").asText();
            if (!fuzz.parameter().equals(named)) {
                return "names '" + named + "', not '" + fuzz.parameter() + "': " + answer.body();
            }
        } else if (answer.status() != 200 && answer.status() != 404) {
            return "unexpected status: " + answer.body();
        }
        return null;
    }

    /** The cases of every GET operation of the contract. */
    private static List<Case> cases(JsonNode contract) {
        List<Case> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode()) {
                continue;
            }
            List<JsonNode> parameters = new ArrayList<>();
            get.path("parameters").forEach(parameter -> parameters.add(resolve(contract, parameter)));
            // Detail endpoints get an id nobody has, so a query parameter is checked before the 404.
            String basePath = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            cases.add(new Case(basePath + "?zz_not_a_parameter=1", "zz_not_a_parameter", true));
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                JsonNode schema = parameter.path("schema");
                if ("path".equals(parameter.path("in").asText())) {
                    for (Value value : values(schema, parameter)) {
                        // An empty segment is another endpoint.
                        if (!value.raw().isEmpty() && QUERY_ONLY.stream().noneMatch(value.raw()::contains)) {
                            String target = path.getKey().replace("{" + name + "}", value.raw());
                            cases.add(new Case(target, name, value.mustRefuse()));
                        }
                    }
                    continue;
                }
                for (Value value : values(schema, parameter)) {
                    cases.add(new Case(basePath + "?" + encode(name) + "=" + value.raw(), name, value.mustRefuse()));
                }
                String valid = validValue(schema, parameter);
                boolean list = "array".equals(schema.path("type").asText());
                cases.add(new Case(basePath + "?" + encode(name) + "=" + valid + "&" + encode(name) + "=" + valid, name,
                        !list));
            }
        }
        return cases;
    }

    private static JsonNode resolve(JsonNode contract, JsonNode parameter) {
        String ref = parameter.path("$ref").asText();
        if (ref.isEmpty()) {
            return parameter;
        }
        JsonNode target = contract;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    /** A value as it goes on the wire (already percent-encoded), and whether its schema forbids it. */
    record Value(String raw, boolean mustRefuse) {
    }

    private static List<Value> values(JsonNode schema, JsonNode parameter) {
        JsonNode items = "array".equals(schema.path("type").asText()) ? schema.path("items") : schema;
        String type = items.path("type").asText();
        boolean typed = !"string".equals(type) || items.has("format") || items.has("enum") || items.has("pattern");
        List<Value> values = new ArrayList<>();
        // Malformed, whatever the type: broken escapes, bytes that are not UTF-8, control and markup characters.
        values.add(new Value("%zz", true));
        values.add(new Value("%4", true));
        values.add(new Value("%FF%FE", true));
        values.add(new Value("%C3%28", true));
        values.add(new Value("%00", typed));
        values.add(new Value(encode("'\";--"), typed));
        values.add(new Value(encode("<script>alert(1)</script>"), typed));
        values.add(new Value(encode("\u202Eevil"), typed));
        values.add(new Value("", false));
        values.add(new Value("%20", false));
        values.add(new Value(OVER_LONG, typed || items.has("maxLength") || schema.has("maxLength")));
        switch (type) {
            case "integer" -> {
                long minimum = items.path("minimum").asLong(Integer.MIN_VALUE);
                values.add(new Value(String.valueOf(minimum - 1), true));
                if (items.has("maximum")) {
                    values.add(new Value(String.valueOf(items.path("maximum").asLong() + 1), true));
                }
                for (String bad : List.of("2147483648", "-2147483649", "99999999999999999999999", "1.5", "1e3", "0x10",
                        "abc", "%2B1%2B")) {
                    values.add(new Value(bad, true));
                }
            }
            case "boolean" -> List.of("yes", "1", "TRUE", "nope").forEach(bad -> values.add(new Value(bad, true)));
            default -> {
                if ("uuid".equals(items.path("format").asText())) {
                    for (String bad : List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g",
                            encode("{" + UUID.randomUUID() + "}"), UUID.randomUUID() + "0")) {
                        values.add(new Value(bad, true));
                    }
                }
                if (items.has("enum")) {
                    values.add(new Value("xx", true));
                    values.add(new Value(items.path("enum").get(0).asText().toUpperCase(), true));
                }
                if (items.has("pattern")) {
                    values.add(new Value("1234", true));
                    values.add(new Value("%C3%A4%C3%A4", true));
                }
                if (parameter.path("example").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                    for (String bad : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                            "2026-13-45T00:00:00Z", "2026-02-30", "yesterday", "2026-05-01T25:00:00Z")) {
                        values.add(new Value(encode(bad), true));
                    }
                }
            }
        }
        return values;
    }

    /** A value the parameter accepts, for the repeated case. */
    private static String validValue(JsonNode schema, JsonNode parameter) {
        JsonNode items = "array".equals(schema.path("type").asText()) ? schema.path("items") : schema;
        JsonNode example = parameter.path("example");
        if (example.isArray() && !example.isEmpty()) {
            return encode(example.get(0).asText());
        }
        if (example.isValueNode()) {
            return encode(example.asText());
        }
        if (items.has("enum")) {
            return encode(items.path("enum").get(0).asText());
        }
        if (items.has("default")) {
            return encode(items.path("default").asText());
        }
        return switch (items.path("type").asText()) {
            case "integer" -> String.valueOf(items.path("minimum").asLong(1));
            case "boolean" -> "true";
            default -> "uuid".equals(items.path("format").asText()) ? UUID.randomUUID().toString() : "a";
        };
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
