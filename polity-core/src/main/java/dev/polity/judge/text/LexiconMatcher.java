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
 * matched in any case. Each phrase or pattern is compiled once with the literals one of which it must
 * begin with, if known, and skipped when the text contains none of them: a regular expression engine
 * tries every alternative at every position, which for a few dozen lexicons in eight languages costs
 * more than all the rest of judging an answer. A {@link Scan} of one text lower-cases it once and
 * remembers which literals it holds and which lexicons it matched, across the norms that ask.
 */
public final class LexiconMatcher {
    private static final Map<Id, List<Entry>> COMPILED = new ConcurrentHashMap<>();
    /** A letter or digit of a script that separates words by spaces (a Korean particle may follow "AI" directly). */
    private static final String WORD = "[\\p{L}\\p{N}&&[^\\p{IsHangul}\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    /** The shortest literal worth checking for. */
    private static final int MIN_LITERAL = 2;

    private LexiconMatcher() {
    }

    /** A match: where it is and what matched. */
    public record Hit(String lexicon, int start, int end, String text) {
    }

    /** One phrase or pattern, and the lower-case literals one of which a text must contain for it to match (empty: none known). */
    private record Entry(Pattern pattern, List<String> anyOf) {
    }

    /** A lexicon by identity: a record's own hash walks all its phrases. */
    private record Id(Lexicon lexicon) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Id i && i.lexicon == lexicon;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(lexicon);
        }
    }

    /** The earliest match of any of the lexicon's phrases and patterns. */
    public static Optional<Hit> find(Lexicon lexicon, String text) {
        return scan(text).find(lexicon);
    }

    /** A text read once for many lexicons. */
    public static Scan scan(String text) {
        return new Scan(text);
    }

    /** One text, lower-cased once, with the literals and lexicons already looked for. Thread-safe. */
    public static final class Scan {
        private final String text;
        private final String lower;
        // sized for a constitution's worth of literals and lexicons: an answer is scanned for all of them, and
        // growing from the default 16 buckets showed up as table copies in the norm judge's profile
        private final Map<String, Boolean> literals = new ConcurrentHashMap<>(1024);
        private final Map<Id, Optional<Hit>> found = new ConcurrentHashMap<>(256);

        private Scan(String text) {
            this.text = text;
            this.lower = text.toLowerCase(Locale.ROOT);
        }

        public String text() {
            return text;
        }

        /** The earliest match of any of the lexicon's phrases and patterns; each lexicon looked for once. */
        public Optional<Hit> find(Lexicon lexicon) {
            return found.computeIfAbsent(new Id(lexicon), this::search);
        }

        private Optional<Hit> search(Id id) {
            int start = -1;
            int end = -1;
            for (Entry e : COMPILED.computeIfAbsent(id, k -> compile(k.lexicon()))) {
                if (!e.anyOf().isEmpty() && !holdsAny(e.anyOf())) {
                    continue;
                }
                Matcher m = e.pattern().matcher(text);
                if (m.find() && (start < 0 || m.start() < start)) {
                    start = m.start();
                    end = m.end();
                }
            }
            return start < 0 ? Optional.empty() : Optional.of(new Hit(id.lexicon().name(), start, end, text.substring(start, end)));
        }

        private boolean holdsAny(List<String> anyOf) {
            for (String l : anyOf) {
                if (literals.computeIfAbsent(l, lower::contains)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Entry> compile(Lexicon l) {
        List<Entry> out = new ArrayList<>();
        l.phrases().values().forEach(list -> list.forEach(p -> out.add(new Entry(Pattern.compile(phrase(p), FLAGS),
                literal(p.strip().replace('’', '\'').split("\\s+")[0].split("'")[0])))));
        l.patterns().values().forEach(list -> list.forEach(p -> out.add(new Entry(Pattern.compile(p, FLAGS), leadingLiterals(p)))));
        return List.copyOf(out);
    }

    /** A literal worth checking for, lower case, as a one-element list; else empty. */
    private static List<String> literal(String s) {
        return s.length() >= MIN_LITERAL ? List.of(s.toLowerCase(Locale.ROOT)) : List.of();
    }

    /**
     * Literals one of which a text must contain for the pattern to match, lower case; empty when none are
     * known. A pattern's alternatives at its top level each give theirs; an alternative (after a leading
     * {@code \b}) that opens with a group that must match gives the group's, and one that opens with plain
     * letters gives their run, up to the first character that is not a letter or a space or that a
     * quantifier makes optional or repeated.
     */
    static List<String> leadingLiterals(String pattern) {
        List<String> alternatives = split(pattern);
        if (alternatives.size() > 1) {
            List<String> out = new ArrayList<>();
            for (String a : alternatives) {
                List<String> l = leadingLiterals(a);
                if (l.isEmpty()) {
                    return List.of();
                }
                out.addAll(l);
            }
            return List.copyOf(out);
        }
        String p = pattern.startsWith("\\b") ? pattern.substring(2) : pattern;
        if (p.startsWith("(")) {
            int open = p.startsWith("(?:") ? 3 : p.startsWith("(?") ? -1 : 1;
            int close = closing(p);
            if (open < 0 || close < 0 || close + 1 < p.length() && "?*{".indexOf(p.charAt(close + 1)) >= 0) {
                return List.of();
            }
            return leadingLiterals(p.substring(open, close));
        }
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

    /** The pattern's alternatives at its top level (outside groups and character classes). */
    private static List<String> split(String pattern) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int bar : structure(pattern).bars()) {
            out.add(pattern.substring(from, bar));
            from = bar + 1;
        }
        out.add(pattern.substring(from));
        return out;
    }

    /** The index of the parenthesis that closes the group opening the pattern, or -1. */
    private static int closing(String p) {
        return structure(p).firstGroupEnd();
    }

    /** Where a pattern's top-level alternatives are divided, and where the group it opens with (if any) closes (-1: nowhere). */
    private record Structure(List<Integer> bars, int firstGroupEnd) {
    }

    /** One walk over a pattern, skipping escaped characters and character classes. */
    private static Structure structure(String p) {
        List<Integer> bars = new ArrayList<>();
        int firstGroupEnd = -1;
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
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
                if (depth == 0 && firstGroupEnd < 0 && p.charAt(0) == '(') {
                    firstGroupEnd = i;
                }
            } else if (c == '|' && depth == 0) {
                bars.add(i);
            }
        }
        return new Structure(bars, firstGroupEnd);
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
