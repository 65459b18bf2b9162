package dev.polity.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.store.DeliberationStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's safety at the HTTP level: CSRF tokens on every form, participants who can act only as
 * themselves and see only their own data, organiser pages closed to participants and to client keys, invite
 * tokens, cookies, escaping of whatever a participant writes, and rate limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSecurityTest {
    static final String XSS = "<script>alert(1)</script><img src=x onerror=\"alert(2)\">'\"&";
    @TempDir
    static Path dir;
    AppHarness app;
    DeliberationStore.Stored open;
    DeliberationStore.Stored invited;

    @BeforeAll
    void start() {
        app = new AppHarness(dir);
        open = app.deliberations.create(new DeliberationStore.NewDeliberation("Open " + XSS, "About " + XSS, true, null,
                List.of(new DeliberationStore.Question("Region " + XSS, List.of("North " + XSS, "South")))), List.of("First " + XSS, "Second", "Third"));
        invited = app.deliberations.create(new DeliberationStore.NewDeliberation("Invited", "", false, null, List.of()), List.of("Only for invitees"));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    WebClient client() {
        return new WebClient(app.root());
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefused() {
        WebClient a = client();
        String page = a.get("/d/" + open.id()).body();
        assertThat(a.post("/d/" + open.id() + "/vote", "statement", "1", "vote", "1").statusCode()).isEqualTo(403);
        WebClient b = client();
        String othersToken = WebClient.csrf(b.get("/d/" + open.id()));
        assertThat(a.post("/d/" + open.id() + "/vote", "csrf", othersToken, "statement", "1", "vote", "1").statusCode()).isEqualTo(403);
        assertThat(a.post("/d/" + open.id() + "/statements", "csrf", "", "text", "x").statusCode()).isEqualTo(403);
        assertThat(client().post("/d/" + open.id() + "/vote", "csrf", othersToken, "statement", "1", "vote", "1").statusCode())
                .as("no session at all").isEqualTo(403);
        assertThat(app.deliberations.votes(open.id(), null)).isEmpty();
        assertThat(page).contains("name=\"csrf\"");
    }

    @Test
    void aParticipantVotesOnlyAsThemselvesAndSeesOnlyTheirOwnData() {
        DeliberationStore.Stored d = app.deliberations.create(new DeliberationStore.NewDeliberation("Own data", "", true, null, List.of()),
                List.of("One", "Two"));
        WebClient a = client();
        WebClient b = client();
        String ta = WebClient.csrf(a.get("/d/" + d.id()));
        assertThat(a.post("/d/" + d.id() + "/vote", "csrf", ta, "statement", "1", "vote", "1").statusCode()).isEqualTo(303);
        String tb = WebClient.csrf(b.get("/d/" + d.id()));
        // a participant field in the form means nothing: who votes is the session's participant
        assertThat(b.post("/d/" + d.id() + "/vote", "csrf", tb, "statement", "1", "vote", "-1", "participant", "1").statusCode()).isEqualTo(303);
        List<DeliberationStore.Vote> votes = app.deliberations.votes(d.id(), null);
        assertThat(votes).extracting(DeliberationStore.Vote::participant, DeliberationStore.Vote::vote)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1), org.assertj.core.groups.Tuple.tuple(2L, -1));
        String mineA = a.get("/d/" + d.id() + "/me").body();
        String mineB = b.get("/d/" + d.id() + "/me").body();
        assertThat(mineA).contains("<td>One</td><td>Agree</td>").doesNotContain("Disagree</td>");
        assertThat(mineB).contains("<td>One</td><td>Disagree</td>").doesNotContain("<td>Agree</td>");
        // b deletes b's data; a's vote stays
        assertThat(b.post("/d/" + d.id() + "/me/delete", "csrf", WebClient.csrf(b.get("/d/" + d.id() + "/me"))).statusCode()).isEqualTo(303);
        assertThat(app.deliberations.votes(d.id(), null)).extracting(DeliberationStore.Vote::participant).containsExactly(1L);
    }

    @Test
    void organiserPagesRefuseParticipantsAndClientKeys() {
        WebClient participant = client();
        String token = WebClient.csrf(participant.get("/d/" + open.id()));
        HttpResponse<String> page = participant.get("/organise");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).as("relative, as a TLS proxy needs it").hasValue("/signin");
        assertThat(participant.get("/organise/d/" + open.id()).statusCode()).isEqualTo(303);
        assertThat(participant.get("/dashboard").statusCode()).isEqualTo(303);
        assertThat(participant.get("/organise/d/" + open.id() + "/moderation.csv").statusCode()).isEqualTo(303);
        assertThat(participant.post("/organise/deliberations", "csrf", token, "title", "mine now").statusCode()).isEqualTo(403);
        assertThat(participant.post("/organise/d/" + open.id() + "/close", "csrf", token).statusCode()).isEqualTo(403);
        assertThat(app.deliberations.deliberation(open.id()).orElseThrow().isOpen()).isTrue();

        WebClient client = client();
        assertThat(client.signIn(app.clientKey).statusCode()).as("a client key is not an operator's").isEqualTo(401);
        assertThat(client.get("/organise").statusCode()).isEqualTo(303);
        assertThat(client.signIn("pk_not-a-key").statusCode()).isEqualTo(401);

        WebClient operator = client();
        String before = operator.get("/signin").headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> in = operator.signIn(app.operatorKey);
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Set-Cookie").orElseThrow()).as("a new session id after signing in").isNotEqualTo(before);
        assertThat(operator.get("/organise").statusCode()).isEqualTo(200);
        assertThat(operator.get("/dashboard").body()).contains("id=\"audit-status\" class=\"ok\"");
    }

    @Test
    void anInviteOnlyDeliberationNeedsItsToken() {
        WebClient stranger = client();
        assertThat(stranger.get("/d/" + invited.id()).statusCode()).isEqualTo(403);
        assertThat(stranger.get("/d/" + invited.id() + "/join/" + "A".repeat(43)).statusCode()).isEqualTo(403);
        assertThat(stranger.get("/d/" + invited.id()).statusCode()).isEqualTo(403);
        WebClient guest = client();
        HttpResponse<String> join = guest.get("/d/" + invited.id() + "/join/" + invited.inviteToken());
        assertThat(join.statusCode()).isEqualTo(303);
        assertThat(join.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(guest.get("/d/" + invited.id()).body()).contains("Only for invitees");
        assertThat(client().get("/d/dnothere").statusCode()).isEqualTo(404);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndPagesForbidScripts() {
        HttpResponse<String> r = client().get("/d/" + open.id());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        assertThat(cookie.split(";")[0].substring(Sessions.COOKIE.length() + 1)).matches("[A-Za-z0-9_-]{43}");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'none'")
                .doesNotContain("script-src"));
    }

    @Test
    void aServerForTlsSetsSecureCookies(@TempDir Path other) {
        try (AppHarness secure = new AppHarness(other, other.resolve("app.db").toString(), true)) {
            String cookie = new WebClient(secure.root()).get("/signin").headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).endsWith("; Secure").contains("HttpOnly").contains("SameSite=Lax");
        }
    }

    @Test
    void whateverParticipantsWriteIsEscaped() {
        WebClient a = client();
        String token = WebClient.csrf(a.get("/d/" + open.id()));
        assertThat(a.post("/d/" + open.id() + "/statements", "csrf", token, "text", "Mine " + XSS).statusCode()).isEqualTo(303);
        assertThat(a.post("/d/" + open.id() + "/attributes", "csrf", token, "q0", "North " + XSS).statusCode()).isEqualTo(303);
        String page = a.get("/d/" + open.id()).body();
        String mine = a.get("/d/" + open.id() + "/me").body();
        for (String html : List.of(page, mine)) {
            // no tag a participant wrote reaches the page: a quote in text is only text
            assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x");
        }
        assertThat(page).contains("<h1>Open &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=");
        // in an attribute value, quotes are escaped too
        assertThat(page).contains("value=\"North &lt;script>alert(1)&lt;/script>&lt;img src=x onerror=&#34;alert(2)&#34;>&#39;&#34;&amp;\"");
        assertThat(mine).contains("Mine &lt;script&gt;");
        // an answer that is not one of the question's choices is refused
        assertThat(a.post("/d/" + open.id() + "/attributes", "csrf", token, "q0", "<b>made up</b>").statusCode()).isEqualTo(400);
        WebClient operator = client();
        operator.signIn(app.operatorKey);
        String organiser = operator.get("/organise/d/" + open.id()).body();
        assertThat(organiser).doesNotContain("<script>alert").contains("Mine &lt;script&gt;");
    }

    @Test
    void votingAndStatementsAreRateLimited() {
        DeliberationStore.Stored d = app.deliberations.create(new DeliberationStore.NewDeliberation("Limits", "", true, null, List.of()),
                List.of("One"));
        WebClient a = client();
        String token = WebClient.csrf(a.get("/d/" + d.id()));
        int limited = 0;
        String retry = null;
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = a.post("/d/" + d.id() + "/vote", "csrf", token, "statement", "1", "vote", i % 2 == 0 ? "1" : "-1");
            if (r.statusCode() == 429) {
                limited++;
                retry = r.headers().firstValue("Retry-After").orElse(null);
            }
        }
        assertThat(limited).as("votes past the burst of 30").isGreaterThan(0);
        assertThat(retry).matches("\\d+");
        assertThat(app.deliberations.votes(d.id(), null)).hasSize(1);
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            refused += a.post("/d/" + d.id() + "/statements", "csrf", token, "text", "statement " + i).statusCode() == 429 ? 1 : 0;
        }
        assertThat(refused).as("statements past the burst of 5").isEqualTo(3);
        assertThat(app.deliberations.statements(d.id())).hasSize(6);
    }

    @Test
    void aClosedDeliberationTakesNoVotes() {
        DeliberationStore.Stored d = app.deliberations.create(new DeliberationStore.NewDeliberation("Closing", "", true, null, List.of()),
                List.of("One"));
        WebClient a = client();
        String token = WebClient.csrf(a.get("/d/" + d.id()));
        app.deliberations.close(d.id());
        assertThat(a.post("/d/" + d.id() + "/vote", "csrf", token, "statement", "1", "vote", "1").statusCode()).isEqualTo(409);
        assertThat(a.get("/d/" + d.id()).body()).contains("This deliberation is closed").doesNotContain("name=\"vote\"");
        DeliberationStore.Stored past = app.deliberations.create(new DeliberationStore.NewDeliberation("Past its date", "", true, "2020-01-01",
                List.of()), List.of("One"));
        assertThat(a.get("/d/" + past.id()).body()).contains("This deliberation is closed").doesNotContain("name=\"csrf\"");
        assertThat(a.post("/d/" + past.id() + "/vote", "csrf", token, "statement", "1", "vote", "1").statusCode()).as("closed on its date").isEqualTo(409);
    }
}
