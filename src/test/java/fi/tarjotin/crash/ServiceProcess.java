package fi.tarjotin.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The packaged service (the jar {@code mvn package} builds) run as a process of its own, as an operator runs
 * it: in a working directory of its own, with the mappings and routes packaged in the jar (unless the test puts
 * files in its {@code mappings/} or {@code routes/}), so a test can kill it with SIGKILL and start it again on
 * the same data.
 */
final class ServiceProcess {

    static final String COORDINATOR = "coordinator";
    static final String PASSWORD = "crash-test-password";
    private static final Path JAR = Path.of(System.getProperty("tarjotin.jar", "target/tarjotin-0.1.0-SNAPSHOT.jar"));
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Path workDirectory;
    private final List<String> arguments;
    private final int port;
    private Process process;
    private int starts;

    /**
     * @param name names the log files
     * @param workDirectory the instance's working directory, where it keeps its data (the embedded database, the
     *                      inbox, the outbox) and looks for mapping and route files replacing the packaged ones
     * @param properties what the instance is configured with besides the defaults of a test instance
     */
    ServiceProcess(String name, Path workDirectory, Map<String, String> properties) throws IOException {
        this.name = name;
        this.workDirectory = workDirectory.toAbsolutePath();
        this.port = freePort();
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("server.port", String.valueOf(port));
        all.put("tarjotin.embedded-postgres.data-directory", this.workDirectory.resolve("postgres").toString());
        all.put("tarjotin.sources.spreadsheet.inbox", this.workDirectory.resolve("inbox").toString());
        all.put("tarjotin.sources.spreadsheet.poll-interval", "500ms");
        all.put("tarjotin.reminders.outbox", this.workDirectory.resolve("outbox").toString());
        all.put("tarjotin.security.coordinators[0].username", COORDINATOR);
        all.put("tarjotin.security.coordinators[0].password", "{noop}" + PASSWORD);
        for (String source : List.of("ptv", "lahella", "toimeksi")) {
            all.put("tarjotin.sources." + source + ".enabled", "false");
            all.put("tarjotin.sources." + source + ".import-on-startup", "false");
        }
        all.put("tarjotin.reminders.enabled", "false");
        all.put("tarjotin.sources.ptv.scope.municipalities", "297");
        all.put("tarjotin.sources.ptv.scope.include-whole-country", "false");
        all.put("tarjotin.sources.ptv.scope.service-classes-file", "");
        all.put("tarjotin.sources.ptv.http.initial-backoff", "10ms");
        all.put("tarjotin.sources.ptv.http.max-attempts", "3");
        all.putAll(properties);
        this.arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    }

    /** Starts the service and waits until it answers as healthy. */
    ServiceProcess start() throws IOException, InterruptedException {
        Files.createDirectories(workDirectory);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(arguments);
        Path log = workDirectory.resolve(name + "-" + (++starts) + ".log");
        process = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
                        + log + ":\n" + tail(log));
            }
            if (answers("/actuator/health")) {
                return this;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not start within " + START_TIMEOUT + "; see " + log);
    }

    /** SIGKILL: no shutdown hook, no finishing of runs; whatever the embedded database was doing goes on. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** An orderly stop (SIGTERM). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    Path inbox() {
        return workDirectory.resolve("inbox");
    }

    Path dataDirectory() {
        return workDirectory.resolve("postgres");
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls an admin or API path until its answer satisfies the condition. */
    JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(path + " did not reach the expected state within " + timeout + "; last: " + last);
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder().encodeToString((COORDINATOR + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        return path.startsWith("/admin") ? builder.header("Authorization", "Basic " + credentials) : builder;
    }

    private boolean answers(String path) {
        try {
            return HTTP.send(request(path).GET().timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
