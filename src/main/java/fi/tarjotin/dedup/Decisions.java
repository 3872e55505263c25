package fi.tarjotin.dedup;

import java.util.List;

/**
 * What coordinators decided about pairs of records, which every run honours over the scores: a merged pair is
 * always one entity, and a pair kept apart is never in one entity, however strong a chain of matches between
 * them (so a decision is never overturned by a later run). Pairs naming a record not in the run are ignored.
 */
public record Decisions(List<Pair> merge, List<Pair> keepApart) {

    public static final Decisions NONE = new Decisions(List.of(), List.of());

    public Decisions {
        merge = List.copyOf(merge);
        keepApart = List.copyOf(keepApart);
    }

    /** Two records by their ids in the run. */
    public record Pair(String recordIdA, String recordIdB) {
    }
}
