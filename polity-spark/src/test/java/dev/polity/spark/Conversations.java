package dev.polity.spark;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.VoteMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Conversations written as the plain participant,statement,vote table both core and Spark read. */
final class Conversations {
    private Conversations() {
    }

    static Path write(Conversation c, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("participant,statement,vote\n");
        VoteMatrix m = c.votes();
        for (int i = 0; i < m.participants(); i++) {
            for (int k = m.rowStart(i); k < m.rowEnd(i); k++) {
                sb.append(c.participants().get(i)).append(',').append(c.statements().get(m.rowCol(k)).id()).append(',').append(m.rowVote(k)).append('\n');
            }
        }
        Files.writeString(file, sb);
        return file;
    }
}
