package dev.polity.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polity.guard.Audit;
import dev.polity.guard.CheckRequest;
import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.input.InvalidInputException;
import dev.polity.store.Review;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Polity's own routes: {@code POST /v1/polity/check} (any key: the decisions the gateway would take, in
 * {@code polity check --json}'s shape), the review queue (operators: list, claim, resolve, each decision
 * recorded in the audit log) and {@code POST /v1/polity/reload} (admins).
 */
final class PolityRoutes {
    private final Gateway gw;

    PolityRoutes(Gateway gw) {
        this.gw = gw;
    }

    void check(Context ctx) {
        Caller caller = gw.authenticate(ctx);
        CheckRequest r;
        try {
            r = CheckRequest.parse(gw.body(ctx, new byte[1][]));
        } catch (InvalidInputException e) {
            throw ApiError.invalid(e.location().file(), e.oneLine());
        }
        Guard guard = gw.guards.get().forTenant(caller.tenant());
        dev.polity.norms.Context context = gw.context(guard, caller, r.jurisdiction(), r.domain(), r.audience(), "");
        Decision d = guard.check(r.date() == null ? context : new dev.polity.norms.Context(context.jurisdiction(), context.domain(),
                context.audience(), r.date()), r.prompt(), r.answer(), 1);
        ctx.contentType("application/json").result(Gateway.write(d.asMap()));
    }

    void reviews(Context ctx) {
        Caller caller = gw.authenticate(ctx);
        Gateway.require(caller, "operator");
        String status = ctx.queryParam("status");
        if (status != null && !List.of("open", "claimed", "resolved").contains(status)) {
            throw ApiError.invalid("status", "status must be open, claimed or resolved");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Review r : gw.store.reviews(caller.hasRole("admin") ? null : caller.tenant(), status)) {
            out.add(view(r));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("object", "list");
        m.put("data", out);
        ctx.contentType("application/json").result(Gateway.write(m));
    }

    void claim(Context ctx) {
        Caller caller = gw.authenticate(ctx);
        Gateway.require(caller, "operator");
        Review r = visible(caller, ctx.pathParam("id"));
        if (!gw.store.claim(r.id(), caller.key().id())) {
            throw new ApiError(409, "invalid_request_error", "review_taken", null, "review " + r.id() + " is " + r.status()
                    + (r.claimedBy() == null ? "" : " by " + r.claimedBy()));
        }
        record(caller, r.id(), "claim", null, null);
        ctx.contentType("application/json").result(Gateway.write(view(gw.store.review(r.id()).orElseThrow())));
    }

    void resolve(Context ctx) {
        Caller caller = gw.authenticate(ctx);
        Gateway.require(caller, "operator");
        JsonNode body = gw.body(ctx, new byte[1][]);
        String decision = string(body, "decision");
        if (decision == null || !List.of("approve", "reject").contains(decision)) {
            throw ApiError.invalid("decision", "decision must be approve or reject");
        }
        String note = string(body, "note");
        Review r = visible(caller, ctx.pathParam("id"));
        if (!gw.store.resolve(r.id(), caller.key().id(), decision, note)) {
            throw new ApiError(409, "invalid_request_error", "review_taken", null, "review " + r.id() + " is " + r.status()
                    + (r.claimedBy() == null ? "" : " by " + r.claimedBy()));
        }
        record(caller, r.id(), "resolve", decision, note);
        ctx.contentType("application/json").result(Gateway.write(view(gw.store.review(r.id()).orElseThrow())));
    }

    void reload(Context ctx) {
        Caller caller = gw.authenticate(ctx);
        Gateway.require(caller, "admin");
        Map<String, String> versions;
        try {
            versions = gw.reload();
        } catch (InvalidInputException e) {
            throw new ApiError(422, "invalid_request_error", "reload_refused", null,
                    "reload refused, the previous version stays: " + e.oneLine().replace('\n', ' '));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "reloaded");
        m.put("constitutions", versions);
        ctx.contentType("application/json").result(Gateway.write(m));
    }

    private Review visible(Caller caller, String id) {
        Review r = gw.store.review(id).orElseThrow(() -> ApiError.notFound("no review " + id));
        if (!caller.hasRole("admin") && !r.tenant().equals(caller.tenant())) {
            throw ApiError.notFound("no review " + id);
        }
        return r;
    }

    private void record(Caller caller, String id, String what, String decision, String note) {
        Map<String, Object> f = new TreeMap<>();
        f.put("review_id", id);
        f.put("reviewer", caller.key().id());
        f.put("step", what);
        f.put("decision", decision);
        f.put("note", note);
        gw.audit(Audit.event(gw.store.now(), caller.tenant(), "review", decision == null ? what : decision, f));
    }

    private static Map<String, Object> view(Review r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("created", r.created());
        m.put("tenant", r.tenant());
        m.put("context", r.context());
        m.put("constitution", r.constitution());
        m.put("action", r.action());
        m.put("fail_mode", r.failMode());
        try {
            m.put("norms", Gateway.JSON.readTree(r.norms()));
        } catch (java.io.IOException e) {
            m.put("norms", r.norms());
        }
        m.put("prompt", r.prompt());
        m.put("answer", r.answer());
        m.put("status", r.status());
        m.put("claimed_by", r.claimedBy());
        m.put("resolution", r.resolution());
        m.put("note", r.note());
        m.put("resolved_by", r.resolvedBy());
        m.put("resolved_at", r.resolvedAt());
        return m;
    }

    private static String string(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.invalid(key, key + " must be a string");
        }
        return v.asText();
    }
}
