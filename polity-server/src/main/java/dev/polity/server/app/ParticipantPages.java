package dev.polity.server.app;

import dev.polity.deliberation.Deliberation;
import dev.polity.report.DeliberationHtml;
import dev.polity.store.DeliberationStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The participant's pages under {@code /d/ID}: one statement at a time with Agree, Disagree and Pass (and Skip),
 * a statement of their own (to moderation), the organiser's attribute questions, where they stand on the opinion
 * map once they voted enough, the broadest support, and their own data, to see and delete. A participant is made
 * at their first vote, statement or answer; the session remembers who they are.
 */
final class ParticipantPages {
    static final int MAX_CHARS = 500;
    /** How old the map and the broadest support on a participant's page may be. */
    static final long RESULTS_MAX_AGE_MILLIS = 5_000;
    private static final Set<String> NOTICES = Set.of("vote.saved", "add.thanks", "attr.saved", "me.deleted");
    private final Pages pages;

    ParticipantPages(Pages pages) {
        this.pages = pages;
    }

    void routes(RoutesConfig r) {
        r.get("/d/{id}", pages.page(this::show));
        r.get("/d/{id}/join/{token}", pages.page(this::join));
        r.post("/d/{id}/vote", pages.form(this::vote));
        r.post("/d/{id}/statements", pages.form(this::add));
        r.post("/d/{id}/attributes", pages.form(this::answer));
        r.get("/d/{id}/me", pages.page(this::mine));
        r.post("/d/{id}/me/delete", pages.form(this::delete));
    }

    /** The deliberation, if this session may take part in it (open, or an invitation redeemed). */
    private DeliberationStore.Stored allowed(Context ctx) {
        DeliberationStore.Stored d = pages.store.deliberation(ctx.pathParam("id")).orElseThrow(() -> new Pages.Refusal(404, "error.notfound"));
        if (!d.open()) {
            Session s = pages.sessions.find(ctx);
            if (s == null || !s.invited.contains(d.id())) {
                throw new Pages.Refusal(403, "error.invite");
            }
        }
        return d;
    }

    private void join(Context ctx) {
        DeliberationStore.Stored d = pages.store.deliberation(ctx.pathParam("id")).orElseThrow(() -> new Pages.Refusal(404, "error.notfound"));
        byte[] given = ctx.pathParam("token").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, d.inviteToken().getBytes(StandardCharsets.UTF_8))) {
            throw new Pages.Refusal(403, "error.invite");
        }
        pages.sessions.of(ctx).invited.add(d.id());
        Pages.seeOther(ctx, "/d/" + d.id());
    }

    private void show(Context ctx) {
        DeliberationStore.Stored d = allowed(ctx);
        Session s = pages.sessions.of(ctx);
        Long me = s.participant(d.id());
        List<DeliberationStore.StoredStatement> shown = pages.store.statements(d.id()).stream()
                .filter(x -> DeliberationStore.ACCEPTED.equals(x.state()) && !x.meta()).toList();
        Set<Long> votedOn = new HashSet<>();
        if (me != null) {
            pages.store.votes(d.id(), me).forEach(v -> votedOn.add(v.statement()));
        }
        Set<Long> skipped = s.skipped(d.id());
        long key = me != null ? me : s.id.hashCode();
        DeliberationStore.StoredStatement next = shown.stream().filter(x -> !votedOn.contains(x.id()) && !skipped.contains(x.id()))
                .min(Comparator.comparingLong(x -> order(key, x.id()))).orElse(null);
        int voted = (int) shown.stream().filter(x -> votedOn.contains(x.id())).count();
        int need = Math.max(1, Math.min(7, shown.size()));
        Results.Analysis a = pages.results.recent(d.id(), RESULTS_MAX_AGE_MILLIS);
        if (me != null && voted >= need && a.index(me) < 0) {
            a = pages.results.of(d.id()); // they just joined: the map needs them in it
        }
        Messages t = pages.messages(ctx);
        String map = null;
        int i = a.index(me);
        if (a.deliberation() != null && i >= 0 && voted >= need) {
            map = DeliberationHtml.participantMap(a.deliberation(), i, t.plain("map.title"), t.plain("map.you"));
        }
        Map<String, String> answers = me == null ? Map.of() : pages.store.participant(d.id(), me).map(DeliberationStore.Participant::attributes).orElse(Map.of());
        String notice = ctx.queryParam("done");
        ParticipantView view = new ParticipantView(d, next, voted, shown.size(), notice != null && NOTICES.contains(notice) ? notice : null, d.questions(), answers,
                need, map, support(a), MAX_CHARS, pages.accepting(d));
        ctx.html(pages.render("participant/deliberation", ctx, d.title(), Map.of("view", view)));
    }

    /** A participant's own order of the statements: a mix of their number and the statement's (SplitMix64's finaliser). */
    private static long order(long participant, long statement) {
        long z = participant * 0x9E3779B97F4A7C15L + statement;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The accepted statements with the highest group-informed consensus (Polis), at most five, once the engine
     * found opinion groups; each with the share of its votes that agree.
     */
    static List<ParticipantView.Support> support(Results.Analysis a) {
        Deliberation d = a.deliberation();
        List<ParticipantView.Support> out = new ArrayList<>();
        if (d == null || d.groups().k() == 0) {
            return out;
        }
        List<Integer> order = new ArrayList<>();
        for (int j : d.columns()) {
            if (a.conversation().statements().get(j).moderated() > 0) {
                order.add(j);
            }
        }
        order.sort((x, y) -> Double.compare(d.consensus()[y], d.consensus()[x]));
        for (int j : order.subList(0, Math.min(5, order.size()))) {
            int agree = 0;
            int seen = 0;
            for (int g = 0; g < d.groups().k(); g++) {
                agree += d.groupVotes().agree()[j][g];
                seen += d.groupVotes().seen()[j][g];
            }
            out.add(new ParticipantView.Support(a.conversation().statements().get(j).text(), seen == 0 ? 0 : Math.round(100f * agree / seen)));
        }
        return out;
    }

    /** The session's participant in the deliberation, made now if it has none. */
    private long participant(Context ctx, DeliberationStore.Stored d) {
        Session s = pages.sessions.of(ctx);
        return s.participants.computeIfAbsent(d.id(), k -> pages.store.join(d.id()));
    }

    private DeliberationStore.Stored open(Context ctx) {
        DeliberationStore.Stored d = allowed(ctx);
        if (!pages.accepting(d)) {
            throw new Pages.Refusal(409, "error.closed");
        }
        return d;
    }

    private void vote(Context ctx) {
        DeliberationStore.Stored d = open(ctx);
        Session s = pages.sessions.of(ctx);
        Pages.limit(s.votes);
        long statement = number(ctx.formParam("statement"));
        boolean shown = pages.store.statement(d.id(), statement)
                .filter(x -> DeliberationStore.ACCEPTED.equals(x.state()) && !x.meta()).isPresent();
        if (!shown) {
            throw new Pages.Refusal(400, "error.invalid");
        }
        if (ctx.formParam("skip") != null) {
            s.skipped(d.id()).add(statement);
            Pages.seeOther(ctx, "/d/" + d.id());
            return;
        }
        int vote = switch (String.valueOf(ctx.formParam("vote"))) {
            case "1" -> 1;
            case "-1" -> -1;
            case "0" -> 0;
            default -> throw new Pages.Refusal(400, "error.invalid");
        };
        pages.store.vote(d.id(), participant(ctx, d), statement, vote);
        Pages.seeOther(ctx, "/d/" + d.id() + "?done=vote.saved");
    }

    private void add(Context ctx) {
        DeliberationStore.Stored d = open(ctx);
        Session s = pages.sessions.of(ctx);
        String text = String.valueOf(ctx.formParam("text")).strip().replaceAll("\\s+", " ");
        if (ctx.formParam("text") == null || text.isEmpty() || text.codePointCount(0, text.length()) > MAX_CHARS) {
            throw new Pages.Refusal(400, "add.invalid", MAX_CHARS);
        }
        Pages.limit(s.statements);
        pages.store.addStatement(d.id(), text, participant(ctx, d), DeliberationStore.PENDING);
        Pages.seeOther(ctx, "/d/" + d.id() + "?done=add.thanks");
    }

    private void answer(Context ctx) {
        DeliberationStore.Stored d = open(ctx);
        Map<String, String> answers = new LinkedHashMap<>();
        for (int q = 0; q < d.questions().size(); q++) {
            DeliberationStore.Question question = d.questions().get(q);
            String a = ctx.formParam("q" + q);
            if (a == null || a.isEmpty()) {
                continue;
            }
            if (!question.options().contains(a)) {
                throw new Pages.Refusal(400, "error.invalid");
            }
            answers.put(question.label(), a);
        }
        pages.store.setAttributes(d.id(), participant(ctx, d), answers);
        Pages.seeOther(ctx, "/d/" + d.id() + "?done=attr.saved");
    }

    private void mine(Context ctx) {
        DeliberationStore.Stored d = allowed(ctx);
        Long me = pages.sessions.of(ctx).participant(d.id());
        List<MyData.MyVote> votes = new ArrayList<>();
        List<DeliberationStore.StoredStatement> statements = new ArrayList<>();
        Map<String, String> answers = Map.of();
        if (me != null) {
            Map<Long, String> text = new LinkedHashMap<>();
            for (DeliberationStore.StoredStatement st : pages.store.statements(d.id())) {
                text.put(st.id(), st.text());
                if (me.equals(st.author())) {
                    statements.add(st);
                }
            }
            for (DeliberationStore.Vote v : pages.store.votes(d.id(), me)) {
                votes.add(new MyData.MyVote(text.getOrDefault(v.statement(), ""), v.vote() > 0 ? "vote.agree" : v.vote() < 0 ? "vote.disagree" : "vote.pass"));
            }
            answers = pages.store.participant(d.id(), me).map(DeliberationStore.Participant::attributes).orElse(Map.of());
        }
        MyData data = new MyData(d, me, votes, statements, answers);
        ctx.html(pages.render("participant/mine", ctx, pages.messages(ctx).plain("me.heading"), Map.of("data", data)));
    }

    private void delete(Context ctx) {
        DeliberationStore.Stored d = allowed(ctx);
        Session s = pages.sessions.of(ctx);
        Long me = s.participants.remove(d.id());
        if (me != null) {
            pages.store.deleteParticipant(d.id(), me);
        }
        s.skipped.remove(d.id());
        Pages.seeOther(ctx, "/d/" + d.id() + "?done=me.deleted");
    }

    private static long number(String s) {
        try {
            return Long.parseLong(String.valueOf(s).strip());
        } catch (NumberFormatException e) {
            throw new Pages.Refusal(400, "error.invalid");
        }
    }
}
