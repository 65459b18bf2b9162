package dev.polity.judge.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * Splits a text into sentences: with Apache OpenNLP's sentence detectors trained on Universal
 * Dependencies treebanks where Maven Central has one (English, German, French), else with the JDK's
 * rule-based {@link BreakIterator} for the language. Line breaks always end a sentence (lists, greetings).
 * Thread-safe.
 */
public final class Sentences {
    private static final Map<String, String> MODELS = Map.of(
            "en", "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin",
            "de", "/opennlp-de-ud-gsd-sentence-1.3-2.5.4.bin",
            "fr", "/opennlp-fr-ud-gsd-sentence-1.3-2.5.4.bin");
    private static final Map<String, SentenceModel> LOADED = load();
    private static final ThreadLocal<Map<String, SentenceDetectorME>> DETECTORS = ThreadLocal.withInitial(() -> {
        Map<String, SentenceDetectorME> m = new java.util.HashMap<>();
        LOADED.forEach((lang, model) -> m.put(lang, new SentenceDetectorME(model)));
        return m;
    });

    private Sentences() {
    }

    private static Map<String, SentenceModel> load() {
        Map<String, SentenceModel> out = new java.util.TreeMap<>();
        for (var e : MODELS.entrySet()) {
            try (InputStream in = Sentences.class.getResourceAsStream(e.getValue())) {
                if (in != null) {
                    out.put(e.getKey(), new SentenceModel(in));
                }
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            }
        }
        return Map.copyOf(out);
    }

    /** The languages split by a trained OpenNLP model rather than by rules. */
    public static java.util.Set<String> trained() {
        return LOADED.keySet();
    }

    /** The sentences of {@code text} in {@code language} (ISO 639-1), stripped, in order; none for a blank text. */
    public static List<String> split(String text, String language) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            SentenceDetectorME d = DETECTORS.get().get(language);
            if (d != null) {
                for (String s : d.sentDetect(line)) {
                    add(out, s);
                }
            } else {
                BreakIterator it = BreakIterator.getSentenceInstance(Locale.forLanguageTag(language));
                it.setText(line);
                for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                    add(out, line.substring(start, end));
                }
            }
        }
        return out;
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
