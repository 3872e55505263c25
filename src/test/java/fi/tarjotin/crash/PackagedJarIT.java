package fi.tarjotin.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar runs on its own, as it is deployed: started in a directory with no {@code mappings/} and no
 * {@code routes/}, it uses the ones packaged in it; a mapping file a coordinator puts in {@code mappings/} replaces
 * its packaged default, and the other defaults stay.
 */
class PackagedJarIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Path EXAMPLE_SHEET = Path.of("examples/spreadsheet/jarjestot.csv");

    private final Path work = Path.of("target", "jar-it", UUID.randomUUID().toString());
    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ServiceProcess service : started) {
            service.stop();
        }
    }

    @Test
    void theJarStartedWhereThereAreNoMappingsOrRoutesImportsWithThePackagedOnes() throws Exception {
        ServiceProcess service = service("packaged-only");
        assertThat(work.resolve("packaged-only/mappings")).doesNotExist();
        assertThat(work.resolve("packaged-only/routes")).doesNotExist();
        service.start();

        // The inbox route, the spreadsheet column mapping and the JSONata mappings all come from the jar.
        Path folder = Files.createDirectories(service.inbox().resolve("jarjestot"));
        Path partial = service.inbox().resolve("jarjestot.csv.part");
        Files.copy(EXAMPLE_SHEET, partial);
        Files.move(partial, folder.resolve("jarjestot.csv"));
        service.await("/admin/import-runs?source=spreadsheet-jarjestot", runs -> runs.size() == 1
                && "succeeded".equals(runs.get(0).path("status").asText()), RUN_TIMEOUT);

        JsonNode services = service.await("/services?per_page=100", page -> page.path("contents").size() == 3,
                RUN_TIMEOUT);
        assertThat(services.path("contents").findValuesAsText("name")).contains("Kuopion Seudun Omaishoitajat ry");
        assertThat(categoryNames(service)).containsEntry("vertaistuki", "Vertaistuki");
    }

    @Test
    void aMappingFileInTheMappingsDirectoryReplacesItsPackagedDefault() throws Exception {
        Path categories = work.resolve("override/mappings/taxonomy/activity-categories.csv");
        Files.createDirectories(categories.getParent());
        Files.writeString(categories, Files.readString(Path.of("mappings/taxonomy/activity-categories.csv"))
                .replace("vertaistuki,Vertaistuki,", "vertaistuki,Vertaistuki ja vertaisryhmät,"));
        ServiceProcess service = service("override");

        service.start();

        Map<String, String> names = categoryNames(service);
        assertThat(names).containsEntry("vertaistuki", "Vertaistuki ja vertaisryhmät")
                .containsEntry("liikunta", "Liikunta").hasSize(9);
        assertThat(service.get("/taxonomy_terms?per_page=100&search=muisti").path("contents").findValuesAsText("code"))
                .as("the needs taxonomy is still the packaged one").contains("muistisairaudet");
    }

    private ServiceProcess service(String name) throws IOException {
        ServiceProcess service = new ServiceProcess(name, work.resolve(name), Map.of());
        started.add(service);
        return service;
    }

    /** The Finnish name of each activity category the API serves, by its code. */
    private static Map<String, String> categoryNames(ServiceProcess service) throws Exception {
        Map<String, String> names = new java.util.TreeMap<>();
        for (JsonNode term : service.get("/taxonomy_terms?per_page=100&language=fi").path("contents")) {
            if (term.path("taxonomy").asText().equals("Toiminnan muodot")) {
                names.put(term.path("code").asText(), term.path("name").asText());
            }
        }
        return names;
    }
}
