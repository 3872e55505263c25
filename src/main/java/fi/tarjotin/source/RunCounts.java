package fi.tarjotin.source;

/**
 * What a run did with the records it fetched: fetched = created + updated + unchanged + rejected + skipped.
 * Retired records are those the run marked inactive. Warnings are values left out of records that were
 * taken in (placeholders), each kept with its reason in {@code import_warning}.
 */
public record RunCounts(int fetched, int created, int updated, int unchanged, int rejected, int skipped,
        int retired, int warnings) {

    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /** Counts of a run that warned about nothing. */
    public RunCounts(int fetched, int created, int updated, int unchanged, int rejected, int skipped, int retired) {
        this(fetched, created, updated, unchanged, rejected, skipped, retired, 0);
    }

    public RunCounts plus(RunCounts other) {
        return new RunCounts(fetched + other.fetched, created + other.created, updated + other.updated,
                unchanged + other.unchanged, rejected + other.rejected, skipped + other.skipped,
                retired + other.retired, warnings + other.warnings);
    }
}
