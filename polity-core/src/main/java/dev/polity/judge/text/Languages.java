package dev.polity.judge.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Identifies the language of a text as an ISO 639-1 code, with Apache OpenNLP's language detector (a
 * maximum-entropy model over character n-grams, 103 languages; Apache OpenNLP {@code langdetect-183}).
 * Texts in Hangul, kana or Han script are told apart by script first, since a short Korean, Japanese
 * or Chinese answer is where n-gram models err. Thread-safe: the model is shared, the detector is per
 * thread.
 */
public final class Languages {
    private static final String MODEL = "/langdetect-183.bin";
    private static final Map<String, String> ISO_639_1 = Map.ofEntries(
            Map.entry("eng", "en"), Map.entry("deu", "de"), Map.entry("fra", "fr"), Map.entry("spa", "es"), Map.entry("ita", "it"),
            Map.entry("por", "pt"), Map.entry("nld", "nl"), Map.entry("kor", "ko"), Map.entry("cmn", "zh"), Map.entry("zho", "zh"),
            Map.entry("jpn", "ja"), Map.entry("dan", "da"), Map.entry("swe", "sv"), Map.entry("nob", "no"), Map.entry("nno", "no"),
            Map.entry("pol", "pl"), Map.entry("ces", "cs"), Map.entry("fin", "fi"), Map.entry("ell", "el"), Map.entry("ron", "ro"),
            Map.entry("hun", "hu"), Map.entry("cat", "ca"), Map.entry("tur", "tr"), Map.entry("rus", "ru"), Map.entry("ukr", "uk"),
            Map.entry("ltz", "lb"), Map.entry("gle", "ga"), Map.entry("afr", "af"));
    private static final LanguageDetectorModel LOADED = load();
    private static final ThreadLocal<LanguageDetectorME> DETECTOR = ThreadLocal.withInitial(() -> new LanguageDetectorME(LOADED));

    private Languages() {
    }

    private static LanguageDetectorModel load() {
        try (InputStream in = Languages.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenNLP language model " + MODEL + " (opennlp-models-langdetect)");
            }
            return new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most probable language of {@code text}: an ISO 639-1 code, or {@code und} for a text with no letters. */
    public static String identify(String text) {
        int hangul = 0;
        int kana = 0;
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            letters++;
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            if (s == Character.UnicodeScript.HANGUL) {
                hangul++;
            } else if (s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA) {
                kana++;
            } else if (s == Character.UnicodeScript.HAN) {
                han++;
            }
        }
        if (letters == 0) {
            return "und";
        }
        if (hangul * 4 > letters) {
            return "ko";
        }
        if (kana * 10 > letters) {
            return "ja";
        }
        if (han * 2 > letters) {
            return "zh";
        }
        Language best = DETECTOR.get().predictLanguage(text);
        return ISO_639_1.getOrDefault(best.getLang(), best.getLang());
    }
}
