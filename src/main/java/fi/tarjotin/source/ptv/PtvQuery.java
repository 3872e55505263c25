package fi.tarjotin.source.ptv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters of one PTV listing; a name may repeat ({@code municipalities=297&municipalities=749}). */
record PtvQuery(Map<String, List<String>> parameters) {

    static final PtvQuery NONE = new PtvQuery(Map.of());

    static PtvQuery of(String name, String... values) {
        return NONE.and(name, List.of(values));
    }

    PtvQuery and(String name, List<String> values) {
        Map<String, List<String>> combined = new LinkedHashMap<>(parameters);
        combined.put(name, List.copyOf(values));
        return new PtvQuery(combined);
    }

    PtvQuery and(PtvQuery other) {
        Map<String, List<String>> combined = new LinkedHashMap<>(parameters);
        combined.putAll(other.parameters);
        return new PtvQuery(combined);
    }

    /** Splits a list into pieces of at most {@code size}, as PTV takes at most 20 codes or ids per filter. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            chunks.add(List.copyOf(items.subList(start, Math.min(items.size(), start + size))));
        }
        return chunks;
    }
}
