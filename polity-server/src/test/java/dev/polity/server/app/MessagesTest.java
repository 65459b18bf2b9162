package dev.polity.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every participant-facing string comes from the message bundles: English, German and French have the same keys
 * with the same placeholders, every key the code and templates ask for exists, and the participants' templates
 * hold no text of their own.
 */
class MessagesTest {
    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Path JAVA = Path.of("src/main/java/dev/polity/server/app");

    static Map<String, String> bundle(String language) throws IOException {
        String name = "/dev/polity/server/app/messages" + (language.equals("en") ? "" : "_" + language) + ".properties";
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void englishGermanAndFrenchHaveEveryKeyWithTheSamePlaceholders() throws IOException {
        Map<String, String> en = bundle("en");
        assertThat(en).hasSizeGreaterThan(50);
        for (String lang : List.of("de", "fr")) {
            Map<String, String> other = bundle(lang);
            assertThat(other.keySet()).as(lang).isEqualTo(en.keySet());
            for (String key : en.keySet()) {
                assertThat(other.get(key)).as(lang + " " + key).isNotBlank();
                assertThat(placeholders(other.get(key))).as(lang + " " + key).isEqualTo(placeholders(en.get(key)));
            }
        }
        assertThat(bundle("de").get("vote.agree")).isEqualTo("Zustimmen");
        assertThat(bundle("fr").get("vote.agree")).isEqualTo("D'accord");
        assertThat(en.get("vote.agree") + en.get("vote.disagree") + en.get("vote.pass")).isEqualTo("AgreeDisagreePass");
    }

    @Test
    void everyKeyAskedForExists() throws IOException {
        Map<String, String> en = bundle("en");
        Set<String> asked = new TreeSet<>();
        Pattern literal = Pattern.compile("(?:localize|plain|Refusal\\(\\d+,)\\s*\\(?\"([a-z]+(?:\\.[a-z]+)+)\"");
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> t = Files.walk(TEMPLATES); Stream<Path> j = Files.walk(JAVA)) {
            t.filter(Files::isRegularFile).forEach(sources::add);
            j.filter(Files::isRegularFile).forEach(sources::add);
        }
        for (Path f : sources) {
            Matcher m = literal.matcher(Files.readString(f));
            while (m.find()) {
                asked.add(m.group(1));
            }
        }
        // the keys made at run time: languages, moderation states, notices, votes
        for (String l : Messages.LANGUAGES) {
            asked.add("lang." + l);
        }
        asked.addAll(List.of("state.pending", "state.accepted", "state.rejected", "vote.saved", "add.thanks", "attr.saved", "me.deleted",
                "vote.agree", "vote.disagree", "vote.pass"));
        assertThat(asked).hasSizeGreaterThan(40);
        assertThat(en.keySet()).containsAll(asked);
    }

    @Test
    void theParticipantsTemplatesHoldNoTextOfTheirOwn() throws IOException {
        List<Path> templates = new ArrayList<>(List.of(TEMPLATES.resolve("layout.jte")));
        try (Stream<Path> s = Files.list(TEMPLATES.resolve("participant"))) {
            s.sorted().forEach(templates::add);
        }
        assertThat(templates).hasSizeGreaterThanOrEqualTo(4);
        for (Path t : templates) {
            String text = withoutCode(Files.readString(t));
            assertThat(text.replaceAll("[^\\p{L}]", "")).as("literal text left in " + t + ":\n" + text).isEmpty();
        }
    }

    @Test
    void theCheckFindsLiteralText() {
        assertThat(withoutCode("<p>${page.t().localize(\"x.y\")}</p>\n@if(a)\n<b>Hello</b>\n@endif").replaceAll("[^\\p{L}]", "")).isEqualTo("Hello");
    }

    /** A template without its expressions, directives, tags and entities: what is left would be shown as written. */
    static String withoutCode(String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && (template.startsWith("${", i) || template.startsWith("$unsafe{", i))) {
                int depth = 0;
                int j = template.indexOf('{', i);
                for (; j < template.length(); j++) {
                    if (template.charAt(j) == '{') {
                        depth++;
                    } else if (template.charAt(j) == '}' && --depth == 0) {
                        break;
                    }
                }
                i = j;
                continue;
            }
            out.append(c);
        }
        return out.toString()
                .replaceAll("(?m)^@.*$", "")          // directives: @param, @import, @if, @for, @template ...
                .replaceAll("`\\)", "")               // the end of a content block
                .replaceAll("<[^>]*>", "")            // tags and their attributes
                .replaceAll("&[a-z]+;|&#\\d+;", "");  // entities
    }

    @Test
    void theLanguageIsTheChosenOneElseTheBrowsersElseEnglish() {
        assertThat(Messages.pick(null, "fr-CH, fr;q=0.9, en;q=0.8")).isEqualTo("fr");
        assertThat(Messages.pick(null, "es, de;q=0.5, en;q=0.2")).isEqualTo("de");
        assertThat(Messages.pick(null, "es")).isEqualTo("en");
        assertThat(Messages.pick(null, "de;q=0, fr;q=0.1")).isEqualTo("fr");
        assertThat(Messages.pick(null, ";;;garbage===")).isEqualTo("en");
        assertThat(Messages.pick("de", "fr")).isEqualTo("de");
        assertThat(Messages.pick("xx", "fr")).isEqualTo("fr");
        assertThat(Messages.of("fr").plain("support.agree", 40)).isEqualTo("40 % des votes sont d'accord");
        assertThat(Messages.of("en").lookup("vote.agree")).isEqualTo("Agree");
    }
}
