package fi.tarjotin.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.needs.NeedDecision;
import fi.tarjotin.needs.NeedDecisions;
import fi.tarjotin.needs.NeedInference;
import fi.tarjotin.system.Hashes;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What happens to a payload before the entity layer: the mapping files, then, for services, need
 * inference. The stored version of a mapped record names both, so a change to either (a mapping file, a
 * crosswalk, the need signals or the analyser) re-maps stored records like a mapping edit does. Coordinators'
 * decisions on inferred needs are not part of it: they are read for every page and honoured whenever a record
 * is mapped, and applied to stored records when made ({@link NeedDecisions}).
 */
@Component
public class MappingStages {

    private final RecordMapper mapper;
    private final NeedInference needInference;
    private final NeedDecisions needDecisions;
    private final ObjectMapper json;

    MappingStages(RecordMapper mapper, NeedInference needInference, NeedDecisions needDecisions, ObjectMapper json) {
        this.mapper = mapper;
        this.needInference = needInference;
        this.needDecisions = needDecisions;
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

    /** Coordinators' decisions on the inferred needs of these records, by source id and need (services only). */
    public Map<String, Map<String, NeedDecision>> needDecisions(String source, RecordKind kind, Collection<String> sourceIds) {
        return kind == RecordKind.SERVICE ? needDecisions.forRecords(source, sourceIds) : Map.of();
    }

    /** Maps a payload; a service's inferred needs honour the decisions on its record (by need code). */
    public MappedDocument map(String mappingSet, RecordKind kind, JsonNode payload, Map<String, NeedDecision> decisions)
            throws MappingException {
        MappedDocument mapped = mapper.map(mappingSet, kind, payload);
        if (kind != RecordKind.SERVICE) {
            return mapped;
        }
        needInference.annotate(mapped.document(), json, decisions);
        return new MappedDocument(mapped.document(), version(mappingSet, kind), mapped.warnings());
    }
}
