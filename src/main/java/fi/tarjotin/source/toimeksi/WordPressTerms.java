package fi.tarjotin.source.toimeksi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.source.http.ResilientHttpClient;
import fi.tarjotin.source.toimeksi.WordPressAnswers.UnreadableAnswerException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.parser.Parser;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One run's view of the site's taxonomy terms. Items carry only term ids; their names are looked up in
 * the taxonomy endpoints ({@code /wp-json/wp/v2/tm_keyword?include=1,2,3}), once per term and run: a page
 * costs one request per taxonomy with terms no earlier page had, not one per item. An id the site does
 * not return (a deleted or private term) is remembered as missing and left out.
 *
 * <p>WordPress keeps term names HTML-escaped ({@code Kahvila &amp; olohuone}); names are decoded here, so
 * filters, crosswalks and keywords see the text a reader sees.
 */
final class WordPressTerms {

    /** The taxonomies whose terms are resolved, as their ids' members in an item are named. */
    static final List<String> TAXONOMIES = List.of("tm_sote-alue", "tm_municipality", "tm_village", "tm_keyword");

    private static final int IDS_PER_REQUEST = 100;

    private final ResilientHttpClient http;
    private final WordPressAnswers answers;
    private final URI baseUrl;
    private final Map<String, Map<Long, ObjectNode>> known = new HashMap<>();
    private final Map<String, Set<Long>> missing = new HashMap<>();

    WordPressTerms(ResilientHttpClient http, WordPressAnswers answers, URI baseUrl) {
        this.http = http;
        this.answers = answers;
        this.baseUrl = baseUrl;
    }

    /**
     * The ids of the terms with this name, ignoring case (a hierarchical taxonomy may have several).
     *
     * @param property the setting that names the term, for the error when the site has none
     * @throws IOException when the site has no such term, so a run never silently imports a wider scope
     */
    List<Long> idsNamed(String taxonomy, String name, String property) throws IOException, InterruptedException {
        URI uri = endpoint(taxonomy).queryParam("search", name.strip()).queryParam("per_page", IDS_PER_REQUEST)
                .build().encode().toUri();
        List<Long> ids = new ArrayList<>();
        for (ObjectNode term : read(uri, taxonomy)) {
            if (term.path("name").asText().equalsIgnoreCase(name.strip())) {
                ids.add(term.path("id").asLong());
            }
        }
        if (ids.isEmpty()) {
            throw new IOException("the site has no " + taxonomy + " term named '" + name.strip() + "' (" + property
                    + "); its names are listed at " + endpoint(taxonomy).queryParam("per_page", IDS_PER_REQUEST)
                    .build().toUriString());
        }
        return ids;
    }

    /** Looks up the terms of these items that this run has not met yet. */
    void lookUp(List<JsonNode> items) throws IOException, InterruptedException {
        for (String taxonomy : TAXONOMIES) {
            Set<Long> unknown = new TreeSet<>();
            for (JsonNode item : items) {
                termIds(item, taxonomy).forEach(unknown::add);
            }
            unknown.removeAll(known(taxonomy).keySet());
            unknown.removeAll(missing.computeIfAbsent(taxonomy, name -> new HashSet<>()));
            List<Long> ids = new ArrayList<>(unknown);
            for (int start = 0; start < ids.size(); start += IDS_PER_REQUEST) {
                fetch(taxonomy, ids.subList(start, Math.min(ids.size(), start + IDS_PER_REQUEST)));
            }
        }
    }

    /**
     * The item's terms as {@code {taxonomy: [{id, name, slug}]}}, in the item's order, for the taxonomies
     * the item has; call {@link #lookUp} for its page first.
     */
    ObjectNode of(JsonNode item) {
        ObjectNode terms = JsonNodeFactory.instance.objectNode();
        for (String taxonomy : TAXONOMIES) {
            if (!item.path(taxonomy).isArray()) {
                continue;
            }
            ArrayNode list = terms.putArray(taxonomy);
            for (long id : termIds(item, taxonomy)) {
                ObjectNode term = known(taxonomy).get(id);
                if (term != null) {
                    list.add(term);
                }
            }
        }
        return terms;
    }

    private void fetch(String taxonomy, List<Long> ids) throws IOException, InterruptedException {
        List<String> texts = ids.stream().map(String::valueOf).toList();
        URI uri = endpoint(taxonomy).queryParam("include", String.join(",", texts))
                .queryParam("per_page", IDS_PER_REQUEST).build().encode().toUri();
        read(uri, taxonomy);
        Set<Long> absent = new HashSet<>(ids);
        absent.removeAll(known(taxonomy).keySet());
        missing.computeIfAbsent(taxonomy, name -> new HashSet<>()).addAll(absent);
    }

    /** The terms of an answer, each remembered. */
    private List<ObjectNode> read(URI uri, String taxonomy) throws IOException, InterruptedException {
        ArrayNode answer;
        try {
            answer = answers.array(http.exchange(uri, Map.of()));
        } catch (UnreadableAnswerException e) {
            throw new IOException("term lookup " + uri + " cannot be read: " + e.getMessage(), e);
        }
        List<ObjectNode> terms = new ArrayList<>();
        for (JsonNode item : answer) {
            if (item.path("id").isIntegralNumber() && item.path("name").isTextual()) {
                ObjectNode term = JsonNodeFactory.instance.objectNode();
                term.put("id", item.path("id").asLong());
                term.put("name", Parser.unescapeEntities(item.path("name").asText(), false).strip());
                term.put("slug", item.path("slug").asText(null));
                known(taxonomy).put(term.path("id").asLong(), term);
                terms.add(term);
            }
        }
        return terms;
    }

    private Map<Long, ObjectNode> known(String taxonomy) {
        return known.computeIfAbsent(taxonomy, name -> new HashMap<>());
    }

    private UriComponentsBuilder endpoint(String taxonomy) {
        return UriComponentsBuilder.fromUri(baseUrl).path(ToimeksiFetcher.REST_PATH + taxonomy);
    }

    private static List<Long> termIds(JsonNode item, String taxonomy) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : item.path(taxonomy)) {
            if (id.isIntegralNumber()) {
                ids.add(id.asLong());
            }
        }
        return ids;
    }
}
