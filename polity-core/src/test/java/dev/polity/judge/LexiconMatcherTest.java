package dev.polity.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.judge.text.AnswerText;
import dev.polity.judge.text.Languages;
import dev.polity.judge.text.LexiconMatcher;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Lexicon;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared lexicons read meaning, not keywords: a first-person disclosure is one, a mention of AI is not. */
class LexiconMatcherTest {
    static Map<String, Lexicon> lexicons;

    @BeforeAll
    static void load() {
        Constitution c = ConstitutionLoader.load(Path.of(System.getProperty("polity.repo"), "constitutions", "starter.yaml"));
        lexicons = c.lexicons();
    }

    static boolean has(String lexicon, String text) {
        return LexiconMatcher.find(lexicons.get(lexicon), text).isPresent();
    }

    @Test
    void selfDisclosureIsFirstPersonInEveryLanguage() {
        for (String yes : List.of("Hi, I'm an AI assistant for the bank.", "Quick note: you are chatting with a bot, not a person.",
                "Hallo, ich bin ein KI-Assistent der Stadtwerke.", "Bonjour, je suis une IA.", "Hola, soy un asistente virtual.",
                "Ciao, sono un assistente virtuale.", "Olá, sou uma inteligência artificial.", "Hallo, ik ben een chatbot.",
                "안녕하세요, 저는 AI 상담원입니다.", "我是人工智能助手。")) {
            assertTrue(has("ai-self-disclosure", yes), yes);
        }
        for (String no : List.of("AI can help you with that.", "Our AI-powered tracking shows your parcel is on its way.",
                "Unsere KI-gestützte Vertragsverwaltung macht das schneller.", "Hi, I'm Ava from the service team.")) {
            assertFalse(has("ai-self-disclosure", no), no);
        }
    }

    @Test
    void dosesNeedAnAmountWithAUnit() {
        assertTrue(has("dose-with-unit", "Give 7.5 ml every 6 hours."));
        assertTrue(has("dose-with-unit", "Nehmen Sie zwei Tabletten."));
        assertFalse(has("dose-with-unit", "Add 120 g of sugar."));
    }

    @Test
    void phrasesMatchWholeWordsButNotInsideHangul() {
        Lexicon l = new Lexicon("t", "test", Map.of("en", List.of("bot"), "ko", List.of("AI")), Map.of(), null);
        assertTrue(LexiconMatcher.find(l, "I am a bot.").isPresent());
        assertFalse(LexiconMatcher.find(l, "a robotic arm").isPresent());
        assertTrue(LexiconMatcher.find(l, "저는 AI입니다").isPresent());
    }

    @Test
    void languagesAndTurns() {
        assertEquals("de", Languages.identify("Ich kann Ihnen leider keine Dosierung empfehlen, aber fragen Sie in der Apotheke."));
        assertEquals("ko", Languages.identify("저는 AI입니다"));
        AnswerText t = AnswerText.read("I can't advise on doses, but most adults take 500 mg. Ask a pharmacist.");
        assertEquals("most adults take 500 mg. Ask a pharmacist.", t.tail());
        assertEquals(2, t.sentences().size(), t.sentences().toString());
        assertEquals("", AnswerText.read("Take a break and drink water.").tail());
    }
}
