package fi.tarjotin.system;



/** PostgreSQL advisory lock keys that keep layers' transactions apart, across every instance sharing the database. */
public final class AdvisoryLocks {

    /**
     * Which entity each record belongs to. Entity resolution holds it exclusively while it moves records between
     * entities (one resolution at a time); each transaction that publishes read-model entries holds it shared,
     * so an entry's references are never resolved from memberships a resolution is changing.
     */
    public static final long ENTITY_MEMBERSHIP = 0x7461726a6f74696eL; // "tarjotin"

    private AdvisoryLocks() {
    }
}
