package dev.polity.deliberation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one line naming the file, the line and what was expected; partial exports warn. */
class ImportErrorsTest {
    @TempDir
    Path dir;

    static final String COMMENTS = "timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
            + "1,0,0,1,0,1,\"First, with a comma\"\n2,1,0,0,1,1,Second\n";
    static final String VOTES = "timestamp,datetime,comment-id,voter-id,vote\n10,x,0,7,1\n11,x,1,7,-1\n12,x,0,8,-1\n9,x,0,7,-1\n";

    void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    String error(Set<String> meta) {
        return assertThrows(InvalidInputException.class, () -> PolisExport.read(dir, meta)).oneLine();
    }

    @Test
    void readsAFolderAndKeepsTheLatestVote() throws IOException {
        write("comments.csv", COMMENTS);
        write("votes.csv", VOTES);
        Conversation c = PolisExport.read(dir, Set.of());
        assertEquals(java.util.List.of("7", "8"), c.participants());
        assertEquals(1, c.votes().vote(0, 0), "the vote at 10 supersedes the one at 9");
        assertEquals("First, with a comma", c.statements().get(0).text());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("participants-votes.csv missing")));
    }

    @Test
    void missingFolder() {
        String msg = assertThrows(InvalidInputException.class, () -> PolisExport.read(dir.resolve("nope"), Set.of())).oneLine();
        assertTrue(msg.contains("nope") && msg.contains("expected a Polis export folder"), msg);
    }

    @Test
    void folderWithoutVotes() throws IOException {
        write("comments.csv", COMMENTS);
        assertTrue(error(Set.of()).contains("expected votes.csv or participants-votes.csv"));
    }

    @Test
    void unknownStatementId() throws IOException {
        write("comments.csv", COMMENTS);
        write("votes.csv", VOTES + "13,x,5,8,1\n");
        assertEquals(dir.resolve("votes.csv") + ":6: unknown statement id '5' (not in comments.csv)", error(Set.of()));
    }

    @Test
    void nonNumericVote() throws IOException {
        write("comments.csv", COMMENTS);
        write("votes.csv", VOTES + "13,x,1,8,yes\n");
        assertEquals(dir.resolve("votes.csv") + ":6: column 'vote': expected a vote 1 (agree), -1 (disagree) or 0 (pass), got 'yes'",
                error(Set.of()));
    }

    @Test
    void duplicateHeader() throws IOException {
        write("comments.csv", COMMENTS);
        write("votes.csv", "timestamp,comment-id,voter-id,vote,vote\n");
        assertEquals(dir.resolve("votes.csv") + ":1: duplicate column 'vote' in the header (columns 4 and 5)", error(Set.of()));
    }

    @Test
    void missingColumn() throws IOException {
        write("comments.csv", COMMENTS);
        write("votes.csv", "timestamp,comment-id,vote\n1,0,1\n");
        assertTrue(error(Set.of()).startsWith(dir.resolve("votes.csv") + ":1: no column 'voter-id'; the columns are timestamp, comment-id, vote"));
    }

    @Test
    void unknownMetaId() throws IOException {
        write("comments.csv", COMMENTS);
        write("votes.csv", VOTES);
        assertTrue(error(Set.of("9")).startsWith("--meta: unknown statement id '9'"));
    }

    @Test
    void metaRanges() {
        assertEquals(Set.of("1", "4", "5", "6"), PolisExport.parseIds("1,4-6"));
        assertThrows(InvalidInputException.class, () -> PolisExport.parseIds("1,x-3"));
    }

    @Test
    void partialExportWithoutComments() throws IOException {
        write("votes.csv", VOTES);
        Conversation c = PolisExport.read(dir, Set.of());
        assertEquals(2, c.statements().size());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("comments.csv missing")));
    }

    @Test
    void plainVoteTable() throws IOException {
        Path f = dir.resolve("votes-plain.csv");
        Files.writeString(f, "participant,statement,vote,timestamp\nann,s1,1,5\nann,s1,-1,3\nbob,s2,0,1\n");
        Conversation c = PolisExport.read(f, Set.of());
        assertEquals(java.util.List.of("ann", "bob"), c.participants());
        assertEquals(1, c.votes().vote(0, 0));
        Files.writeString(f, "participant,statement,vote\nann,s1,maybe\n");
        String msg = assertThrows(InvalidInputException.class, () -> PolisExport.read(f, Set.of())).oneLine();
        assertTrue(msg.startsWith(f + ":2: column 'vote'"), msg);
    }
}
