package dev.polity.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.PolisExport;
import dev.polity.store.DeliberationStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The organisers' forms over HTTP: create, import a Polis export, moderate, export (Polis and moderation CSV), close, promote. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganiserPagesTest {
    static final Path TOWN_HALL = AppHarness.REPO.resolve("examples/deliberation/town-hall");
    @TempDir
    static Path dir;
    AppHarness app;
    WebClient operator;
    String token;

    @BeforeAll
    void start() {
        app = new AppHarness(dir);
        operator = new WebClient(app.root());
        assertThat(operator.signIn(app.operatorKey).statusCode()).isEqualTo(303);
        token = WebClient.csrf(operator.get("/organise"));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void aDeliberationIsCreatedWithItsSeedsQuestionsAndCloseDate() {
        HttpResponse<String> r = operator.post("/organise/deliberations", "csrf", token, "title", "Night buses", "description", "Which routes?",
                "statements", "Route 1 at night.\n\n Route 2 at night. \n", "questions", "District | North | South\nAge | young | old",
                "closes", "2027-02-01", "invite_only", "on");
        assertThat(r.statusCode()).isEqualTo(303);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/organise/d/", "");
        DeliberationStore.Stored d = app.deliberations.deliberation(id).orElseThrow();
        assertThat(d.open()).isFalse();
        assertThat(d.closes()).isEqualTo("2027-02-01");
        assertThat(d.questions()).containsExactly(new DeliberationStore.Question("District", List.of("North", "South")),
                new DeliberationStore.Question("Age", List.of("young", "old")));
        assertThat(app.deliberations.statements(id)).extracting(DeliberationStore.StoredStatement::text).containsExactly("Route 1 at night.", "Route 2 at night.");
        String page = operator.get("/organise/d/" + id).body();
        assertThat(page).contains("/d/" + id + "/join/" + d.inviteToken());

        HttpResponse<String> bad = operator.post("/organise/deliberations", "csrf", token, "title", "Bad", "questions", "Fine | a | b\nOnly one | a");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("questions:2: expected 'Question | answer | answer ...' with at least two answers");
        assertThat(operator.post("/organise/deliberations", "csrf", token, "title", " ").statusCode()).isEqualTo(400);
        assertThat(operator.post("/organise/deliberations", "csrf", token, "title", "x", "closes", "soon").body()).contains("closes: expected a date");
    }

    @Test
    void aPolisExportIsImportedAndExportedBack() throws Exception {
        HttpResponse<String> r = operator.postMultipart("/organise/import", Map.of(
                        "comments", new String[] {"comments.csv", Files.readString(TOWN_HALL.resolve("comments.csv"))},
                        "votes", new String[] {"votes.csv", Files.readString(TOWN_HALL.resolve("votes.csv"))}),
                "csrf", token, "title", "Town hall (imported)");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String id = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/organise/d/", "");
        Path back = dir.resolve("back-" + id);
        Files.createDirectories(back);
        Files.writeString(back.resolve("comments.csv"), operator.get("/organise/d/" + id + "/comments.csv").body());
        HttpResponse<String> votes = operator.get("/organise/d/" + id + "/votes.csv");
        assertThat(votes.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        Files.writeString(back.resolve("votes.csv"), votes.body());
        Conversation before = PolisExport.read(TOWN_HALL, Set.of());
        Conversation after = PolisExport.read(back, Set.of());
        assertThat(after.participants()).isEqualTo(before.participants());
        assertThat(after.statements()).extracting(s -> s.text()).isEqualTo(before.statements().stream().map(s -> s.text()).toList());
        for (int i = 0; i < before.participants().size(); i++) {
            for (int j = 0; j < before.statements().size(); j++) {
                assertThat(after.votes().vote(i, j)).isEqualTo(before.votes().vote(i, j));
            }
        }
        HttpResponse<String> broken = operator.postMultipart("/organise/import", Map.of("votes", new String[] {"votes.csv", "timestamp,comment-id,voter-id,vote\n1,0,0,yes\n"}),
                "csrf", token);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("votes.csv:2: column 'vote'").doesNotContain("polity-import");
    }

    @Test
    void moderationDecisionsAreKeptWithTheirReasonsAndExportedAsCsv() {
        DeliberationStore.Stored d = app.deliberations.create(new DeliberationStore.NewDeliberation("Moderated", "", true, null, List.of()),
                List.of("Seed."));
        long p = app.deliberations.join(d.id());
        long a = app.deliberations.addStatement(d.id(), "Fine, \"quoted\" idea.", p, DeliberationStore.PENDING);
        long b = app.deliberations.addStatement(d.id(), "Spam", p, DeliberationStore.PENDING);
        assertThat(operator.post("/organise/d/" + d.id() + "/moderate", "csrf", token, "statement", "" + a, "decision", "accept", "reason", "on topic")
                .statusCode()).isEqualTo(303);
        assertThat(operator.post("/organise/d/" + d.id() + "/moderate", "csrf", token, "statement", "" + b, "decision", "reject", "reason", "advertising, twice")
                .statusCode()).isEqualTo(303);
        assertThat(operator.post("/organise/d/" + d.id() + "/moderate", "csrf", token, "statement", "99", "decision", "accept").statusCode()).isEqualTo(400);
        List<String> csv = operator.get("/organise/d/" + d.id() + "/moderation.csv").body().lines().toList();
        assertThat(csv.get(0)).isEqualTo("statement,text,author,state,reason,moderated_by,moderated_at,created");
        assertThat(csv.get(2)).startsWith("2,\"Fine, \"\"quoted\"\" idea.\",1,accepted,on topic,key_");
        assertThat(csv.get(3)).startsWith("3,Spam,1,rejected,\"advertising, twice\",key_");
        assertThat(csv).hasSize(4);
    }

    @Test
    void aDeliberationIsClosedAndPromotionChecksItsForm() {
        DeliberationStore.Stored d = app.deliberations.create(new DeliberationStore.NewDeliberation("Closing", "", true, null, List.of()),
                List.of("One.", "Two."));
        assertThat(operator.post("/organise/d/" + d.id() + "/promote", "csrf", token, "kind", "should", "topic", "a.b").body())
                .contains("nobody has voted yet");
        long p = app.deliberations.join(d.id());
        app.deliberations.vote(d.id(), p, 1, 1);
        assertThat(operator.post("/organise/d/" + d.id() + "/promote", "csrf", token, "kind", "ought", "topic", "a.b").body())
                .contains("kind: expected one of must, must_not, should, should_not, may, got 'ought'");
        assertThat(operator.post("/organise/d/" + d.id() + "/promote", "csrf", token, "kind", "should", "topic", "Not A Topic").statusCode()).isEqualTo(400);
        assertThat(operator.post("/organise/d/" + d.id() + "/close", "csrf", token).statusCode()).isEqualTo(303);
        assertThat(app.deliberations.deliberation(d.id()).orElseThrow().status()).isEqualTo("closed");
        assertThat(operator.get("/organise/d/dnothere").statusCode()).isEqualTo(404);
    }
}
