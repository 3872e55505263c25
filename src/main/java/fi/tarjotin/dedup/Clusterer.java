package fi.tarjotin.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins records into entities along match links (union–find), strongest links first so the result does not
 * depend on input order. Transitivity is where record linkage goes wrong: A matches B and B matches C does not
 * make A and C one when they are clearly different (two member associations each linked to their federation's
 * record). So before two entities are joined, the pairs across them are scored (up to a budget) and the join is
 * refused if any is a clear non-match or their business ids differ; the refused link goes to review instead.
 */
final class Clusterer {

    // Cross pairs checked before a join; beyond this the entities are large and already well supported.
    private static final int CHECK_BUDGET = 400;

    private final int[] parent;
    private final List<List<Integer>> members = new ArrayList<>();
    private final String[] businessIds;

    Clusterer(List<MatchRecord> records) {
        parent = new int[records.size()];
        businessIds = new String[records.size()];
        for (MatchRecord record : records) {
            parent[record.index()] = record.index();
            List<Integer> own = new ArrayList<>(1);
            own.add(record.index());
            members.add(own);
            businessIds[record.index()] = record.organisation().isEmpty() ? record.businessId() : "";
        }
    }

    int find(int index) {
        int root = index;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[index] != root) {
            int next = parent[index];
            parent[index] = root;
            index = next;
        }
        return root;
    }

    /** What joining two records' entities along one link did. */
    enum Join {
        JOINED, ALREADY_ONE, REFUSED
    }

    /**
     * Joins the entities of a link's records unless a pair across them is a clear non-match.
     *
     * @param crossCheck tells whether two records may share an entity
     */
    Join join(int a, int b, boolean exactKey, PairCheck crossCheck) {
        int rootA = find(a);
        int rootB = find(b);
        if (rootA == rootB) {
            return Join.ALREADY_ONE;
        }
        String idA = businessIds[rootA];
        String idB = businessIds[rootB];
        if (!idA.isEmpty() && !idB.isEmpty() && !idA.equals(idB)) {
            return Join.REFUSED;
        }
        if (!exactKey && !compatible(members.get(rootA), members.get(rootB), crossCheck)) {
            return Join.REFUSED;
        }
        // The smaller entity joins the larger one, keeping the trees shallow.
        int keep = members.get(rootA).size() >= members.get(rootB).size() ? rootA : rootB;
        int merged = keep == rootA ? rootB : rootA;
        parent[merged] = keep;
        members.get(keep).addAll(members.get(merged));
        members.set(merged, null);
        if (businessIds[keep].isEmpty()) {
            businessIds[keep] = businessIds[merged];
        }
        return Join.JOINED;
    }

    private static boolean compatible(List<Integer> left, List<Integer> right, PairCheck crossCheck) {
        int checked = 0;
        for (int a : left) {
            for (int b : right) {
                if (checked++ >= CHECK_BUDGET) {
                    return true;
                }
                if (!crossCheck.mayBeOne(a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether two records may belong to one entity. */
    interface PairCheck {
        boolean mayBeOne(int a, int b);
    }
}
