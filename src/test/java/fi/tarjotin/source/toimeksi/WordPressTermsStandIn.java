package fi.tarjotin.source.toimeksi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.parser.Parser;

/**
 * Answers a taxonomy endpoint the way WordPress does, from a stub whose body is the site's whole term
 * list: {@code ?include=1,2} gives the terms with those ids (unknown ids are left out), {@code ?search=x}
 * those whose name or slug contains x, ignoring case. So a fixture lists each term once, and the tests
 * see which ids the importer asked for.
 */
public final class WordPressTermsStandIn implements ResponseDefinitionTransformerV2 {

    static final String NAME = "wordpress-terms";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ResponseDefinition response = serveEvent.getResponseDefinition();
        ArrayNode answer = JSON.createArrayNode();
        for (JsonNode term : terms(response.getBody())) {
            if (included(request, term) && found(request, term)) {
                answer.add(term);
            }
        }
        return ResponseDefinitionBuilder.like(response).but().withBody(answer.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    private static boolean included(Request request, JsonNode term) {
        QueryParameter include = request.queryParameter("include");
        if (!include.isPresent()) {
            return true;
        }
        Set<String> ids = Arrays.stream(include.firstValue().split(",")).map(String::strip).collect(Collectors.toSet());
        return ids.contains(term.path("id").asText());
    }

    private static boolean found(Request request, JsonNode term) {
        QueryParameter search = request.queryParameter("search");
        if (!search.isPresent()) {
            return true;
        }
        String wanted = search.firstValue().toLowerCase(Locale.ROOT);
        String name = Parser.unescapeEntities(term.path("name").asText(), false).toLowerCase(Locale.ROOT);
        return name.contains(wanted) || term.path("slug").asText().contains(wanted);
    }

    private static JsonNode terms(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
