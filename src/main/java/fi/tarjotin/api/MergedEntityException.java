package fi.tarjotin.api;

import java.util.UUID;

/** The id asked for belongs to an entity merged into another: the answer redirects to its successor. */
class MergedEntityException extends RuntimeException {

    private final String path;
    private final UUID id;
    private final UUID successorId;

    MergedEntityException(String path, UUID id, UUID successorId) {
        super("The " + path + " " + id + " was merged into " + successorId);
        this.path = path;
        this.id = id;
        this.successorId = successorId;
    }

    /** The collection path of the entity's type, e.g. {@code services}. */
    String path() {
        return path;
    }

    UUID id() {
        return id;
    }

    UUID successorId() {
        return successorId;
    }
}
