package dev.polity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.PolisExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code polity deliberations create|import|export}: the interface others rely on (issue 14). */
class DeliberationsCommandTest {
    private static final Path REPO = Path.of(System.getProperty("polity.repo", ".."));

    @TempDir
    Path tmp;

    @Test
    void createPrintsTheIdThenTheParticipantLinkAndExportWritesPolisFiles() throws Exception {
        Path seeds = tmp.resolve("seeds.txt");
        Files.writeString(seeds, "Say it is an AI.\n\n  Answer in my language, \"always\".  \n", StandardCharsets.UTF_8);
        String store = tmp.resolve("app.db").toString();
        CliRun r = CliRun.of("deliberations", "create", "--title", "What should the assistant do?", "--statements", seeds.toString(), "--store", store);
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        String id = lines.get(0);
        assertThat(id).matches("d[a-z2-9]{11}");
        assertThat(lines.get(1)).isEqualTo("/d/" + id);

        Path out = tmp.resolve("export");
        CliRun e = CliRun.of("deliberations", "export", id, "--store", store, "--out", out.toString());
        assertThat(e.exit()).as(e.err()).isEqualTo(0);
        assertThat(Files.readAllLines(out.resolve("comments.csv")).get(0))
                .isEqualTo("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,is-meta,comment-body");
        assertThat(Files.readAllLines(out.resolve("votes.csv"))).containsExactly("timestamp,datetime,comment-id,voter-id,vote");
        Conversation c = PolisExport.read(out, Set.of());
        assertThat(c.statements()).extracting(s -> s.text()).containsExactly("Say it is an AI.", "Answer in my language, \"always\".");
    }

    @Test
    void anInviteOnlyDeliberationsLinkCarriesItsToken() throws Exception {
        Path seeds = tmp.resolve("seeds.txt");
        Files.writeString(seeds, "One.\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("deliberations", "create", "--title", "Q", "--statements", seeds.toString(), "--invite-only",
                "--store", tmp.resolve("app.db").toString());
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(1)).matches("/d/" + lines.get(0) + "/join/[A-Za-z0-9_-]{43}");
    }

    @Test
    void anImportedPolisExportExportsTheSameVotes() throws Exception {
        String store = tmp.resolve("app.db").toString();
        Path town = REPO.resolve("examples/deliberation/town-hall");
        CliRun r = CliRun.of("deliberations", "import", town.toString(), "--store", store);
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        String id = r.out().lines().findFirst().orElseThrow();
        Path out = tmp.resolve("again");
        assertThat(CliRun.of("deliberations", "export", id, "--store", store, "--out", out.toString()).exit()).isEqualTo(0);
        Conversation before = PolisExport.read(town, Set.of());
        Conversation after = PolisExport.read(out, Set.of());
        assertThat(after.participants()).isEqualTo(before.participants());
        assertThat(after.votes().size()).isEqualTo(before.votes().size());
        for (int i = 0; i < before.participants().size(); i++) {
            for (int j = 0; j < before.statements().size(); j++) {
                assertThat(after.votes().vote(i, j)).isEqualTo(before.votes().vote(i, j));
            }
        }
    }

    @Test
    void anUnknownIdIsOneLineAndExitOne() throws Exception {
        Path seeds = tmp.resolve("seeds.txt");
        Files.writeString(seeds, "One.\n", StandardCharsets.UTF_8);
        String store = tmp.resolve("app.db").toString();
        assertThat(CliRun.of("deliberations", "create", "--title", "Q", "--statements", seeds.toString(), "--store", store).exit()).isEqualTo(0);
        CliRun r = CliRun.of("deliberations", "export", "dnope", "--store", store, "--out", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.INPUT.code);
        assertThat(r.err().strip()).startsWith("ID: no deliberation 'dnope' in ").doesNotContain("\n");
    }
}
