package dev.polity.server.app;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PolisExport;
import dev.polity.deliberation.Promotion;
import dev.polity.deliberation.Repness;
import dev.polity.input.AtomicFile;
import dev.polity.input.CsvWriter;
import dev.polity.input.Diagnostic;
import dev.polity.input.InvalidInputException;
import dev.polity.report.DeliberationHtml;
import dev.polity.server.Gateway;
import dev.polity.store.DeliberationStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The organisers' pages (operator role): sign in with an operator key, create a deliberation, moderate statements,
 * watch the live results, close it, promote statements to a constitution layer (linted, shown), import a Polis
 * export and export one, and the moderation decisions with their reasons as CSV. Every page needs an operator
 * session; without one a page sends the reader to the sign-in form and a form is refused.
 */
final class OrganiserPages {
    static final List<String> KINDS = List.of("must", "must_not", "should", "should_not", "may");
    private final Pages pages;
    private final Gateway gateway;

    OrganiserPages(Pages pages, Gateway gateway) {
        this.pages = pages;
        this.gateway = gateway;
    }

    void routes(RoutesConfig r) {
        r.get("/", pages.page(ctx -> Pages.seeOther(ctx, "/organise")));
        r.get("/signin", pages.page(ctx -> signInPage(ctx, 200, null)));
        r.post("/signin", pages.form(this::signIn));
        r.post("/signout", pages.form(this::signOut));
        r.get("/organise", pages.page(this::index));
        r.post("/organise/deliberations", pages.form(this::create));
        r.post("/organise/import", pages.form(this::importPolis));
        r.get("/organise/d/{id}", pages.page(this::show));
        r.post("/organise/d/{id}/moderate", pages.form(this::moderate));
        r.post("/organise/d/{id}/close", pages.form(this::close));
        r.post("/organise/d/{id}/promote", pages.form(this::promote));
        r.get("/organise/d/{id}/comments.csv", pages.page(ctx -> export(ctx, "comments.csv")));
        r.get("/organise/d/{id}/votes.csv", pages.page(ctx -> export(ctx, "votes.csv")));
        r.get("/organise/d/{id}/moderation.csv", pages.page(this::moderationCsv));
    }

    // ---- signing in

    private void signInPage(Context ctx, int status, String error) {
        ctx.status(status).html(pages.render("organiser/signin", ctx, "Sign in", Map.of("error", error == null ? "" : error)));
    }

    private void signIn(Context ctx) {
        Session s = pages.sessions.of(ctx);
        Pages.limit(s.signIns);
        var operator = gateway.operator(ctx.formParam("key"));
        if (operator.isEmpty()) {
            signInPage(ctx, 401, "That key is not an operator's (or admin's) key, or it was revoked.");
            return;
        }
        Session renewed = pages.sessions.renew(ctx, s);
        renewed.operator = operator.get();
        Pages.seeOther(ctx, "/organise");
    }

    private void signOut(Context ctx) {
        Session s = pages.sessions.find(ctx);
        if (s != null) {
            pages.sessions.end(ctx, s);
        }
        Pages.seeOther(ctx, "/signin");
    }

    private Gateway.Operator operator(Context ctx) {
        return pages.operator(ctx);
    }

    // ---- deliberations

    private void index(Context ctx) {
        operator(ctx);
        List<DeliberationStore.Stored> all = pages.store.deliberations();
        ctx.html(pages.render("organiser/index", ctx, "Deliberations", Map.of("deliberations", all)));
    }

    private void create(Context ctx) {
        operator(ctx);
        String title = required(ctx, "title");
        String description = String.valueOf(ctx.formParam("description") == null ? "" : ctx.formParam("description")).strip();
        List<String> seeds = lines(ctx.formParam("statements"));
        String closes = blankToNull(ctx.formParam("closes"));
        if (closes != null) {
            try {
                closes = LocalDate.parse(closes).toString();
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(null, "closes: expected a date YYYY-MM-DD, got '" + closes + "'");
            }
        }
        List<DeliberationStore.Question> questions = new ArrayList<>();
        int line = 0;
        for (String q : lines(ctx.formParam("questions"))) {
            line++;
            String[] parts = q.split("\\|");
            List<String> options = Arrays.stream(parts).skip(1).map(String::strip).filter(x -> !x.isEmpty()).toList();
            if (parts[0].isBlank() || options.size() < 2) {
                throw new InvalidInputException("questions", line, "expected 'Question | answer | answer ...' with at least two answers, got '" + q + "'");
            }
            questions.add(new DeliberationStore.Question(parts[0].strip(), options));
        }
        DeliberationStore.Stored d = pages.store.create(new DeliberationStore.NewDeliberation(title, description,
                !"on".equals(ctx.formParam("invite_only")), closes, questions), seeds);
        Pages.seeOther(ctx, "/organise/d/" + d.id());
    }

    private void importPolis(Context ctx) throws IOException {
        operator(ctx);
        UploadedFile comments = ctx.uploadedFile("comments");
        UploadedFile votes = ctx.uploadedFile("votes");
        if (votes == null || votes.size() == 0) {
            throw new InvalidInputException(null, "votes: expected Polis's votes.csv");
        }
        Path dir = Files.createTempDirectory("polity-import");
        try {
            copy(votes, dir.resolve("votes.csv"));
            if (comments != null && comments.size() > 0) {
                copy(comments, dir.resolve("comments.csv"));
            }
            Conversation c;
            try {
                c = PolisExport.read(dir, Set.of());
            } catch (InvalidInputException e) {
                // the files' names as the organiser chose them, not the temporary folder
                throw new InvalidInputException(null, e.oneLine().replace(dir.toString() + "/", ""));
            }
            String title = blankToNull(ctx.formParam("title"));
            DeliberationStore.Stored d = pages.store.importConversation(c, new DeliberationStore.NewDeliberation(
                    title == null ? "Imported from Polis" : title, "", !"on".equals(ctx.formParam("invite_only")), null, List.of()));
            Pages.seeOther(ctx, "/organise/d/" + d.id());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void copy(UploadedFile f, Path to) throws IOException {
        try (InputStream in = f.content()) {
            AtomicFile.write(to, in::transferTo);
        }
    }

    private DeliberationStore.Stored deliberation(Context ctx) {
        return pages.store.deliberation(ctx.pathParam("id")).orElseThrow(() -> new Pages.Refusal(404, "error.notfound"));
    }

    private void show(Context ctx) {
        operator(ctx);
        DeliberationStore.Stored d = deliberation(ctx);
        ctx.html(pages.render("organiser/deliberation", ctx, d.title(), Map.of("view", view(d), "kinds", KINDS)));
    }

    OrganiserView view(DeliberationStore.Stored d) {
        Results.Analysis a = pages.results.of(d.id());
        Conversation c = a.conversation();
        List<DeliberationStore.StoredStatement> statements = pages.store.statements(d.id());
        List<OrganiserView.Group> groups = new ArrayList<>();
        List<OrganiserView.Ranked> consensus = new ArrayList<>();
        List<OrganiserView.Ranked> bridging = new ArrayList<>();
        String map = null;
        Deliberation r = a.deliberation();
        if (r != null) {
            List<List<Repness>> top = r.topRepness(5);
            for (int g = 0; g < r.groups().k(); g++) {
                Integer best = r.bestAgree(g).map(Repness::statement).orElse(null);
                List<OrganiserView.Representative> reps = new ArrayList<>();
                for (Repness x : top.get(g)) {
                    reps.add(new OrganiserView.Representative(Long.parseLong(c.statements().get(x.statement()).id()), c.statements().get(x.statement()).text(),
                            x.forAgree(), (int) Math.round(100 * (x.forAgree() ? x.pa() : x.pd())), best != null && best == x.statement()));
                }
                int size = 0;
                for (int i : r.groups().group()) {
                    size += i == g ? 1 : 0;
                }
                groups.add(new OrganiserView.Group(g, DeliberationHtml.groupColour(g), size, reps));
            }
            List<Integer> order = new ArrayList<>();
            for (int j : r.columns()) {
                order.add(j);
            }
            order.sort(Comparator.comparingDouble((Integer j) -> -r.consensus()[j]));
            for (int j : order.subList(0, Math.min(10, order.size()))) {
                consensus.add(new OrganiserView.Ranked(Long.parseLong(c.statements().get(j).id()), c.statements().get(j).text(), r.consensus()[j], 0, false));
            }
            if (r.bridging() != null) {
                order.sort(Comparator.comparingDouble((Integer j) -> -r.bridging().statementIntercept()[j]));
                for (int j : order.subList(0, Math.min(10, order.size()))) {
                    bridging.add(new OrganiserView.Ranked(Long.parseLong(c.statements().get(j).id()), c.statements().get(j).text(),
                            r.bridging().statementIntercept()[j], r.bridging().statementFactor()[j], r.bridging().isBridging(j)));
                }
            }
            map = DeliberationHtml.participantMap(r, -1, "Opinion map: participants coloured by opinion group", "");
        }
        List<DeliberationStore.Vote> votes = pages.store.votes(d.id(), null);
        String link = d.open() ? "/d/" + d.id() : "/d/" + d.id() + "/join/" + d.inviteToken();
        return new OrganiserView(d, link, c.participants().size(), votes.size(), statements, groups, consensus, bridging, map,
                participation(votes), a.millis());
    }

    /** Votes so far over time (the time of each participant's latest vote on a statement), in up to 48 steps. */
    private static String participation(List<DeliberationStore.Vote> votes) {
        if (votes.size() < 2) {
            return null;
        }
        long[] t = votes.stream().mapToLong(v -> Instant.parse(v.time()).toEpochMilli()).sorted().toArray();
        long span = Math.max(1, t[t.length - 1] - t[0]);
        int steps = 48;
        double[] cumulative = new double[steps + 1];
        for (long x : t) {
            int k = (int) Math.min(steps, (x - t[0]) * steps / span);
            cumulative[k]++;
        }
        for (int k = 1; k <= steps; k++) {
            cumulative[k] += cumulative[k - 1];
        }
        return DeliberationHtml.participation(cumulative, "Votes so far", Instant.ofEpochMilli(t[0]).toString().substring(0, 16) + " to "
                + Instant.ofEpochMilli(t[t.length - 1]).toString().substring(0, 16) + " UTC, " + t.length + " votes");
    }

    private void moderate(Context ctx) {
        Gateway.Operator op = operator(ctx);
        DeliberationStore.Stored d = deliberation(ctx);
        long statement;
        try {
            statement = Long.parseLong(String.valueOf(ctx.formParam("statement")));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(null, "statement: expected a statement number");
        }
        String decision = String.valueOf(ctx.formParam("decision"));
        String state = switch (decision) {
            case "accept" -> DeliberationStore.ACCEPTED;
            case "reject" -> DeliberationStore.REJECTED;
            default -> throw new InvalidInputException(null, "decision: expected accept or reject, got '" + decision + "'");
        };
        String reason = blankToNull(ctx.formParam("reason"));
        if (!pages.store.moderate(d.id(), statement, state, reason, op.keyId())) {
            throw new InvalidInputException(null, "statement: no statement " + statement + " in this deliberation");
        }
        Pages.seeOther(ctx, "/organise/d/" + d.id() + "#moderation");
    }

    private void close(Context ctx) {
        operator(ctx);
        DeliberationStore.Stored d = deliberation(ctx);
        pages.store.close(d.id());
        Pages.seeOther(ctx, "/organise/d/" + d.id());
    }

    /**
     * Promotes the chosen statements that pass the thresholds (Promotion, the code behind {@code polity deliberate
     * promote}) with the form's kind, topic and scope, lints the layer, and shows both; nothing is written.
     */
    private void promote(Context ctx) {
        operator(ctx);
        DeliberationStore.Stored d = deliberation(ctx);
        Results.Analysis a = pages.results.of(d.id());
        if (a.deliberation() == null) {
            throw new InvalidInputException(null, "promote: nobody has voted yet");
        }
        String kind = String.valueOf(ctx.formParam("kind"));
        if (!KINDS.contains(kind)) {
            throw new InvalidInputException(null, "kind: expected one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
        }
        String topic = required(ctx, "topic");
        if (!topic.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new InvalidInputException(null, "topic: expected lower-case words joined by dots, e.g. community.respect, got '" + topic + "'");
        }
        double minConsensus = number(ctx.formParam("min_consensus"), "min_consensus", 0.5);
        int minGroupVotes = (int) number(ctx.formParam("min_group_votes"), "min_group_votes", 3);
        Set<String> chosen = new TreeSet<>(ctx.formParams("statement"));
        Promotion.Mapping mapping = new Promotion.Mapping(null, kind, topic, list(ctx.formParam("jurisdictions")), list(ctx.formParam("domains")),
                list(ctx.formParam("audiences")), null);
        Promotion.Thresholds t = new Promotion.Thresholds(minConsensus, "on".equals(ctx.formParam("require_bridging")), minGroupVotes);
        LocalDate day = LocalDate.now(gateway.settings().clock().withZone(ZoneOffset.UTC));
        Promotion.Draft draft = Promotion.draft(a.deliberation(), t,
                (s, suggested) -> chosen.isEmpty() || chosen.contains(s.id()) ? mapping : Promotion.SKIP, day, "layer.yaml");
        List<String> findings = draft.lint().findings().stream().filter(f -> f.severity() != Diagnostic.Severity.INFO)
                .map(Diagnostic::toString).toList();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("deliberation", d);
        params.put("yaml", draft.yaml());
        params.put("norms", draft.constitution().norms().size());
        params.put("errors", (int) draft.lint().count(Diagnostic.Severity.ERROR));
        params.put("warnings", (int) draft.lint().count(Diagnostic.Severity.WARNING));
        params.put("findings", findings);
        ctx.html(pages.render("organiser/promoted", ctx, "Promoted: " + d.title(), params));
    }

    // ---- exports

    private void export(Context ctx, String file) throws IOException {
        operator(ctx);
        DeliberationStore.Stored d = deliberation(ctx);
        Path dir = Files.createTempDirectory("polity-export");
        try {
            pages.store.exportPolis(d.id(), dir);
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .result(Files.readString(dir.resolve(file)));
        } finally {
            for (String f : List.of("comments.csv", "votes.csv")) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    private void moderationCsv(Context ctx) throws IOException {
        operator(ctx);
        DeliberationStore.Stored d = deliberation(ctx);
        StringWriter out = new StringWriter();
        try (CsvWriter w = CsvWriter.to(out, "statement", "text", "author", "state", "reason", "moderated_by", "moderated_at", "created")) {
            for (DeliberationStore.StoredStatement s : pages.store.statements(d.id())) {
                w.row(s.id(), s.text(), s.author(), s.state(), s.reason(), s.moderatedBy(), s.moderatedAt(), s.created());
            }
        }
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"moderation-" + d.id() + ".csv\"")
                .result(out.toString());
    }

    // ---- form fields

    private static String required(Context ctx, String field) {
        String v = blankToNull(ctx.formParam(field));
        if (v == null) {
            throw new InvalidInputException(null, field + ": expected a value, got nothing");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank() || s.strip().equals("*")) {
            return null;
        }
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static double number(String s, String field, double otherwise) {
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(null, field + ": expected a number, got '" + s + "'");
        }
    }
}
