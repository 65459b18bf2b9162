package dev.polity.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static String oneLine(Path f) {
        try {
            Preferences.read(f);
        } catch (InvalidInputException e) {
            assertThat(e.oneLine()).doesNotContain("\n").doesNotContain("Exception");
            return e.oneLine();
        }
        throw new AssertionError("expected an error reading " + f);
    }

    @Test
    void hhRlhfLinesGiveThePromptTheySharePlainOrGzipped() throws IOException {
        String line = "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: Hello!\", \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: Go away.\", \"region\": \"north\"}\n";
        Path plain = write("hh.jsonl", line + "\n" + line);
        Preferences p = Preferences.read(plain);
        assertThat(p.pairs()).hasSize(2);
        PreferencePair first = p.pairs().get(0);
        assertThat(first.prompt()).isEqualTo("\n\nHuman: hi\n\nAssistant:");
        assertThat(first.chosen()).isEqualTo("Hello!");
        assertThat(first.rejected()).isEqualTo("Go away.");
        assertThat(first.attributes()).containsEntry("region", "north");
        assertThat(first.where().toString()).endsWith("hh.jsonl:1");
        assertThat(p.pairs().get(1).where().line()).isEqualTo(3);
        assertThat(p.attributes()).containsExactly("region");
        assertThat(p.groups("region", "--groups")).containsExactly("north");

        Path gz = dir.resolve("hh.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Preferences.read(gz).pairs().get(0).chosen()).isEqualTo("Hello!");
        assertThat(Preferences.read(gz).sha256()).hasSize(64).isNotEqualTo(p.sha256());
    }

    @Test
    void trlLinesPlainAndConversationalAndCsvRows() throws IOException {
        Path trl = write("trl.jsonl", "{\"prompt\": \"Say hi\", \"chosen\": \"Hi!\", \"rejected\": \"No.\", \"age\": 30}\n"
                + "{\"prompt\": [{\"role\": \"user\", \"content\": \"Say hi\"}], \"chosen\": [{\"role\": \"assistant\", \"content\": \"Hi!\"}],"
                + " \"rejected\": [{\"role\": \"assistant\", \"content\": \"No.\"}]}\n");
        Preferences p = Preferences.read(trl);
        assertThat(p.pairs().get(0).prompt()).isEqualTo("Say hi");
        assertThat(p.pairs().get(0).attributes()).containsEntry("age", "30");
        assertThat(p.pairs().get(1).prompt()).isEqualTo("\n\nHuman: Say hi\n\nAssistant:");
        assertThat(Dialogue.request(p.pairs().get(1).prompt())).isEqualTo("Say hi");
        assertThat(p.pairs().get(1).chosen()).isEqualTo("Hi!");

        Path csv = write("pairs.csv", "prompt,chosen,rejected,region\n\"Say hi\",\"Hi, friend\",No,south\n");
        PreferencePair row = Preferences.read(csv).pairs().get(0);
        assertThat(row.chosen()).isEqualTo("Hi, friend");
        assertThat(row.attributes()).containsEntry("region", "south");
        assertThat(row.where().line()).isEqualTo(2);
    }

    @Test
    void badInputIsOneLineNamingFileAndLine() throws IOException {
        String ok = "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: a\", \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant: b\"}\n";
        assertThat(oneLine(write("keys.jsonl", ok + "{\"good\": \"x\", \"bad\": \"y\"}\n")))
                .endsWith("keys.jsonl:2: expected 'chosen' and 'rejected' (HH-RLHF transcripts), or 'prompt', 'chosen' and 'rejected' (TRL); found good, bad");
        assertThat(oneLine(write("nan.jsonl", "{\"prompt\": \"p\", \"chosen\": NaN, \"rejected\": \"b\"}\n"))).contains("nan.jsonl:1: not JSON");
        assertThat(oneLine(write("number.jsonl", "{\"prompt\": \"p\", \"chosen\": 1.5, \"rejected\": \"b\"}\n")))
                .endsWith("number.jsonl:1: 'chosen' expected a string, got number");
        assertThat(oneLine(write("empty.jsonl", "{\"prompt\": \"p\", \"chosen\": \"  \", \"rejected\": \"b\"}\n")))
                .endsWith("empty.jsonl:1: empty 'chosen'; expected the answer's text");
        assertThat(oneLine(write("empty.csv", "prompt,chosen,rejected\np,a,\n"))).endsWith("empty.csv:2: empty 'rejected'; expected the answer's text");
        assertThat(oneLine(write("cols.csv", "prompt,winner,loser\np,a,b\n"))).contains("cols.csv").contains("chosen");
        assertThat(oneLine(write("noturn.jsonl", "{\"chosen\": \"just text\", \"rejected\": \"\\n\\nAssistant: b\"}\n")))
                .endsWith("noturn.jsonl:1: 'chosen' has no \"\\n\\nAssistant:\" turn; expected an HH-RLHF transcript, or give the prompt in 'prompt'");
        assertThat(oneLine(write("differ.jsonl", "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: a\", \"rejected\": \"\\n\\nHuman: yo\\n\\nAssistant: b\"}\n")))
                .endsWith("differ.jsonl:1: 'chosen' and 'rejected' differ before their last \"Assistant:\" turn; expected two answers to one dialogue");
        assertThat(oneLine(write("fake.jsonl.gz", ok))).endsWith("fake.jsonl.gz: not gzip data (Not in GZIP format); a .gz file must be gzip-compressed");
        assertThat(oneLine(write("pairs.txt", ok))).endsWith("pairs.txt: expected comparisons in a .jsonl, .jsonl.gz or .csv file");
        assertThat(oneLine(write("blank.jsonl", "\n\n"))).endsWith("blank.jsonl: no comparisons (expected one JSON object or CSV row per pair)");
        assertThat(oneLine(dir.resolve("missing.jsonl"))).endsWith("missing.jsonl: no such file");
        Preferences p = Preferences.read(write("ok.jsonl", ok));
        assertThatThrownBy(() -> p.groups("region", "--groups")).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.oneLine())
                .endsWith("ok.jsonl:1: --groups: this pair has no 'region' (the file has no rater attributes)"));
    }
}
