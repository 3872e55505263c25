package fi.tarjotin.source.ptv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportRun;
import fi.tarjotin.source.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The completeness check: imports real-shaped PTV records, then walks every value of every stored record
 * and looks for it in what the public API serves for that record. A value passes when it reaches the API
 * (the value itself, or for a code or a coordinate the member the coverage table names), or when
 * {@code mappings/ptv/README.md} lists its field as not carried, with the reason. Any other value fails the
 * test by its path. Values the import dropped as placeholders (and reported as warnings) are not real
 * values and are counted apart. The share carried is printed and must be at least 98 %.
 */
abstract class PtvCompletenessTestSupport extends PtvImportTestSupport {

    static final double REQUIRED_SHARE = 0.98;
    private static final Path COVERAGE_TABLE = Path.of("mappings/ptv/README.md");
    // | v11 service | `serviceDescriptions[].value` | `description` … | value |
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(v1[12] [a-z]+)\\s*\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|([^|]*)\\|");
    private static final Pattern MEMBER = Pattern.compile("`([a-z_.]+)`");
    private static final Pattern DATE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})T.*");
    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}):\\d{2}$");
    // v12 keys by language and weekday; the table writes them as *.
    private static final Set<String> KEYS_AS_STAR = Set.of("fi", "sv", "en", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday");
    private static final Set<String> SAMI_LANGUAGES = Set.of("se", "smn", "sms");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** What the shape's records are called in the coverage table, by record kind: "v11 service". */
    abstract String shape(String kind);

    /** Stubs PTV with the fidelity fixtures. */
    abstract void stubFixtures();

    /** Paths under a record whose values are walked as records of their own (v11 links inside services). */
    Set<String> walkedElsewhere(String kind) {
        return Set.of();
    }

    Completeness importAndWalk() throws Exception {
        stubFixtures();
        ImportRun run = importToEnd(ImportKind.FULL);
        assertThat(run.status()).as("fidelity import %s", run).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(rejects(run.id())).as("rejects").isEmpty();
        Map<String, Row> table = coverageTable();
        Map<String, List<String>> warnings = new HashMap<>();
        jdbc.query("SELECT source_id, warning FROM import_warning WHERE run_id = ?", rs -> {
            warnings.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
        }, run.id());
        Completeness result = new Completeness(run);
        jdbc.query("""
                SELECT s.kind, s.source_id, s.payload::text, m.entity_id FROM source_record s
                  JOIN entity_member m ON m.source_record_id = s.id WHERE s.source = 'ptv' ORDER BY s.kind, s.source_id""",
                rs -> {
                    String kind = rs.getString(1);
                    JsonNode payload = tree(rs.getString(3));
                    JsonNode api = apiDocument(kind, rs.getObject(4, UUID.class));
                    Pool pool = new Pool(api);
                    walk(result, table, shape(kind), kind, "", payload, pool,
                            warnings.getOrDefault(rs.getString(2), List.of()), false);
                });
        System.out.printf(Locale.ROOT, "PTV %s completeness: %d of %d values carried (%.1f %%), %d not carried "
                        + "(listed with reasons), %d placeholders dropped%n", shape("service").substring(0, 3),
                result.carried, result.carried + result.notCarried, 100 * result.share(), result.notCarried,
                result.placeholders);
        result.notCarriedByField.forEach((field, count) -> System.out.println("  not carried: " + field + " ×" + count));
        return result;
    }

    private void walk(Completeness result, Map<String, Row> table, String shape, String kind, String path,
            JsonNode node, Pool pool, List<String> warnings, boolean placeholder) {
        if (node.isObject()) {
            boolean dropped = placeholder || isPlaceholderItem(node, warnings);
            node.fields().forEachRemaining(field -> {
                String key = KEYS_AS_STAR.contains(field.getKey()) ? "*" : field.getKey();
                String child = path.isEmpty() ? key : path + "." + key;
                if (SAMI_LANGUAGES.contains(field.getKey())) {
                    countSami(result, shape + " " + child, field.getValue());
                } else if (!walkedElsewhere(kind).contains(child)) {
                    walk(result, table, shape, kind, child, field.getValue(), pool, warnings, dropped);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> walk(result, table, shape, kind, path + "[]", item, pool, warnings, placeholder));
        } else if (!node.isNull() && !(node.isTextual() && node.asText().isBlank())) {
            if (placeholder) {
                result.placeholders++;
                return;
            }
            Row row = table.get(shape + " " + path);
            String where = shape + " `" + path + "` = " + node;
            if (row == null) {
                result.failures.add(where + ": not in the coverage table");
            } else if (row.notCarried()) {
                result.notCarried++;
                result.notCarriedByField.merge(shape + " " + path, 1, Integer::sum);
            } else if (row.converted() ? pool.hasMember(row.member()) : pool.hasValue(node)) {
                result.carried++;
            } else {
                result.failures.add(where + ": not in the API response (table says " + row.carried().strip()
                        + (row.converted() ? " as `" + row.member() + "`" : "") + ")");
            }
        }
    }

    /** Texts in the Sámi languages: the tray publishes fi, sv and en only (see the coverage table's preface). */
    private static void countSami(Completeness result, String field, JsonNode node) {
        if (node.isContainerNode()) {
            node.forEach(child -> countSami(result, field, child));
        } else if (!node.isNull() && !node.asText().isBlank()) {
            result.notCarried++;
            result.notCarriedByField.merge(field + " (Sámi)", 1, Integer::sum);
        }
    }

    /** An array item the mapping left out because one of its values is a placeholder the run warned about. */
    private static boolean isPlaceholderItem(JsonNode item, List<String> warnings) {
        for (JsonNode value : item) {
            if (value.isTextual() && !value.asText().isBlank()
                    && warnings.stream().anyMatch(warning -> warning.contains("'" + value.asText().strip() + "'"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The API's answer about one record, without the other records it nests (an organisation keeps its list
     * of services, which is how the API gives PTV's organisation–service links).
     */
    private JsonNode apiDocument(String kind, UUID entity) {
        return switch (kind) {
            case "organization" -> get("/organizations/" + entity);
            case "service" -> without(get("/services/" + entity), "service_at_locations", "organization");
            case "service_at_location" -> without(get("/service_at_locations/" + entity), "location", "service");
            case "location" -> {
                UUID link = jdbc.queryForObject("SELECT entity_id FROM catalogue_entry WHERE location_id = ? LIMIT 1",
                        UUID.class, entity);
                // the location with the link that shows it (its service_id names the service it serves)
                JsonNode serviceAtLocation = get("/service_at_locations/" + link);
                yield ((ObjectNode) serviceAtLocation.path("location").deepCopy())
                        .put("service_id", serviceAtLocation.path("service_id").asText());
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return tree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode without(JsonNode node, String... members) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of(members));
        return copy;
    }

    /** The coverage table's rows by "shape path", e.g. "v11 service serviceDescriptions[].value". */
    static Map<String, Row> coverageTable() throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(COVERAGE_TABLE)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                Matcher member = MEMBER.matcher(row.group(3));
                rows.put(row.group(1) + " " + row.group(2),
                        new Row(member.find() ? member.group(1) : "", row.group(4)));
            }
        }
        return rows;
    }

    /** One field of the coverage table: where it goes ({@code member}) and how ({@code carried}). */
    record Row(String member, String carried) {
        boolean notCarried() {
            return carried.strip().startsWith("not carried");
        }

        boolean converted() {
            return carried.strip().startsWith("converted");
        }
    }

    /** Every value and member name in one API response, normalised for comparison. */
    private static final class Pool {
        private final Set<String> members = new HashSet<>();
        private final StringBuilder text = new StringBuilder();

        Pool(JsonNode api) {
            add(api);
        }

        private void add(JsonNode node) {
            if (node.isObject()) {
                node.fields().forEachRemaining(field -> {
                    if (!field.getValue().isNull()) {
                        members.add(field.getKey());
                        text.append(' ').append(field.getKey()).append(' ');
                    }
                    add(field.getValue());
                });
            } else if (node.isArray()) {
                node.forEach(this::add);
            } else if (!node.isNull()) {
                text.append(' ').append(normalise(node.asText())).append(' ');
            }
        }

        boolean hasMember(String member) {
            return members.contains(member.substring(member.lastIndexOf('.') + 1));
        }

        boolean hasValue(JsonNode value) {
            String raw = value.asText().strip();
            List<String> forms = new ArrayList<>(List.of(raw));
            Matcher dateTime = DATE_TIME.matcher(raw);
            if (dateTime.matches()) {
                forms.add(dateTime.group(1));
            }
            if (raw.matches("0[\\d ]+")) {
                // a national number, served in international form without its trunk zero
                forms.add(raw.replace(" ", "").substring(1));
            }
            Matcher time = TIME.matcher(raw);
            if (time.matches()) {
                forms.add(time.group(1));
            }
            String all = text.toString();
            return forms.stream().map(Pool::normalise).anyMatch(form -> all.contains(form));
        }

        /** Lower case, HTML tags and list markers out, whitespace as single spaces. */
        private static String normalise(String text) {
            return text.toLowerCase(Locale.ROOT).replaceAll("<[^>]+>", " ").replaceAll("(?m)^\\s*[-*]\\s+", " ")
                    .replaceAll("\\s+", " ").strip();
        }
    }

    static final class Completeness {
        final ImportRun run;
        int carried;
        int notCarried;
        int placeholders;
        final List<String> failures = new ArrayList<>();
        final Map<String, Integer> notCarriedByField = new TreeMap<>();

        Completeness(ImportRun run) {
            this.run = run;
        }

        double share() {
            return carried + notCarried == 0 ? 0 : (double) carried / (carried + notCarried);
        }
    }
}
