package fi.tarjotin.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.needs.NeedInference;
import fi.tarjotin.system.Hashes;
import org.springframework.stereotype.Component;

/**
 * What happens to a payload before the entity layer: the mapping files, then, for services, need
 * inference. The stored version of a mapped record names both, so a change to either (a mapping file, a
 * crosswalk, the need signals or the analyser) re-maps stored records like a mapping edit does.
 */
@Component
public class MappingStages {

    private final RecordMapper mapper;
    private final NeedInference needInference;
    private final ObjectMapper json;

    MappingStages(RecordMapper mapper, NeedInference needInference, ObjectMapper json) {
        this.mapper = mapper;
        this.needInference = needInference;
        this.json = json;
    }

    /** The version stored with a record mapped now; a record stored under another is mapped again. */
    public String version(String mappingSet, RecordKind kind) {
        String mapping = mapper.mappingHash(mappingSet, kind);
        if (kind != RecordKind.SERVICE) {
            return mapping;
        }
        return Hashes.sha256(mapping + "\n" + needInference.version()).substring(0, 16);
    }

    public MappedDocument map(String mappingSet, RecordKind kind, JsonNode payload) throws MappingException {
        MappedDocument mapped = mapper.map(mappingSet, kind, payload);
        if (kind != RecordKind.SERVICE) {
            return mapped;
        }
        needInference.annotate(mapped.document(), json);
        return new MappedDocument(mapped.document(), version(mappingSet, kind), mapped.warnings());
    }
}
