package fi.tarjotin.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.system.MappingFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Maps the real-shaped PTV v12 records (src/test/resources/ptv/fidelity/v12) over and over on one thread, the
 * way an import thread does, and prints records/s and CPU ms per record for every block of records, so a
 * mapping that gets slower with every record shows at once (not a test). Usage:
 * {@code MappingBench <records per kind> <block size>}.
 */
public final class MappingBench {

    private static final Map<RecordKind, String> FIXTURES = Map.of(
            RecordKind.ORGANIZATION, "organization-search.json",
            RecordKind.SERVICE, "service-search.json",
            RecordKind.LOCATION, "service-channel-search.json",
            RecordKind.SERVICE_AT_LOCATION, "connection-search.json");

    private MappingBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        int block = Integer.parseInt(args[1]);
        ObjectMapper json = new ObjectMapper();
        MappingFiles mappings = new MappingFiles(Path.of("mappings"));
        Taxonomies taxonomies = new Taxonomies(mappings);
        Crosswalks crosswalks = new Crosswalks(mappings, taxonomies);
        TextSanitizer sanitizer = new TextSanitizer();
        RecordMapper mapper = new RecordMapper(mappings, new JsonataFunctions(sanitizer, new CoordinateTransformer(),
                crosswalks, taxonomies), crosswalks, json, new ModelValidator(taxonomies), sanitizer);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (RecordKind kind : new RecordKind[] {RecordKind.SERVICE, RecordKind.ORGANIZATION, RecordKind.LOCATION,
                RecordKind.SERVICE_AT_LOCATION}) {
            JsonNode items = json.readTree(Files.readString(
                    Path.of("src/test/resources/ptv/fidelity/v12", FIXTURES.get(kind)))).path("items");
            long wall = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            for (int i = 1; i <= records; i++) {
                mapper.map("ptv/v12", kind, items.get(i % items.size()));
                if (i % block == 0) {
                    long now = System.nanoTime();
                    long cpuNow = cpu.getCurrentThreadCpuTime();
                    System.out.printf("%s records %d-%d: %.0f records/s, %.3f CPU ms/record%n", kind.value(),
                            i - block, i, block / ((now - wall) / 1e9), (cpuNow - cpuStart) / 1e6 / block);
                    wall = now;
                    cpuStart = cpuNow;
                }
            }
        }
    }
}
