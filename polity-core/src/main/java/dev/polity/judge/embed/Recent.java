package dev.polity.judge.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The last few results of a function, least recently used first out: an ensemble asks each detector about
 * the same answer once per norm of a context (about 35), and MiniLM is asked each part's word-piece count three
 * times; only the first ask should cost anything.
 * Thread-safe; a value may be computed twice by racing threads, never wrongly.
 */
public final class Recent<K, V> {
    private final Map<K, V> entries;

    public Recent(int size) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    public V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V v = entries.get(key);
            if (v != null) {
                return v;
            }
        }
        V v = compute.apply(key);
        synchronized (entries) {
            entries.put(key, v);
        }
        return v;
    }
}
