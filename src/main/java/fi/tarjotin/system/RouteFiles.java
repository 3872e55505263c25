package fi.tarjotin.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which route files Camel loads. The shipped {@code routes/} are packaged in the jar
 * ({@code classpath:tarjotin/routes/}) as the defaults; a file of the same name in the directory
 * {@value #DIRECTORY_PROPERTY} names replaces its default, and a file only the directory has is loaded too, so
 * each route is loaded once. The list becomes {@value #CAMEL_PATTERN}, unless that property is set itself.
 */
class RouteFiles implements EnvironmentPostProcessor {

    static final String DIRECTORY_PROPERTY = "tarjotin.routes-directory";
    static final String CAMEL_PATTERN = "camel.main.routes-include-pattern";
    private static final String PACKAGED = "tarjotin/routes/";
    private static final String SUFFIX = ".yaml";

    private final Log log;

    RouteFiles(DeferredLogFactory logs) {
        this.log = logs.getLog(RouteFiles.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(CAMEL_PATTERN)) {
            log.info("Routes: " + CAMEL_PATTERN + " is set, so " + DIRECTORY_PROPERTY + " and the packaged routes are not used");
            return;
        }
        Path directory = Path.of(environment.getProperty(DIRECTORY_PROPERTY, "routes"));
        Map<String, String> routes = routes(directory, application.getClassLoader());
        List<String> overridden = new ArrayList<>();
        routes.forEach((name, location) -> {
            if (location.startsWith("file:")) {
                overridden.add(name);
            }
        });
        log.info("Routes: " + routes.size() + " files; from the directory " + directory.toAbsolutePath() + " "
                + overridden + ", the others packaged in the jar");
        environment.getPropertySources().addLast(new MapPropertySource("tarjotin-route-files",
                Map.of(CAMEL_PATTERN, String.join(",", routes.values()))));
    }

    /** Each route file by its name: the directory's copy where it has one, else the packaged default. */
    static Map<String, String> routes(Path directory, ClassLoader classLoader) {
        Map<String, String> routes = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver(classLoader)
                    .getResources("classpath*:" + PACKAGED + "*" + SUFFIX)) {
                routes.putIfAbsent(resource.getFilename(), "classpath:" + PACKAGED + resource.getFilename());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the packaged route files", e);
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidConfigurationException(DIRECTORY_PROPERTY, "is '" + directory + "', which is not a directory");
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> Files.isRegularFile(file) && file.getFileName().toString().endsWith(SUFFIX))
                        .forEach(file -> routes.put(file.getFileName().toString(), "file:" + file.toAbsolutePath()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the routes directory " + directory, e);
            }
        }
        return routes;
    }
}
