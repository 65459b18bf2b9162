package dev.polity.judge.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/** Turns texts into vectors. Implementations are thread-safe; closing one releases its threads. */
public interface TextEmbedder extends AutoCloseable {

    /** Names the model and the chunking; a cache or a trained model is valid only for the same id. */
    String id();

    int dimension();

    /**
     * Embeds every text, in order.
     *
     * @param progress told how many texts were finished, after each batch (for a progress bar)
     */
    List<Embedding> embed(List<String> texts, IntConsumer progress);

    default Embedding embed(String text) {
        return embed(List.of(text), n -> { }).get(0);
    }

    /**
     * Embeds every passage: its whole text as {@link #embed(List, IntConsumer)} does, and its parts. By default
     * each part is embedded as a text of its own; an embedder that keeps its token states reads the parts in
     * the whole's context instead ({@link MiniLmEmbedder}), and one that wraps another must pass passages on.
     *
     * @param progress told how many passages were finished
     */
    default List<PassageEmbedding> embedPassages(List<Passage> passages, IntConsumer progress) {
        List<String> texts = new ArrayList<>();
        for (Passage p : passages) {
            texts.add(p.text());
            p.parts().forEach(part -> texts.add(p.text(part)));
        }
        List<Embedding> e = embed(texts, n -> { });
        List<PassageEmbedding> out = new ArrayList<>(passages.size());
        int k = 0;
        for (Passage p : passages) {
            Embedding whole = e.get(k++);
            List<float[]> parts = new ArrayList<>(p.parts().size());
            for (int i = 0; i < p.parts().size(); i++) {
                parts.add(e.get(k++).mean());
            }
            out.add(new PassageEmbedding(whole, parts));
        }
        progress.accept(passages.size());
        return out;
    }

    /**
     * Whether {@link #embedPassages} reads this part in its passage's context. A part it reads alone has the
     * embedding {@link #embed} gives its text, so a caller may pass it as a passage of its own, which a cache files
     * under its text and shares between answers (a disclaimer many answers open with). By default, no part is read
     * in context.
     */
    default boolean readsInContext(String part) {
        return false;
    }

    /**
     * Says that {@code text} will soon be asked for, as a text or as a passage's text (whatever its parts), so that
     * the embedder may start reading it while the caller works out the rest. Nothing is returned and nothing must
     * follow: an embedder that cannot use it ignores it (the default), and a cache passes it on only for a text it
     * does not know.
     */
    default void anticipate(String text) {
    }

    /** Names how parts are read (a cache keeps parts read one way apart from parts read another); by default, alone. */
    default String partReading() {
        return "alone";
    }

    /**
     * Passages' embeddings for a cache: those whose whole and every part {@code recall} knows (by text, and by
     * {@link Passage#key}), the others from {@code inner}, whose results {@code remember} is given.
     */
    static List<PassageEmbedding> recalling(List<Passage> passages, TextEmbedder inner, Function<String, Embedding> recall,
                                            BiConsumer<String, Embedding> remember) {
        PassageEmbedding[] out = new PassageEmbedding[passages.size()];
        List<Passage> missing = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            Embedding whole = recall.apply(p.text());
            List<float[]> parts = new ArrayList<>(p.parts().size());
            for (Passage.Part part : p.parts()) {
                Embedding e = whole == null ? null : recall.apply(p.key(part, inner.partReading()));
                if (e == null) {
                    whole = null;
                    break;
                }
                parts.add(e.mean());
            }
            if (whole == null) {
                missing.add(p);
                where.add(i);
            } else {
                out[i] = new PassageEmbedding(whole, parts);
            }
        }
        if (!missing.isEmpty()) {
            List<PassageEmbedding> fresh = inner.embedPassages(missing, n -> { });
            for (int i = 0; i < fresh.size(); i++) {
                Passage p = missing.get(i);
                PassageEmbedding e = fresh.get(i);
                remember.accept(p.text(), e.whole());
                for (int j = 0; j < p.parts().size(); j++) {
                    remember.accept(p.key(p.parts().get(j), inner.partReading()), new Embedding(e.parts().get(j), e.parts().get(j)));
                }
                out[where.get(i)] = e;
            }
        }
        return List.of(out);
    }

    /**
     * An embedder in front of another (a cache): it has the other's name and size and reads parts as the other
     * does, so that a cache cannot turn late chunking off by forgetting to pass on how parts are read.
     */
    interface Wrapping extends TextEmbedder {
        TextEmbedder inner();

        @Override
        default String id() {
            return inner().id();
        }

        @Override
        default int dimension() {
            return inner().dimension();
        }

        @Override
        default String partReading() {
            return inner().partReading();
        }

        @Override
        default boolean readsInContext(String part) {
            return inner().readsInContext(part);
        }

        /** Passes the text on unless this wrapper would answer for it without the inner embedder. */
        @Override
        default void anticipate(String text) {
            if (!knows(text)) {
                inner().anticipate(text);
            }
        }

        /** Whether this wrapper holds {@code text}'s embedding (a cache); a wrapper that holds nothing says no. */
        boolean knows(String text);
    }

    /** Releases threads or files the embedder holds; a no-op by default. */
    @Override
    default void close() {
    }
}
