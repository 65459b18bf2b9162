package dev.polity.norms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lexicons are defined once (in any included file) and norms' signals name them; a mistake is a located error. */
class LexiconsTest {
    @TempDir
    Path dir;

    static final String LEXICONS = """
            lexicons:
              ai-self-disclosure:
                meaning: says it is an AI
                phrases:
                  en: ["I am an AI"]
                  de: ["ich bin eine KI"]
                patterns:
                  fr: ['je suis une? IA']
            """;

    static String norm(String signals) {
        return """
                norms:
                  - id: a.disclose
                    statement: Say you are an AI.
                    kind: must
                    tier: law
                    topic: t
                    signals: %s
                """.formatted(signals);
    }

    @Test
    void aNormsSignalsResolveToLexiconsOfAnIncludedFile() throws IOException {
        Files.writeString(dir.resolve("lexicons.yaml"), LEXICONS);
        Files.writeString(dir.resolve("main.yaml"), "include: [lexicons.yaml]\n" + norm("{complies_if_present: [ai-self-disclosure]}"));
        Constitution c = ConstitutionLoader.load(dir.resolve("main.yaml"));
        Lexicon l = c.byId().get("a.disclose").signals().compliesIfPresent().get(0);
        assertThat(l.name()).isEqualTo("ai-self-disclosure");
        assertThat(l.languages()).containsExactly("de", "en", "fr");
        assertThat(c.lexicons()).containsOnlyKeys("ai-self-disclosure");
        assertThat(c.byId().get("a.disclose").signals().violatesIfPresent()).isEmpty();
    }

    @Test
    void anUnknownLexiconIsAnErrorAtItsName() throws IOException {
        Files.writeString(dir.resolve("main.yaml"), LEXICONS + norm("{violates_if_present: [claims-human]}"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConstitutionLoader.load(dir.resolve("main.yaml")));
        assertThat(e.errors()).anySatisfy(d -> {
            assertThat(d.toString()).contains("no lexicon named 'claims-human'; known: ai-self-disclosure");
            assertThat(d.location().line()).isEqualTo(15);
        });
    }

    @Test
    void aPatternThatIsNotARegularExpressionIsAnError() throws IOException {
        Files.writeString(dir.resolve("main.yaml"), LEXICONS.replace("je suis une? IA", "je suis (une IA") + norm("{}"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConstitutionLoader.load(dir.resolve("main.yaml")));
        assertThat(e.errors()).anySatisfy(d -> {
            assertThat(d.toString()).contains("lexicon ai-self-disclosure: not a regular expression");
            assertThat(d.location().line()).isEqualTo(8);
        });
    }

    @Test
    void aLexiconNeedsAMeaning() throws IOException {
        Files.writeString(dir.resolve("main.yaml"), "lexicons:\n  x:\n    phrases: {en: [a]}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConstitutionLoader.load(dir.resolve("main.yaml")));
        assertThat(e.errors()).anySatisfy(d -> assertThat(d.toString()).contains("meaning"));
    }
}
