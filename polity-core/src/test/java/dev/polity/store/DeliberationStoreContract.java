package dev.polity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.PolisExport;
import dev.polity.deliberation.Statement;
import dev.polity.input.InvalidInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the web app's deliberation tables do, whichever database holds them. */
abstract class DeliberationStoreContract {
    DeliberationStore store;

    @TempDir
    Path tmp;

    abstract String location();

    @BeforeEach
    void open() {
        store = DeliberationStore.open(location(), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    DeliberationStore.Stored townHall() {
        return store.create(new DeliberationStore.NewDeliberation("Town hall", "What should the city's assistant do?", true, "2026-12-31",
                List.of(new DeliberationStore.Question("Age", List.of("under 30", "30 or older")))), List.of("Say it is an AI.", "Answer in my language."));
    }

    @Test
    void aDeliberationKeepsItsSeedsQuestionsAndAnUnguessableInvite() {
        DeliberationStore.Stored d = townHall();
        assertThat(d.id()).matches("d[a-z2-9]{11}");
        assertThat(d.inviteToken()).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, 256 bits
        assertThat(townHall().inviteToken()).isNotEqualTo(d.inviteToken());
        assertThat(d.open()).isTrue();
        assertThat(d.isOpen()).isTrue();
        assertThat(d.closes()).isEqualTo("2026-12-31");
        assertThat(d.questions()).containsExactly(new DeliberationStore.Question("Age", List.of("under 30", "30 or older")));
        assertThat(store.statements(d.id())).extracting(DeliberationStore.StoredStatement::id, DeliberationStore.StoredStatement::text,
                DeliberationStore.StoredStatement::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "Say it is an AI.", "accepted"),
                org.assertj.core.groups.Tuple.tuple(2L, "Answer in my language.", "accepted"));
        store.close(d.id());
        assertThat(store.deliberation(d.id()).orElseThrow().status()).isEqualTo("closed");
        assertThat(store.deliberation("nope")).isEmpty();
    }

    @Test
    void aVoteIsStoredOnceReVotesReplaceAndRepeatsChangeNothing() {
        String d = townHall().id();
        long p = store.join(d);
        store.vote(d, p, 1, 1);
        store.vote(d, p, 1, 1);
        assertThat(store.votes(d, p)).extracting(DeliberationStore.Vote::vote).containsExactly(1);
        store.vote(d, p, 1, -1);
        assertThat(store.votes(d, p)).extracting(DeliberationStore.Vote::statement, DeliberationStore.Vote::vote)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, -1));
        assertThatThrownBy(() -> store.vote(d, p, 1, 2)).isInstanceOf(InvalidInputException.class).hasMessageContaining("got 2");
    }

    @Test
    void concurrentDoubleSubmitsLeaveOneRow() throws Exception {
        String d = townHall().id();
        long p = store.join(d);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int vote = i % 2 == 0 ? 1 : 0;
            done.add(pool.submit(() -> store.vote(d, p, 2, vote)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.votes(d, null)).hasSize(1);
    }

    @Test
    void participantsStatementsGoToModerationWithReasons() {
        String d = townHall().id();
        long p = store.join(d);
        long s = store.addStatement(d, "<b>Be brief</b>", p, DeliberationStore.PENDING);
        assertThat(s).isEqualTo(3);
        assertThat(store.moderate(d, s, DeliberationStore.REJECTED, "off topic", "key_abc")).isTrue();
        DeliberationStore.StoredStatement st = store.statements(d).get(2);
        assertThat(st.author()).isEqualTo(p);
        assertThat(st.text()).isEqualTo("<b>Be brief</b>");
        assertThat(st.state()).isEqualTo("rejected");
        assertThat(st.reason()).isEqualTo("off topic");
        assertThat(st.moderatedBy()).isEqualTo("key_abc");
        assertThat(store.moderate(d, 99, DeliberationStore.ACCEPTED, null, "key_abc")).isFalse();
        assertThatThrownBy(() -> store.moderate(d, s, "maybe", null, "k")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void attributesAreSelfDeclaredAndBlankAnswersDropped() {
        String d = townHall().id();
        long p = store.join(d);
        store.setAttributes(d, p, Map.of("Age", "under 30", "Region", " "));
        assertThat(store.participant(d, p).orElseThrow().attributes()).containsExactly(Map.entry("Age", "under 30"));
    }

    @Test
    void deletingAParticipantRemovesTheirVotesStatementsAndAttributesOnly() {
        String d = townHall().id();
        long a = store.join(d);
        long b = store.join(d);
        store.setAttributes(d, a, Map.of("Age", "under 30"));
        long mine = store.addStatement(d, "mine", a, DeliberationStore.ACCEPTED);
        store.vote(d, a, 1, 1);
        store.vote(d, b, 1, -1);
        store.vote(d, b, mine, 1);
        String before = store.version(d);
        store.deleteParticipant(d, a);
        assertThat(store.votes(d, null)).extracting(DeliberationStore.Vote::participant, DeliberationStore.Vote::statement)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(b, 1L));
        assertThat(store.statements(d)).extracting(DeliberationStore.StoredStatement::id).containsExactly(1L, 2L);
        assertThat(store.participant(d, a).orElseThrow().attributes()).isEmpty();
        assertThat(store.version(d)).isNotEqualTo(before);
        assertThat(store.join(d)).isEqualTo(3); // a number is not given out again
    }

    @Test
    void theEngineReadsTheLatestVotesAndTheModeration() {
        String d = townHall().id();
        long a = store.join(d);
        long b = store.join(d);
        long pending = store.addStatement(d, "later", a, DeliberationStore.PENDING);
        store.vote(d, a, 1, 1);
        store.vote(d, a, 1, -1);
        store.vote(d, b, 2, 0);
        Conversation c = store.conversation(d);
        assertThat(c.name()).isEqualTo(d);
        assertThat(c.participants()).containsExactly("1", "2");
        assertThat(c.statements()).extracting(Statement::id, Statement::moderated).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", 1), org.assertj.core.groups.Tuple.tuple("2", 1),
                org.assertj.core.groups.Tuple.tuple(Long.toString(pending), 0));
        assertThat(c.votes().vote(0, 0)).isEqualTo(-1);
        assertThat(c.votes().vote(1, 1)).isEqualTo(0);
        assertThat(c.votes().vote(0, 1)).isNull();
        assertThat(c.votes().size()).isEqualTo(2);
    }

    @Test
    void aPolisExportImportsAndExportsBackToTheSameConversation() throws Exception {
        Conversation polis = PolisExport.read(Path.of(System.getProperty("polity.repo", "..")).resolve("examples/deliberation/town-hall"), Set.of());
        DeliberationStore.Stored d = store.importConversation(polis, new DeliberationStore.NewDeliberation("Town hall", "", false, null, List.of()));
        assertThat(d.open()).isFalse();
        Conversation back = store.conversation(d.id());
        sameConversation(back, polis);

        List<PolisExport.ExportedStatement> statements = new ArrayList<>();
        for (Statement s : back.statements()) {
            statements.add(new PolisExport.ExportedStatement(s, 1_767_225_600_000L));
        }
        List<PolisExport.ExportedVote> votes = new ArrayList<>();
        for (DeliberationStore.Vote v : store.votes(d.id(), null)) {
            votes.add(new PolisExport.ExportedVote(1_767_229_200_000L, Long.toString(v.statement()), Long.toString(v.participant()), v.vote()));
        }
        Path out = tmp.resolve("export");
        PolisExport.write(out, statements, votes);
        sameConversation(PolisExport.read(out, Set.of()), polis);
    }

    @Test
    void importRefusesIdsThatAreNotWholeNumbers() {
        Conversation plain = PolisExport.read(Path.of(System.getProperty("polity.repo", "..")).resolve("examples/deliberation/votes.csv"), Set.of());
        assertThat(plain.participants()).contains("p0");
        assertThatThrownBy(() -> store.importConversation(plain, new DeliberationStore.NewDeliberation("x", "", true, null, List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("whole-number ids");
    }

    static void sameConversation(Conversation a, Conversation b) {
        assertThat(a.participants()).isEqualTo(b.participants());
        assertThat(a.statements()).extracting(Statement::id, Statement::text, Statement::moderated, Statement::meta)
                .isEqualTo(b.statements().stream().map(s -> org.assertj.core.groups.Tuple.tuple(s.id(), s.text(), s.moderated(), s.meta())).toList());
        assertThat(a.votes().size()).isEqualTo(b.votes().size());
        for (int i = 0; i < a.participants().size(); i++) {
            for (int j = 0; j < a.statements().size(); j++) {
                assertThat(a.votes().vote(i, j)).as("participant %s, statement %s", a.participants().get(i), a.statements().get(j).id())
                        .isEqualTo(b.votes().vote(i, j));
            }
        }
    }
}
