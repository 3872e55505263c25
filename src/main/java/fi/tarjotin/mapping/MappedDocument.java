package fi.tarjotin.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A source record in the catalogue's model, checked against it.
 *
 * @param mappingHash identifies the mapping file version that produced it, so a changed mapping re-maps
 */
public record MappedDocument(ObjectNode document, String mappingHash) {
}
