package fi.tarjotin.catalogue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values computed from the published catalogue, kept until the catalogue changes: every publish moves
 * the generation, and the first use after that empties the cache. Bounded by a size at which it simply
 * starts over (the entries are cheap to compute again; a tray asks the same few thousand things).
 */
public final class GenerationCache<K, V> {

    private final LongSupplier generation;
    private final int maxEntries;
    private final Map<K, V> values = new ConcurrentHashMap<>();
    private volatile long cachedGeneration = Long.MIN_VALUE;

    public GenerationCache(LongSupplier generation, int maxEntries) {
        this.generation = generation;
        this.maxEntries = maxEntries;
    }

    public V get(K key, Function<K, V> compute) {
        V value = getIfPresent(key);
        if (value == null) {
            value = compute.apply(key);
            put(key, value);
        }
        return value;
    }

    /** The value kept for the key in the current generation, or null. */
    public V getIfPresent(K key) {
        startOverIfOutdated();
        return values.get(key);
    }

    public void put(K key, V value) {
        if (maxEntries > 0) {
            startOverIfOutdated();
            values.put(key, value);
        }
    }

    private void startOverIfOutdated() {
        long current = generation.getAsLong();
        if (current != cachedGeneration || values.size() >= maxEntries) {
            values.clear();
            cachedGeneration = current;
        }
    }
}
