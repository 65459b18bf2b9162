package dev.polity.judge.embed;

import java.io.IOException;
import dev.polity.input.CacheFolder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Remembers embeddings in memory and, when given a folder, in an append-only file keyed by the SHA-256
 * of the embedder's id and the text, so that the same text is embedded once across runs. A record is
 * written whole under a file lock; a torn record at the end (a killed process) is ignored on reading.
 */
public final class CachedEmbedder implements TextEmbedder.Wrapping {
    private final TextEmbedder inner;
    private final Path file;
    private final Map<String, Embedding> memory = new ConcurrentHashMap<>();
    /** Set once the file failed; the warning is printed once and the cache goes on in memory. */
    private volatile boolean broken;

    /** A memory-only cache. */
    public CachedEmbedder(TextEmbedder inner) {
        this(inner, null);
    }

    /** A cache backed by a file under {@code folder} (created when missing). */
    public CachedEmbedder(TextEmbedder inner, Path folder) {
        this.inner = inner;
        this.file = folder == null ? null : folder.resolve(inner.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".vec");
        if (file != null) {
            load();
        }
    }

    /** {@code embeddings/} under Polity's cache folder ({@link CacheFolder}). */
    public static Path defaultFolder() {
        return CacheFolder.of("embeddings");
    }

    /** The shared MiniLM behind the default file cache; the embedder every command and test uses unless told otherwise. */
    public static CachedEmbedder miniLm() {
        return new CachedEmbedder(MiniLmEmbedder.shared(), defaultFolder());
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public TextEmbedder inner() {
        return inner;
    }

    @Override
    public boolean knows(String text) {
        return memory.containsKey(key(text));
    }

    public int size() {
        return memory.size();
    }

    @Override
    public List<Embedding> embed(List<String> texts, IntConsumer progress) {
        List<String> keys = new ArrayList<>(texts.size());
        List<String> missing = new ArrayList<>();
        List<String> missingKeys = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int cached = 0;
        for (String t : texts) {
            String k = key(t);
            keys.add(k);
            if (memory.containsKey(k)) {
                cached++;
            } else if (seen.add(k)) {
                missing.add(t);
                missingKeys.add(k);
            }
        }
        if (cached > 0) {
            progress.accept(texts.size() - missing.size());
        }
        if (!missing.isEmpty()) {
            List<Embedding> fresh = inner.embed(missing, progress);
            for (int i = 0; i < fresh.size(); i++) {
                memory.put(missingKeys.get(i), fresh.get(i));
            }
            append(missingKeys, fresh);
        }
        List<Embedding> out = new ArrayList<>(texts.size());
        for (String k : keys) {
            out.add(memory.get(k));
        }
        return out;
    }

    /** The whole under its text's key, each part under a key naming the whole text, the part's span and how parts are read ({@link Passage#key}). */
    @Override
    public List<PassageEmbedding> embedPassages(List<Passage> passages, IntConsumer progress) {
        List<String> keys = new ArrayList<>();
        List<Embedding> fresh = new ArrayList<>();
        List<PassageEmbedding> out = TextEmbedder.recalling(passages, inner, t -> memory.get(key(t)), (t, e) -> {
            String k = key(t);
            memory.put(k, e);
            keys.add(k);
            fresh.add(e);
        });
        append(keys, fresh);
        progress.accept(passages.size());
        return out;
    }

    private String key(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(inner.id().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private int recordBytes() {
        return 16 + 2 * 4 * inner.dimension();
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            int d = inner.dimension();
            byte[] k = new byte[16];
            while (all.remaining() >= recordBytes()) {
                all.get(k);
                float[] head = new float[d];
                float[] mean = new float[d];
                all.asFloatBuffer().get(head);
                all.position(all.position() + 4 * d);
                all.asFloatBuffer().get(mean);
                all.position(all.position() + 4 * d);
                memory.put(HexFormat.of().formatHex(k), new Embedding(head, mean));
            }
        } catch (IOException e) {
            // An unreadable cache is only a slower run: say so, start empty, and do not write to it.
            memory.clear();
            unusable("cannot read the embedding cache " + file + " (" + e.getMessage() + "); embedding without it");
        }
    }

    private void append(List<String> keys, List<Embedding> vectors) {
        if (file == null || broken) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(recordBytes() * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < keys.size(); i++) {
            buf.put(HexFormat.of().parseHex(keys.get(i)));
            for (float f : vectors.get(i).head()) {
                buf.putFloat(f);
            }
            for (float f : vectors.get(i).mean()) {
                buf.putFloat(f);
            }
        }
        buf.flip();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock lock = ch.lock()) {
                long size = ch.size();
                long torn = size % recordBytes();
                if (torn != 0) {
                    ch.truncate(size - torn);
                }
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException e) {
            unusable("cannot write the embedding cache " + file + " (" + e.getMessage() + "); embedding without it");
        }
    }

    private synchronized void unusable(String warning) {
        if (!broken) {
            broken = true;
            System.err.println("warning: " + warning);
        }
    }
}
