package dev.polity.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.polity.input.InvalidInputException;
import dev.polity.judge.train.NormItem;
import dev.polity.judge.train.NormItems;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled norm items are read as the development set is written; a bad line is one error naming file and line. */
class NormItemsTest {
    @TempDir
    Path dir;
    static Constitution starter;

    @BeforeAll
    static void load() {
        starter = ConstitutionLoader.load(Path.of(System.getProperty("polity.repo"), "constitutions", "starter.yaml"));
    }

    @Test
    void theDevelopmentSetReads() {
        List<NormItem> items = NormItems.devSet(starter);
        assertThat(items).hasSize(506);
        assertThat(items.stream().filter(NormItem::violates)).hasSize(251);
        assertThat(items.get(0).id()).isEqualTo("nd-0001");
    }

    @Test
    void badLinesNameTheFileAndLine() throws IOException {
        String good = "{\"norm\": \"user.style.concise\", \"prompt\": \"Hi\", \"answer\": \"Hello.\", \"verdict\": \"complies\"}\n";
        for (String[] c : new String[][] {
                {"{\"norm\": \"no.such.norm\", \"answer\": \"x\", \"verdict\": \"complies\"}", "no norm 'no.such.norm'"},
                {"{\"norm\": \"user.style.concise\", \"answer\": \"x\", \"verdict\": \"maybe\"}", "'verdict' expected complies or violates, got 'maybe'"},
                {"{\"norm\": \"user.style.concise\", \"verdict\": \"complies\"}", "missing 'answer'"},
                {"{\"norm\": \"user.style.concise\", \"answer\": 3, \"verdict\": \"complies\"}", "'answer' expected a string, got number"},
                {"[1, 2]", "expected a JSON object, got array"},
                {"{\"norm\": ", "not JSON"}}) {
            Path f = dir.resolve("items.jsonl");
            Files.writeString(f, good + "\n" + c[0] + "\n");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> NormItems.read(f, starter));
            assertThat(e.errors().get(0).toString()).contains("items.jsonl:3").contains(c[1]).doesNotContain("\n");
        }
    }
}
