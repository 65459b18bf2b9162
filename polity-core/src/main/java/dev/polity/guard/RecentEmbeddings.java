package dev.polity.guard;

import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.Passage;
import dev.polity.judge.embed.PassageEmbedding;
import dev.polity.judge.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The embeddings of the most recently used texts, in memory and bounded: several detectors embed the same
 * answer while it is judged against a context's norms, and the norms' own texts are used on every request,
 * but a gateway that runs for months must not remember every answer it ever saw (least recently used first
 * out, as in {@link LinkedHashMap}'s access order).
 */
public final class RecentEmbeddings implements TextEmbedder.Wrapping {
    private final TextEmbedder inner;
    private final Map<String, Embedding> recent;

    public RecentEmbeddings(TextEmbedder inner, int capacity) {
        this.inner = inner;
        this.recent = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Embedding> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public TextEmbedder inner() {
        return inner;
    }

    @Override
    public boolean knows(String text) {
        synchronized (recent) {
            return recent.containsKey(text);
        }
    }

    @Override
    public List<Embedding> embed(List<String> texts, IntConsumer progress) {
        Embedding[] out = new Embedding[texts.size()];
        List<String> missing = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        synchronized (recent) {
            for (int i = 0; i < texts.size(); i++) {
                Embedding e = recent.get(texts.get(i));
                if (e == null) {
                    missing.add(texts.get(i));
                    where.add(i);
                } else {
                    out[i] = e;
                }
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> fresh = inner.embed(missing, n -> { });
            synchronized (recent) {
                for (int i = 0; i < fresh.size(); i++) {
                    out[where.get(i)] = fresh.get(i);
                    recent.put(missing.get(i), fresh.get(i));
                }
            }
        }
        progress.accept(texts.size());
        return List.of(out);
    }

    /** Passes passages on, so that their parts are read in context; the parts are remembered under {@link Passage#key}. */
    @Override
    public List<PassageEmbedding> embedPassages(List<Passage> passages, IntConsumer progress) {
        List<PassageEmbedding> out = TextEmbedder.recalling(passages, inner, t -> {
            synchronized (recent) {
                return recent.get(t);
            }
        }, (t, e) -> {
            synchronized (recent) {
                recent.put(t, e);
            }
        });
        progress.accept(passages.size());
        return out;
    }

    @Override
    public void close() {
        inner.close();
    }
}
