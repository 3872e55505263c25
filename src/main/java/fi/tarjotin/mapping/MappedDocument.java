package fi.tarjotin.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A source record in the catalogue's model, checked against it.
 *
 * @param mappingHash identifies the mapping file version that produced it, so a changed mapping re-maps
 * @param warnings values the mapping left out as plainly not real (placeholders), each with its reason
 */
public record MappedDocument(ObjectNode document, String mappingHash, List<String> warnings) {
}
