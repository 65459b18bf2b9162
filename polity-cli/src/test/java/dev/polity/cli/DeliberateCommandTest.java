package dev.polity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.report.Xhtml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JSON interface others rely on, and one-line errors. */
class DeliberateCommandTest {

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** Two camps of four on six statements; statement 0 everyone agrees with. */
    static Path smallExport(Path dir) throws Exception {
        StringBuilder comments = new StringBuilder("timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body\n");
        for (int j = 0; j < 6; j++) {
            comments.append(j).append(',').append(j).append(",0,0,0,1,Statement ").append(j).append('\n');
        }
        StringBuilder votes = new StringBuilder("timestamp,datetime,comment-id,voter-id,vote\n");
        int t = 0;
        for (int p = 0; p < 8; p++) {
            for (int j = 0; j < 6; j++) {
                int v = j == 0 ? 1 : ((j % 2 == 0) == (p < 4) ? 1 : -1);
                votes.append(t++).append(",x,").append(j).append(',').append(p).append(',').append(v).append('\n');
            }
        }
        Files.writeString(dir.resolve("comments.csv"), comments);
        Files.writeString(dir.resolve("votes.csv"), votes);
        return dir;
    }

    @Test
    void jsonHasTheStableShape(@TempDir Path dir) throws Exception {
        String[] r = run("deliberate", smallExport(dir).toString(), "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = new ObjectMapper().readTree(r[1]);
        assertEquals(2, j.get("groups").asInt());
        assertEquals(8, j.get("participants").size());
        JsonNode p = j.get("participants").get(0);
        assertTrue(p.has("id") && p.has("group") && p.get("x").isNumber() && p.get("y").isNumber());
        JsonNode s = j.get("statements").get(0);
        assertTrue(s.get("consensus").isNumber() && s.get("bridging_intercept").isNumber() && s.get("bridging_factor").isNumber());
        // The camps come back as the two groups.
        assertEquals(j.get("participants").get(0).get("group"), j.get("participants").get(3).get("group"));
        assertTrue(!j.get("participants").get(0).get("group").equals(j.get("participants").get(4).get("group")));
        assertTrue(r[2].contains("participants-votes.csv missing"), "partial export warns: " + r[2]);
    }

    @Test
    void writesHtmlAndJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.html");
        String[] r = run("deliberate", smallExport(Files.createDirectory(dir.resolve("x"))).toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Document page = Xhtml.parse(Files.readString(out));
        assertTrue(Xhtml.all(page, "script").isEmpty());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        // a dot per participant who voted, a cross per statement analysed, agree-rate bars for every statement
        Element map = Xhtml.chart(page, "opinion-map");
        assertEquals(json.get("participants").size(), Xhtml.withClass(map, "circle", "point").size());
        assertEquals(Xhtml.charts(page, "agree-rates").size(), Xhtml.withClass(map, "path", "marker").size());
        assertTrue(Files.exists(dir.resolve("report.json")));
    }

    /** Issue 10, defect 2: promote checks the layer first; a bad mapping leaves an existing file as it was and names its own line. */
    @Test
    void defect2PromoteNeverReplacesAGoodFileWithABadOne(@TempDir Path dir) throws Exception {
        Path export = smallExport(Files.createDirectory(dir.resolve("export")));
        Path mapping = dir.resolve("mapping.yaml");
        Path out = dir.resolve("community.yaml");
        Files.writeString(mapping, "\"*\":\n  kind: should\n  topic: conduct.respect\n");
        String[] r = run("deliberate", "promote", export.toString(), "--mapping", mapping.toString(), "--out", out.toString(),
                "--any-bridging", "--min-consensus", "0.3", "--date", "2026-01-15");
        assertEquals("0", r[0], r[2]);
        String good = Files.readString(out);
        assertTrue(good.contains("topic: conduct.respect"), good);
        for (String bad : List.of("  jurisdictions: [XX]\n", "  kind: ought\n", "  id: 12\n")) {
            Files.writeString(mapping, "\"*\":\n  topic: conduct.respect\n" + bad);
            r = run("deliberate", "promote", export.toString(), "--mapping", mapping.toString(), "--out", out.toString(),
                    "--any-bridging", "--min-consensus", "0.3", "--date", "2026-01-15");
            assertEquals("1", r[0], bad + r[2]);
            String firstError = r[2].lines().filter(l -> !l.startsWith("warning:")).findFirst().orElse("");
            assertTrue(firstError.startsWith(mapping + ":3:"), bad + r[2]);
            assertEquals(good, Files.readString(out), bad);
            try (var files = Files.list(dir)) {
                assertEquals(List.of("community.yaml", "export", "mapping.yaml"), files.map(f -> f.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws Exception {
        String[] r = run("deliberate", dir.resolve("missing").toString());
        assertEquals("1", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        Files.writeString(dir.resolve("votes.csv"), "comment-id,voter-id,vote\n0,1,sure\n");
        r = run("deliberate", dir.toString(), "--json");
        assertEquals("1", r[0]);
        assertTrue(r[2].strip().endsWith("votes.csv:2: column 'vote': expected a vote 1 (agree), -1 (disagree) or 0 (pass), got 'sure'"), r[2]);
        Files.write(dir.resolve("votes.csv"), "comment-id,voter-id,vote\n0,1,1\n1,J\u00fcrgen,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        r = run("deliberate", dir.toString(), "--json");
        assertEquals("1", r[0]);
        assertTrue(r[2].strip().endsWith("votes.csv:3: expected UTF-8 text, found the byte 0xFC (save the file as UTF-8)"), r[2]);
    }
}
