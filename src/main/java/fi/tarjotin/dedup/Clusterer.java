package fi.tarjotin.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins records into entities along match links (union–find), strongest links first so the result does not
 * depend on input order. Transitivity is where record linkage goes wrong: A matches B and B matches C does not
 * make A and C one when they are clearly different (two member associations each linked to their federation's
 * record). So before two entities are joined, the pairs across them are scored (up to a budget) and the join is
 * refused if any is a clear non-match or their business ids or PTV ids differ; the refused link goes to review instead.
 */
final class Clusterer {

    // Cross pairs checked before a join; beyond this the entities are large and already well supported.
    private static final int CHECK_BUDGET = 400;

    private final int[] parent;
    private final List<List<Integer>> members = new ArrayList<>();
    private final String[] businessIds;
    // The PTV id in each entity, if any: two PTV records are never one entity by a chain of other links.
    private final String[] ptvIds;
    // Coordinators' keep-apart decisions, both ways, by record index.
    private final Map<Integer, Set<Integer>> keptApart = new HashMap<>();

    Clusterer(List<MatchRecord> records) {
        parent = new int[records.size()];
        businessIds = new String[records.size()];
        ptvIds = new String[records.size()];
        for (MatchRecord record : records) {
            parent[record.index()] = record.index();
            List<Integer> own = new ArrayList<>(1);
            own.add(record.index());
            members.add(own);
            businessIds[record.index()] = record.organisation().isEmpty() ? record.businessId() : "";
            ptvIds[record.index()] = record.ptvId();
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

    /** Records that must never share an entity: a coordinator's decision. */
    void keepApart(int a, int b) {
        keptApart.computeIfAbsent(a, key -> new HashSet<>()).add(b);
        keptApart.computeIfAbsent(b, key -> new HashSet<>()).add(a);
    }

    /** Whether the entities of two roots hold a pair a coordinator kept apart. */
    boolean keptApart(int rootA, int rootB) {
        if (keptApart.isEmpty()) {
            return false;
        }
        List<Integer> smaller = members.get(rootA).size() <= members.get(rootB).size() ? members.get(rootA)
                : members.get(rootB);
        int other = smaller == members.get(rootA) ? rootB : rootA;
        for (int member : smaller) {
            for (int partner : keptApart.getOrDefault(member, Set.of())) {
                if (find(partner) == other) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Joins two records' entities because a coordinator decided they are one: no score or business id is
     * asked, only the keep-apart decisions. Returns whether the entities were joined now.
     */
    boolean joinAsDecided(int a, int b) {
        int rootA = find(a);
        int rootB = find(b);
        if (rootA == rootB || keptApart(rootA, rootB)) {
            return false;
        }
        union(rootA, rootB);
        return true;
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
        if (keptApart(rootA, rootB)) {
            return Join.REFUSED;
        }
        if (differ(businessIds[rootA], businessIds[rootB]) || differ(ptvIds[rootA], ptvIds[rootB])) {
            return Join.REFUSED;
        }
        if (!exactKey && !compatible(members.get(rootA), members.get(rootB), crossCheck)) {
            return Join.REFUSED;
        }
        union(rootA, rootB);
        return Join.JOINED;
    }

    private void union(int rootA, int rootB) {
        // The smaller entity joins the larger one, keeping the trees shallow.
        int keep = members.get(rootA).size() >= members.get(rootB).size() ? rootA : rootB;
        int merged = keep == rootA ? rootB : rootA;
        parent[merged] = keep;
        members.get(keep).addAll(members.get(merged));
        members.set(merged, null);
        if (businessIds[keep].isEmpty()) {
            businessIds[keep] = businessIds[merged];
        }
        if (ptvIds[keep].isEmpty()) {
            ptvIds[keep] = ptvIds[merged];
        }
    }

    private static boolean differ(String key, String other) {
        return !key.isEmpty() && !other.isEmpty() && !key.equals(other);
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
