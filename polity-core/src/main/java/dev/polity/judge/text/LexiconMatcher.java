package dev.polity.judge.text;

import dev.polity.norms.Lexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a lexicon's phrases and patterns in a text, whatever the text's language (an answer may mix
 * languages, and language identification errs on short texts). Phrases match whole words in any case
 * (no word boundary next to Hangul, kana or Han, where particles attach to words); patterns are
 * matched in any case. Each phrase or pattern is compiled once with the literal it must begin with, if
 * any, and skipped when the text does not contain that literal: a regular expression engine tries every
 * alternative at every position, which for a few dozen lexicons in eight languages costs more than all
 * the rest of judging an answer.
 */
public final class LexiconMatcher {
    private static final Map<Lexicon, List<Entry>> COMPILED = new ConcurrentHashMap<>();
    /** A letter or digit of a script that separates words by spaces (a Korean particle may follow "AI" directly). */
    private static final String WORD = "[\\p{L}\\p{N}&&[^\\p{IsHangul}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private LexiconMatcher() {
    }

    /** A match: where it is and what matched. */
    public record Hit(String lexicon, int start, int end, String text) {
    }

    /** One phrase or pattern, and the lower-case literal a text must contain for it to match (empty: none known). */
    private record Entry(Pattern pattern, String literal) {
    }

    /** The earliest match of any of the lexicon's phrases and patterns. */
    public static Optional<Hit> find(Lexicon lexicon, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        int end = -1;
        for (Entry e : COMPILED.computeIfAbsent(lexicon, LexiconMatcher::compile)) {
            if (!e.literal().isEmpty() && !lower.contains(e.literal())) {
                continue;
            }
            Matcher m = e.pattern().matcher(text);
            if (m.find() && (start < 0 || m.start() < start)) {
                start = m.start();
                end = m.end();
            }
        }
        return start < 0 ? Optional.empty() : Optional.of(new Hit(lexicon.name(), start, end, text.substring(start, end)));
    }

    private static List<Entry> compile(Lexicon l) {
        List<Entry> out = new ArrayList<>();
        l.phrases().values().forEach(list -> list.forEach(p -> out.add(new Entry(Pattern.compile(phrase(p), FLAGS),
                literal(p.strip().replace('’', '\'').split("\\s+")[0].split("'")[0])))));
        l.patterns().values().forEach(list -> list.forEach(p -> out.add(new Entry(Pattern.compile(p, FLAGS), leadingLiteral(p)))));
        return List.copyOf(out);
    }

    /** A literal worth checking for (three characters or more), lower case; else empty. */
    private static String literal(String s) {
        return s.length() >= 3 ? s.toLowerCase(Locale.ROOT) : "";
    }

    /**
     * The run of plain letters (and spaces) a pattern begins with, after a leading {@code \b}, when the pattern
     * has no alternative at its top level and nothing in the run is optional or repeated; else empty.
     */
    static String leadingLiteral(String pattern) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return "";
            }
        }
        String p = pattern.startsWith("\\b") ? pattern.substring(2) : pattern;
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            boolean plain = Character.isLetter(c) || c == ' ';
            boolean quantified = i + 1 < p.length() && "?*{+".indexOf(p.charAt(i + 1)) >= 0;
            if (!plain || quantified) {
                break;
            }
            run.append(c);
        }
        return literal(run.toString().strip());
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
