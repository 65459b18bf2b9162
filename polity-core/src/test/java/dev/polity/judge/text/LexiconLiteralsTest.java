package dev.polity.judge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Lexicon;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The literals a pattern is skipped without: only ones every match must begin with. */
class LexiconLiteralsTest {
    @Test
    void literalsComeFromTheRunOrTheGroupAPatternOpensWith() {
        assertEquals(List.of("replies", "answers"), LexiconMatcher.leadingLiterals("\\b(?:replies|answers)\\b.{0,30}\\bby AI"));
        assertEquals(List.of("as an ai"), LexiconMatcher.leadingLiterals("\\bas an AI\\b"));
        assertEquals(List.of("bot", "ki"), LexiconMatcher.leadingLiterals("bots?|KI\\b"));
        assertEquals(List.of("ich bin"), LexiconMatcher.leadingLiterals("\\b(ich bin) (?:eine? )?KI"));
        // an optional group, a look-behind, a class or an alternative without letters give none
        assertEquals(List.of(), LexiconMatcher.leadingLiterals("(?:an?\\s+)?AI"));
        assertEquals(List.of(), LexiconMatcher.leadingLiterals("(?<!x)foo"));
        assertEquals(List.of(), LexiconMatcher.leadingLiterals("[0-9]+ mg"));
        assertEquals(List.of(), LexiconMatcher.leadingLiterals("\\bfoo|\\d+"));
    }

    @Test
    void everyMatchOfTheSharedLexiconsHoldsOneOfItsLiterals() {
        Constitution c = ConstitutionLoader.load(Path.of(System.getProperty("polity.repo"), "constitutions", "starter.yaml"));
        List<String> samples = samples(c);
        int checked = 0;
        for (Lexicon l : c.lexicons().values()) {
            for (List<String> patterns : l.patterns().values()) {
                for (String p : patterns) {
                    List<String> literals = LexiconMatcher.leadingLiterals(p);
                    if (literals.isEmpty()) {
                        continue;
                    }
                    // the literals must be where a match begins: the match's own text holds one
                    Pattern compiled = Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
                    for (String sample : samples) {
                        Matcher m = compiled.matcher(sample);
                        while (m.find()) {
                            String hit = m.group().toLowerCase(Locale.ROOT);
                            assertTrue(literals.stream().anyMatch(hit::contains), p + " matched '" + hit + "' holding none of " + literals);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50, "matches checked: " + checked);
    }

    private static List<String> samples(Constitution c) {
        return c.norms().stream().flatMap(n -> java.util.stream.Stream.concat(n.examples().compliant().stream(), n.examples().violating().stream())).toList();
    }
}
