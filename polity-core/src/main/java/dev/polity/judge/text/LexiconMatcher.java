package dev.polity.judge.text;

import dev.polity.norms.Lexicon;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a lexicon's phrases and patterns in a text, whatever the text's language (an answer may mix
 * languages, and language identification errs on short texts). Phrases match whole words in any case
 * (no word boundary next to Hangul, kana or Han, where particles attach to words); patterns are
 * compiled in any case. Each lexicon is compiled once into one alternation.
 */
public final class LexiconMatcher {
    private static final Map<Lexicon, Pattern> COMPILED = new ConcurrentHashMap<>();
    /** A letter or digit of a script that separates words by spaces (a Korean particle may follow "AI" directly). */
    private static final String WORD = "[\\p{L}\\p{N}&&[^\\p{IsHangul}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]";

    private LexiconMatcher() {
    }

    /** A match: where it is and what matched. */
    public record Hit(String lexicon, int start, int end, String text) {
    }

    public static Optional<Hit> find(Lexicon lexicon, String text) {
        Matcher m = pattern(lexicon).matcher(text);
        return m.find() ? Optional.of(new Hit(lexicon.name(), m.start(), m.end(), m.group())) : Optional.empty();
    }

    static Pattern pattern(Lexicon l) {
        return COMPILED.computeIfAbsent(l, LexiconMatcher::compile);
    }

    private static Pattern compile(Lexicon l) {
        StringBuilder sb = new StringBuilder();
        l.phrases().values().forEach(list -> list.forEach(p -> alternative(sb, phrase(p))));
        l.patterns().values().forEach(list -> list.forEach(p -> alternative(sb, "(?:" + p + ")")));
        if (sb.length() == 0) {
            return Pattern.compile("(?!)");
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    }

    private static void alternative(StringBuilder sb, String p) {
        sb.append(sb.length() == 0 ? "" : "|").append(p);
    }

    /** A phrase as a pattern: its words in order, any whitespace between them, typographic apostrophes as plain ones. */
    static String phrase(String phrase) {
        String p = phrase.strip().replace('’', '\'');
        StringBuilder sb = new StringBuilder();
        if (bounded(p.codePointAt(0))) {
            sb.append("(?<!" + WORD + ")");
        }
        String[] words = p.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            sb.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]).replace("'", "\\E['’]\\Q"));
        }
        if (bounded(p.codePointBefore(p.length()))) {
            sb.append("(?!" + WORD + ")");
        }
        return sb.toString();
    }

    private static boolean bounded(int c) {
        if (!Character.isLetterOrDigit(c)) {
            return false;
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        return s != Character.UnicodeScript.HANGUL && s != Character.UnicodeScript.HAN && s != Character.UnicodeScript.HIRAGANA
                && s != Character.UnicodeScript.KATAKANA;
    }
}
