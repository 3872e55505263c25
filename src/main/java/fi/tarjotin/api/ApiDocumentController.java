package fi.tarjotin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

/**
 * The API's contract ({@code /openapi.yaml}, and the same as {@code /openapi.json}) and the description
 * of the Tarjotin HSDS profile ({@code /profile}), both kept in {@code src/main/resources/api/}.
 */
@RestController
class ApiDocumentController {

    private final String openApiYaml;
    private final JsonNode openApi;
    private final String profile;

    ApiDocumentController(ObjectMapper json) {
        this.openApiYaml = read("api/openapi.yaml");
        this.openApi = json.valueToTree(new Yaml().load(openApiYaml));
        this.profile = read("api/tarjotin-profile.md");
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode openApiJson() {
        return openApi;
    }

    @GetMapping(path = "/openapi.yaml", produces = "application/yaml")
    String openApiYaml() {
        return openApiYaml;
    }

    @GetMapping(path = "/profile", produces = "text/markdown;charset=UTF-8")
    String profile() {
        return profile;
    }

    private static String read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
