package dev.polity.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polity.norms.Context;
import dev.polity.store.AuditEntry;
import dev.polity.store.GatewayStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit record of a decision (EU AI Act Art. 12 logging): when, whose, in which context, under which
 * constitution version, every norm evaluated with its verdict and action, the action taken and how
 * undecided norms were treated, and SHA-256 digests of the request and the response; the texts themselves
 * only when the configuration asks for them. Keys sorted, so the record's bytes (and so its hash) depend on
 * its content alone.
 */
public final class Audit {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Audit() {
    }

    /**
     * One exchange through the gateway.
     *
     * @param endpoint the route, e.g. {@code /v1/chat/completions}
     * @param request  the request body as received (its digest is recorded)
     * @param response the response body as sent (its digest is recorded)
     * @param status   the HTTP status sent
     */
    public record Exchange(String tenant, String keyId, Context context, String endpoint, String model, String request, String response,
                           int status) {
    }

    /** The record of a guarded exchange. */
    public static AuditEntry decision(String time, Exchange ex, Decision d, String reviewId, boolean fullText, String note) {
        Map<String, Object> r = base(ex, fullText);
        r.put("constitution", d.constitution());
        r.put("fail_mode", d.failMode() == null ? null : d.failMode().wireName());
        r.put("shadow", d.shadow());
        r.put("deciding_norms", d.decidingNorms());
        List<Map<String, Object>> norms = new ArrayList<>();
        for (NormDecision n : d.norms()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("id", n.norm().id());
            m.put("tier", n.norm().tier());
            m.put("applies_to", n.appliesTo().wireName());
            m.put("verdict", n.verdict().wireName());
            m.put("confidence", Math.round(n.confidence() * 10_000) / 10_000.0);
            m.put("decided_by", n.decidedBy());
            m.put("fail_mode", n.failMode() == null ? null : n.failMode().wireName());
            m.put("action", n.action().wireName());
            norms.add(m);
        }
        r.put("norms", norms);
        if (reviewId != null) {
            r.put("review_id", reviewId);
        }
        if (note != null) {
            r.put("note", note);
        }
        return new AuditEntry(time, ex.tenant(), "decision", d.action().wireName(), json(r));
    }

    /** The record of an exchange passed through unchecked (embeddings, completions, responses). */
    public static AuditEntry passThrough(String time, Exchange ex, boolean fullText) {
        return new AuditEntry(time, ex.tenant(), "pass-through", "allow", json(base(ex, fullText)));
    }

    /** A record of the server's own (a reload, a reviewer's decision): {@code fields} as given, keys sorted. */
    public static AuditEntry event(String time, String tenant, String kind, String action, Map<String, Object> fields) {
        return new AuditEntry(time, tenant, kind, action, json(new TreeMap<>(fields)));
    }

    private static Map<String, Object> base(Exchange ex, boolean fullText) {
        Map<String, Object> r = new TreeMap<>();
        r.put("key", ex.keyId());
        r.put("endpoint", ex.endpoint());
        r.put("model", ex.model());
        r.put("status", ex.status());
        if (ex.context() != null) {
            Map<String, Object> c = new TreeMap<>();
            c.put("jurisdiction", ex.context().jurisdiction());
            c.put("domain", ex.context().domain());
            c.put("audience", ex.context().audience());
            c.put("date", ex.context().date().toString());
            r.put("context", c);
        }
        r.put("request_sha256", ex.request() == null ? null : GatewayStore.sha256(ex.request()));
        r.put("response_sha256", ex.response() == null ? null : GatewayStore.sha256(ex.response()));
        if (fullText) {
            r.put("request", ex.request());
            r.put("response", ex.response());
        }
        return r;
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
