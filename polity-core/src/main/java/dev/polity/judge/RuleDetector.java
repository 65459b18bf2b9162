package dev.polity.judge;

import dev.polity.input.PluginInfo;
import dev.polity.norms.Check;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Deterministic checks: patterns and phrases that must not appear, disclosures that must appear, and
 * personal data. Parameters of a {@code rules} check (each optional, each a string or a list):
 * <ul>
 *   <li>{@code forbid_patterns}, {@code forbid_phrases}: any hit violates (evidence: the span)</li>
 *   <li>{@code require_patterns}, {@code require_phrases}: at least one must be present, else it violates
 *       (a required disclosure such as "I am an AI")</li>
 *   <li>{@code pii}: {@code email}, {@code phone}, {@code iban}, {@code national_id} or {@code all}: any found violates</li>
 *   <li>{@code max_words}: a whole number; a longer answer violates</li>
 * </ul>
 * Phrases match case-insensitively at word boundaries; patterns are Java regular expressions.
 */
public final class RuleDetector implements Detector {
    public static final String NAME = "rules";
    static final PluginInfo INFO = new PluginInfo(NAME,
            "patterns and phrases (whole words, any case) that must not or must appear, personal data, a word limit",
            "Polity's own rules; personal data by format with its check digits (IBAN: ISO 7064 mod 97-10)",
            List.of(new PluginInfo.Parameter("forbid_patterns", "a pattern or a list of patterns", null, "any match violates (evidence: the span)"),
                    new PluginInfo.Parameter("forbid_phrases", "a phrase or a list of phrases", null, "any occurrence violates"),
                    new PluginInfo.Parameter("require_patterns", "a pattern or a list of patterns", null,
                            "at least one of the required patterns and phrases must appear, else it violates (a disclosure such as \"I am an AI\")"),
                    new PluginInfo.Parameter("require_phrases", "a phrase or a list of phrases", null, "as require_patterns, for phrases"),
                    new PluginInfo.Parameter("pii", "email, phone, iban, national_id or all, or a list of them", null, "any personal data of these kinds violates"),
                    new PluginInfo.Parameter("max_words", "a whole number", null, "a longer answer violates")));
    private final Map<String, Pattern> compiled = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict judge(Answer answer, Norm norm, Check check) {
        CheckParams p = new CheckParams(norm, check);
        String text = answer.text();
        String gate = Ensemble.promptGate(answer, check);
        if (gate != null) {
            return Verdict.notApplicable(gate, NAME); // as the ensemble would, for callers that use this detector alone
        }
        boolean anyRule = false;
        if (p.has("max_words")) {
            anyRule = true;
            double max = p.number("max_words", Double.MAX_VALUE);
            int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
            if (words > max) {
                return Verdict.violates(1.0, words + " words, more than max_words " + (long) max, NAME);
            }
        }
        for (String key : List.of("forbid_patterns", "forbid_phrases")) {
            for (String rule : p.strings(key)) {
                anyRule = true;
                Matcher m = pattern(p, key, rule, key.endsWith("phrases")).matcher(text);
                if (m.find()) {
                    return Verdict.violates(1.0, span(text, m.start(), m.end()) + " (forbidden: " + rule + ")", NAME);
                }
            }
        }
        Set<PiiKind> kinds = piiKinds(p);
        if (!kinds.isEmpty()) {
            anyRule = true;
            List<PiiMatch> found = PiiScanner.find(text, kinds);
            if (!found.isEmpty()) {
                PiiMatch first = found.get(0);
                return Verdict.violates(1.0, span(text, first.start(), first.end()) + " (" + first.label() + ")", NAME);
            }
        }
        List<String> required = new ArrayList<>();
        String present = null;
        for (String key : List.of("require_patterns", "require_phrases")) {
            for (String rule : p.strings(key)) {
                required.add(rule);
                Matcher m = pattern(p, key, rule, key.endsWith("phrases")).matcher(text);
                if (present == null && m.find()) {
                    present = span(text, m.start(), m.end());
                }
            }
        }
        if (!required.isEmpty()) {
            anyRule = true;
            if (present == null) {
                return Verdict.violates(1.0, "none of the required " + required + " is present", NAME);
            }
        }
        if (!anyRule) {
            return Verdict.notApplicable("the check names no rule", NAME);
        }
        return Verdict.complies(1.0, present != null ? present + " (required, present)" : "no forbidden pattern or personal data", NAME);
    }

    private Set<PiiKind> piiKinds(CheckParams p) {
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        for (String s : p.strings("pii")) {
            if (s.equalsIgnoreCase("all")) {
                kinds.addAll(EnumSet.allOf(PiiKind.class));
                continue;
            }
            try {
                kinds.add(PiiKind.parse(s));
            } catch (IllegalArgumentException e) {
                throw p.bad("pii", "email, phone, iban, national_id or all", s);
            }
        }
        return kinds;
    }

    private Pattern pattern(CheckParams p, String key, String rule, boolean phrase) {
        String source = phrase ? "(?<!\\w)" + Pattern.quote(rule.trim()) + "(?!\\w)" : rule;
        return compiled.computeIfAbsent((phrase ? "p:" : "r:") + source, k -> {
            try {
                return Pattern.compile(source, phrase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw p.bad(key, "a regular expression", rule + "' (" + e.getDescription().toLowerCase(Locale.ROOT) + ")");
            }
        });
    }

    static String span(String text, int start, int end) {
        return "[" + start + "," + end + ") \"" + text.substring(start, end) + "\"";
    }
}
