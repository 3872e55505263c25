package fi.tarjotin.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Where every mapping file is read from: crosswalk tables, JSONata mappings, taxonomies, the survivorship
 * rules, the quality criteria and the spreadsheet column mappings. The shipped {@code mappings/} folder is
 * packaged in the jar ({@code classpath:tarjotin/mappings/}) as the defaults; a file of the same name in the
 * directory {@value #DIRECTORY_PROPERTY} names replaces its default, file by file, and a file only the directory
 * has is read too. So a deployed service runs with no folder at all, and a coordinator changes one table by
 * putting an edited copy of it in the directory.
 */
@Component
public class MappingFiles {

    public static final String DIRECTORY_PROPERTY = "tarjotin.mappings-directory";
    private static final String PACKAGED = "tarjotin/mappings/";
    private static final Logger log = LoggerFactory.getLogger(MappingFiles.class);

    private final Path directory;
    private final Map<String, Resource> packaged;

    public MappingFiles(@Value("${" + DIRECTORY_PROPERTY + "}") Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidConfigurationException(DIRECTORY_PROPERTY, "is '" + directory + "', which is not a directory");
        }
        this.directory = directory;
        this.packaged = packagedDefaults();
        List<String> overrides = directoryNames("");
        log.info("Mapping files: {} packaged defaults; {} from the directory {}{}", packaged.size(), overrides.size(),
                directory.toAbsolutePath(), Files.isDirectory(directory) ? "" : " (which does not exist)");
    }

    /** The directory {@value #DIRECTORY_PROPERTY} names. */
    public Path directory() {
        return directory;
    }

    /** The file of this name; one neither the directory nor the packaged defaults have stops start-up. */
    public MappingFile file(String name) {
        return find(name).orElseThrow(() -> new InvalidConfigurationException(DIRECTORY_PROPERTY,
                "is '" + directory + "', which has no mapping file " + name + ", and no default of that name is packaged"));
    }

    public Optional<MappingFile> find(String name) {
        Path copy = directory.resolve(name);
        if (Files.isRegularFile(copy)) {
            return Optional.of(new MappingFile(name, copy, null, DIRECTORY_PROPERTY));
        }
        return Optional.ofNullable(packaged.get(name))
                .map(resource -> new MappingFile(name, copy, resource, DIRECTORY_PROPERTY));
    }

    /**
     * The file a property names: the name of a mapping file ({@code ptv/service-class-scope.csv}, resolved as
     * {@link #find} does), or else a path to a file of its own (absolute, or from the working directory).
     */
    public MappingFile named(String property, String value) {
        Path path = Path.of(value);
        Optional<MappingFile> mapping = path.isAbsolute() ? Optional.empty() : find(value);
        if (mapping.isPresent()) {
            return mapping.get();
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidConfigurationException(property, "is '" + value + "', which is neither a mapping file (in "
                    + directory + " or packaged) nor a readable file");
        }
        return new MappingFile(value, path, null, property);
    }

    /**
     * Every file under a folder of the mappings (and its subfolders) whose name ends so, by name: the union of
     * the packaged defaults and the directory's files, the directory's copy where both have one.
     *
     * @param folder e.g. {@code spreadsheet}, or empty for all
     */
    public List<MappingFile> files(String folder, String suffix) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        TreeSet<String> names = new TreeSet<>(directoryNames(prefix));
        packaged.keySet().stream().filter(name -> name.startsWith(prefix)).forEach(names::add);
        return names.stream().filter(name -> name.endsWith(suffix)).map(name -> find(name).orElseThrow()).toList();
    }

    private List<String> directoryNames(String prefix) {
        Path folder = directory.resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mappings directory " + folder, e);
        }
    }

    private static Map<String, Resource> packagedDefaults() {
        Map<String, Resource> defaults = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:" + PACKAGED + "**")) {
                String url = resource.getURL().toString();
                int start = url.lastIndexOf(PACKAGED);
                if (resource.isReadable() && start >= 0 && !url.endsWith("/")) {
                    defaults.putIfAbsent(url.substring(start + PACKAGED.length()), resource);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the packaged mapping files", e);
        }
        return defaults;
    }
}
