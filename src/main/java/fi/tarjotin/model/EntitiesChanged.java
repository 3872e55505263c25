package fi.tarjotin.model;



/**
 * Entities were written, so the read model has something to publish. The event says only when to drain, never
 * what: every change to an entity is queued in the transaction that makes it (Flyway {@code V6}), whoever made it.
 *
 * @param awaited the writer's caller reads its change from the API as soon as the call returns (a coordinator's
 *     decision, a reminder answer), so the drain waits for one under way; otherwise (the pages of a run) a drain
 *     already under way takes the change
 */
public record EntitiesChanged(boolean awaited) {

    public static final EntitiesChanged AWAITED = new EntitiesChanged(true);
    public static final EntitiesChanged IN_PASSING = new EntitiesChanged(false);
}
