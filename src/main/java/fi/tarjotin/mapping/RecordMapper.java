package fi.tarjotin.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.Location;
import fi.tarjotin.model.Organization;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.model.Service;
import fi.tarjotin.model.ServiceAtLocation;
import fi.tarjotin.system.Hashes;
import fi.tarjotin.system.JsonataEvaluation;
import fi.tarjotin.system.MappingFile;
import fi.tarjotin.system.MappingFiles;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Turns source records into the catalogue model with the declarative mapping files in
 * {@code mappings/<source>/<version>/<kind>.jsonata}. Every file is compiled at start-up, so a broken
 * mapping stops the service instead of rejecting records one by one; the output of a mapping must fit
 * the model classes exactly (an unknown field is an error), which keeps the files and the model in step.
 */
@Component
public class RecordMapper {

    private static final Map<RecordKind, Class<?>> MODEL = Map.of(
            RecordKind.ORGANIZATION, Organization.class,
            RecordKind.SERVICE, Service.class,
            RecordKind.LOCATION, Location.class,
            RecordKind.SERVICE_AT_LOCATION, ServiceAtLocation.class);

    private static final String SAFE_HTML_FIELD = "description";
    private static final String PLAIN_TEXT_RULE = "plain-text-fields-1";

    private final MappingFiles mappingFiles;
    private final JsonataFunctions functions;
    private final Crosswalks crosswalks;
    private final ObjectMapper json;
    private final ObjectMapper strictJson;
    private final ModelValidator validator;
    private final TextSanitizer sanitizer;
    private volatile Map<String, CompiledMapping> mappings;

    public RecordMapper(MappingFiles mappingFiles, JsonataFunctions functions, Crosswalks crosswalks, ObjectMapper json,
            ModelValidator validator, TextSanitizer sanitizer) {
        this.mappingFiles = mappingFiles;
        this.functions = functions;
        this.crosswalks = crosswalks;
        this.json = json;
        this.strictJson = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.validator = validator;
        this.sanitizer = sanitizer;
        this.mappings = compileAll();
    }

    /**
     * Reads the mapping files and crosswalk tables again, after a coordinator edited them. All of them
     * must compile, or the mappings in use stay and the error says which file is broken.
     */
    public synchronized void reload() {
        crosswalks.reload();
        mappings = compileAll();
    }

    private Map<String, CompiledMapping> compileAll() {
        Map<String, CompiledMapping> compiled = new TreeMap<>();
        for (MappingFile file : mappingFiles.files("", ".jsonata")) {
            CompiledMapping mapping = compile(file);
            compiled.put(mapping.key(), mapping);
        }
        return Collections.unmodifiableMap(compiled);
    }

    /**
     * Maps one record.
     *
     * @param mappingSet the folder under {@code mappings/}, e.g. {@code ptv/v12}
     * @throws MappingException with the reason when the record cannot become a valid model object
     */
    public MappedDocument map(String mappingSet, RecordKind kind, JsonNode payload) throws MappingException {
        CompiledMapping mapping = mapping(mappingSet, kind);
        Object result;
        List<String> warnings;
        MappingWarnings.start();
        try {
            Object input = json.convertValue(payload, Object.class);
            // Apart from the records before it: jsonata-java 0.9.8 leaves each evaluation's frame for the next.
            result = JsonataEvaluation.evaluateAlone(mapping.expression().get(), input);
        } catch (RuntimeException e) {
            RecordRejection rejection = rejectionIn(e);
            if (rejection != null) {
                throw new MappingException(rejection.getMessage(), rejection);
            }
            throw new MappingException("mapping " + mapping.file() + " failed: " + e.getMessage(), e);
        } finally {
            warnings = MappingWarnings.finish();
        }
        if (!(result instanceof Map<?, ?>)) {
            throw new MappingException("mapping " + mapping.file() + " produced no object for this record");
        }
        // Plain texts before the model and its checks, so a name that was nothing but markup is a missing name.
        ObjectNode mapped = json.valueToTree(result);
        plainTexts(mapped, kind != RecordKind.SERVICE_AT_LOCATION);
        Object model;
        try {
            model = strictJson.convertValue(mapped, MODEL.get(kind));
        } catch (IllegalArgumentException e) {
            throw new MappingException("mapping " + mapping.file() + " output does not fit the " + kind.value()
                    + " model: " + e.getMessage(), e);
        }
        validator.validate(kind, model);
        ObjectNode document = json.valueToTree(model);
        pruneEmpty(document);
        TextLimits.check(document);
        return new MappedDocument(document, mapping.hash(), warnings);
    }

    /**
     * HSDS text fields are plain text: markup a source typed into a name, keyword, street or phone description
     * ({@code <b>}, {@code <script>}) is taken out here, whatever the mapping file did. The one field that carries
     * a safe HTML subset is the {@code description} of a service, organisation or location (sanitised by
     * {@code $html}), which the API publishes as {@code tarjotin.description}; its plain copy is
     * {@code descriptionText}.
     */
    private void plainTexts(JsonNode node, boolean keepSafeHtml) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (keepSafeHtml && SAFE_HTML_FIELD.equals(field.getKey())) {
                continue;
            }
            plainValues(node, field.getKey(), field.getValue());
        }
    }

    private void plainValues(JsonNode parent, String name, JsonNode value) {
        if (value.isObject()) {
            plainTexts(value, false);
        } else if (value.isArray()) {
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(plain(array.get(i).asText())));
                } else {
                    plainValues(array, null, array.get(i));
                }
            }
        } else if (value.isTextual() && parent instanceof ObjectNode object) {
            object.put(name, plain(value.asText()));
        }
    }

    /** Only text that may hold markup or entities is touched, so codes, ids and addresses stay byte for byte. */
    private String plain(String text) {
        if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
            return text;
        }
        String plain = sanitizer.toPlainText(text);
        return plain == null ? "" : plain;
    }

    /**
     * Which version of the mapping file (and of the crosswalk tables it may use) maps this kind: stored
     * records mapped by another version are mapped again by the next run or a remap run.
     */
    public String mappingHash(String mappingSet, RecordKind kind) {
        return mapping(mappingSet, kind).hash();
    }

    /** Every loaded mapping, e.g. {@code ptv/v12/service}. */
    public Set<String> mappingNames() {
        return mappings.keySet();
    }

    /** The rejection a mapping function raised, however the expression engine wrapped it. */
    private static RecordRejection rejectionIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordRejection rejection) {
                return rejection;
            }
        }
        return null;
    }

    /** Drops nulls, empty objects and empty arrays, so a document says only what the source said. */
    private static boolean pruneEmpty(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> pruneEmpty(field.getValue()));
            return object.isEmpty();
        }
        if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (pruneEmpty(array.get(i))) {
                    array.remove(i);
                }
            }
            return array.isEmpty();
        }
        return node == null || node.isNull();
    }

    private CompiledMapping mapping(String mappingSet, RecordKind kind) {
        CompiledMapping mapping = mappings.get(mappingSet + "/" + kind.value());
        if (mapping == null) {
            throw new IllegalStateException("no mapping file " + mappingSet + "/" + kind.value() + ".jsonata");
        }
        return mapping;
    }

    private CompiledMapping compile(MappingFile file) {
        String key = file.name().replaceFirst("\\.jsonata$", "");
        String kindName = key.substring(key.lastIndexOf('/') + 1);
        try {
            RecordKind.parse(kindName);
        } catch (IllegalArgumentException e) {
            throw file.invalid("is not named after a record kind (organization, service, location, service_at_location)");
        }
        String source = file.read();
        try {
            compileWithFunctions(source, functions);
        } catch (RuntimeException e) {
            throw file.invalid("does not compile: " + e.getMessage());
        }
        // Import pages are mapped on several threads; each gets its own compiled copy of the expression.
        ThreadLocal<Jsonata> expression = ThreadLocal.withInitial(() -> compileWithFunctions(source, functions));
        // The plain-text rule's version is part of the hash, so stored records are mapped again when it changes.
        String hash = Hashes.sha256(source + "\n" + crosswalks.fingerprint() + "\n" + PLAIN_TEXT_RULE)
                .substring(0, 16);
        return new CompiledMapping(key, file, hash, expression);
    }


    private static Jsonata compileWithFunctions(String source, JsonataFunctions functions) {
        Jsonata expression = Jsonata.jsonata(source);
        functions.registerOn(expression);
        return expression;
    }

    private record CompiledMapping(String key, MappingFile file, String hash, ThreadLocal<Jsonata> expression) {
    }
}
