package dev.polity.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polity.guard.Action;
import dev.polity.guard.Audit;
import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.guard.GuardConfig;
import dev.polity.guard.StreamCheck;
import dev.polity.store.AuditEntry;
import io.javalin.http.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /v1/chat/completions}: the input check on the whole conversation, the request forwarded
 * (redacted when the decision asks for it, otherwise byte for byte), the output check on every choice's
 * answer, the audit record written before the answer leaves, and the decision in headers ({@code X-Polity-*})
 * or, on a stream, in a final chunk's extra {@code polity} field. What the gateway does not need to touch
 * passes through: tools and tool calls, response_format, logprobs, n, unknown fields, the upstream's status.
 */
final class ChatRoute {
    private final Gateway gw;

    ChatRoute(Gateway gw) {
        this.gw = gw;
    }

    /** One exchange's state as it goes through. */
    private static final class Exchange {
        Caller caller;
        Guard guard;
        dev.polity.norms.Context context;
        Conversation conversation;
        byte[] request;
        String model;
        Decision input;
        double judging;
        double upstream;
        final long start = System.nanoTime();
    }

    void handle(Context ctx) throws IOException {
        Exchange ex = new Exchange();
        ex.caller = gw.authenticate(ctx);
        byte[][] raw = new byte[1][];
        JsonNode body = gw.body(ctx, raw);
        ex.request = raw[0];
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiError.invalid("model", "model is required: the upstream model's name");
        }
        ex.model = model.asText();
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            throw ApiError.invalid("stream", "stream must be true or false");
        }
        ex.conversation = Conversation.of(body);
        ex.guard = gw.guards.get().forTenant(ex.caller.tenant());
        ex.context = gw.context(ex.guard, ex.caller, ctx.header("X-Polity-Jurisdiction"), ctx.header("X-Polity-Domain"),
                ctx.header("X-Polity-Audience"), "X-Polity-");
        long t0 = System.nanoTime();
        ex.input = ex.guard.checkPrompt(ex.context, ex.conversation.text(), ex.conversation.turn());
        ex.judging += (System.nanoTime() - t0) / 1e9;
        byte[] forward = ex.request;
        if (!ex.input.holds() && !ex.input.promptRedactions().isEmpty() && !ex.input.shadow()) {
            ex.conversation.rewrite(ex.input::redactPrompt);
            forward = Gateway.JSON.writeValueAsBytes(body);
        }
        boolean streamed = stream != null && stream.asBoolean();
        if (streamed) {
            stream(ctx, ex, forward);
        } else {
            plain(ctx, ex, forward);
        }
    }

    // ---- plain

    private void plain(Context ctx, Exchange ex, byte[] forward) throws IOException {
        if (ex.input.holds()) {
            finish(ctx, ex, ex.input, null, null, null, 200);
            return;
        }
        long u0 = System.nanoTime();
        Upstream.Reply up = call(() -> gw.upstream.send("POST", "/chat/completions", forward));
        ex.upstream = (System.nanoTime() - u0) / 1e9;
        if (up.status() >= 400) {
            passError(ctx, up);
            return;
        }
        JsonNode answer;
        try {
            answer = Gateway.JSON.readTree(up.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject() || !answer.path("choices").isArray()) {
            gw.metrics.upstreamError("invalid_response");
            throw ApiError.upstream(502, "upstream_invalid_response", "the upstream model server returned something that is not a chat completion");
        }
        long t0 = System.nanoTime();
        Decision output = null;
        List<Decision> perChoice = new ArrayList<>();
        for (JsonNode choice : answer.get("choices")) {
            JsonNode content = choice.path("message").path("content");
            String text = content.isTextual() ? content.asText() : null;
            Decision d = text == null ? null : ex.guard.checkAnswer(ex.context, ex.conversation.lastUser(), text, ex.conversation.turn());
            perChoice.add(d);
            output = d == null ? output : output == null ? d : output.and(d);
        }
        ex.judging += (System.nanoTime() - t0) / 1e9;
        Decision all = output == null ? ex.input : ex.input.and(output);
        ObjectNode changed = null;
        if (!all.holds()) {
            for (int i = 0; i < perChoice.size(); i++) {
                Decision d = perChoice.get(i);
                if (d == null) {
                    continue;
                }
                ObjectNode message = (ObjectNode) answer.get("choices").get(i).get("message");
                String before = message.get("content").asText();
                String after = d.deliver(before);
                if (!after.equals(before)) {
                    message.put("content", after);
                    changed = (ObjectNode) answer;
                }
            }
        }
        finish(ctx, ex, all, answer, changed, up.body(), up.status());
    }

    /**
     * Opens a review when asked, writes the audit record, then sends: a held completion when the decision
     * holds, else {@code changed}, else the upstream's bytes as they came.
     */
    private void finish(Context ctx, Exchange ex, Decision d, JsonNode upstream, ObjectNode changed, byte[] unchanged, int status)
            throws IOException {
        gw.metrics.stage("judge", ex.judging);
        gw.metrics.decision(d);
        String reviewId = null;
        String note = null;
        boolean hold = d.holds();
        if (d.action() == Action.REVIEW && !d.shadow()) {
            try {
                reviewId = gw.store.openReview(ex.caller.tenant(), ex.context.toString(), d.constitution(), d.action().wireName(),
                        d.failMode() == null ? null : d.failMode().wireName(), Gateway.write(d.asMap().get("norms")),
                        ex.conversation.text(), answerText(upstream), null);
            } catch (RuntimeException storeDown) {
                note = "the review queue cannot be reached: held";
                hold = true;
            }
        }
        byte[] out = hold ? Gateway.JSON.writeValueAsBytes(heldCompletion(ex, d, upstream, d.notice(reviewId)))
                : changed != null ? Gateway.JSON.writeValueAsBytes(changed) : unchanged;
        Audit.Exchange record = new Audit.Exchange(ex.caller.tenant(), ex.caller.key().id(), ex.context, "/v1/chat/completions", ex.model,
                new String(ex.request, StandardCharsets.UTF_8), new String(out, StandardCharsets.UTF_8), status);
        boolean fullText = gw.guards.get().config().auditFullText();
        String auditId;
        long t0 = System.nanoTime();
        double auditing;
        try {
            auditId = String.valueOf(gw.audit(Audit.decision(gw.store.now(), record, d, reviewId, fullText, note)));
            auditing = (System.nanoTime() - t0) / 1e9;
            gw.metrics.stage("audit", auditing);
        } catch (RuntimeException storeDown) {
            if (ex.guard.needsRecord(d) && !hold) {
                // law-tier norms concern this exchange and it cannot be recorded: fail closed
                out = Gateway.JSON.writeValueAsBytes(heldCompletion(ex, d, upstream,
                        "[polity] This answer is held: the audit log cannot be written and law-tier norms apply here."));
                gw.defer(Audit.decision(gw.store.now(), new Audit.Exchange(record.tenant(), record.keyId(), record.context(), record.endpoint(),
                        record.model(), record.request(), new String(out, StandardCharsets.UTF_8), status), d, reviewId, fullText,
                        "the audit log could not be written: held (fail closed)"));
                ctx.header("X-Polity-Decision", Action.BLOCK.wireName());
                ctx.header("X-Polity-Norms", String.join(",", needing(ex.guard, d)));
                ctx.header("X-Polity-Constitution", d.constitution());
                ctx.header("X-Polity-Fail-Mode", "closed");
                ctx.header("X-Polity-Audit-Id", "unavailable");
                ctx.status(status).contentType("application/json").result(out);
                return;
            }
            gw.defer(Audit.decision(gw.store.now(), record, d, reviewId, fullText, note));
            auditId = "deferred";
            auditing = (System.nanoTime() - t0) / 1e9;
        }
        headers(ctx, d, auditId, reviewId);
        ctx.header("Server-Timing", serverTiming(ex, auditing));
        ctx.status(status).contentType("application/json").result(out);
    }

    /**
     * Where the time went, in the W3C Server-Timing header (milliseconds): judging, the upstream call, the audit
     * record, and the whole handling up to the answer's first byte; so that a client can tell the gateway's own
     * time from the model's. Clients that do not know the header ignore it.
     */
    private static String serverTiming(Exchange ex, double auditing) {
        return String.format(java.util.Locale.ROOT, "judge;dur=%.3f, upstream;dur=%.3f, audit;dur=%.3f, total;dur=%.3f", ex.judging * 1e3,
                ex.upstream * 1e3, auditing * 1e3, (System.nanoTime() - ex.start) / 1e6);
    }

    private static List<String> needing(Guard guard, Decision d) {
        List<String> out = new ArrayList<>();
        d.norms().stream().filter(n -> guard.enforcement().failsClosed(n.norm().tier()))
                .filter(n -> n.verdict() == dev.polity.judge.Outcome.COMPLIES || n.verdict() == dev.polity.judge.Outcome.VIOLATES
                        || n.failMode() == dev.polity.guard.FailMode.CLOSED)
                .map(n -> n.norm().id()).distinct().forEach(out::add);
        return out;
    }

    private static String answerText(JsonNode upstream) {
        return upstream == null ? "" : upstream.path("choices").path(0).path("message").path("content").asText("");
    }

    private static void headers(Context ctx, Decision d, String auditId, String reviewId) {
        ctx.header("X-Polity-Decision", d.action().wireName());
        ctx.header("X-Polity-Norms", String.join(",", d.decidingNorms()));
        ctx.header("X-Polity-Constitution", d.constitution());
        if (d.failMode() != null) {
            ctx.header("X-Polity-Fail-Mode", d.failMode().wireName());
        }
        if (d.shadow()) {
            ctx.header("X-Polity-Shadow", "true");
        }
        if (auditId != null) {
            ctx.header("X-Polity-Audit-Id", auditId);
        }
        if (reviewId != null) {
            ctx.header("X-Polity-Review-Id", reviewId);
        }
    }

    /** An OpenAI-shaped completion whose every choice says why the answer is withheld ({@code finish_reason: content_filter}). */
    private ObjectNode heldCompletion(Exchange ex, Decision d, JsonNode upstream, String notice) {
        ObjectNode out = Gateway.JSON.createObjectNode();
        out.put("id", upstream != null && upstream.hasNonNull("id") ? upstream.get("id").asText() : "chatcmpl-polity-held");
        out.put("object", "chat.completion");
        out.put("created", upstream != null && upstream.has("created") ? upstream.get("created").asLong()
                : gw.store.clock().instant().getEpochSecond());
        out.put("model", upstream != null && upstream.hasNonNull("model") ? upstream.get("model").asText() : ex.model);
        ArrayNode choices = out.putArray("choices");
        int n = upstream != null && upstream.path("choices").isArray() ? Math.max(1, upstream.get("choices").size()) : 1;
        for (int i = 0; i < n; i++) {
            ObjectNode c = choices.addObject();
            c.put("index", i);
            c.putObject("message").put("role", "assistant").put("content", notice);
            c.put("finish_reason", "content_filter");
        }
        if (upstream != null && upstream.has("usage")) {
            out.set("usage", upstream.get("usage"));
        }
        return out;
    }

    private void passError(Context ctx, Upstream.Reply up) {
        gw.metrics.upstreamError("status_" + up.status());
        JsonNode err;
        try {
            err = Gateway.JSON.readTree(up.body());
        } catch (IOException e) {
            err = null;
        }
        if (up.retryAfter() != null) {
            ctx.header("Retry-After", up.retryAfter());
        }
        if (err != null && err.has("error")) {
            ctx.status(up.status()).contentType("application/json").result(up.body());
        } else {
            ctx.status(up.status()).contentType("application/json")
                    .result(ApiError.body("the upstream model server answered " + up.status(), "upstream_error", null, "upstream_status"));
        }
    }

    private <T> T call(java.util.function.Supplier<T> f) {
        long t0 = System.nanoTime();
        try {
            return f.get();
        } catch (ApiError e) {
            gw.metrics.upstreamError(e.code);
            throw e;
        } finally {
            gw.metrics.stage("upstream", (System.nanoTime() - t0) / 1e9);
        }
    }

    // ---- streamed

    private void stream(Context ctx, Exchange ex, byte[] forward) throws IOException {
        GuardConfig.Streaming windows = gw.guards.get().config().streaming();
        if (ex.input.holds()) {
            OutputStream out = openStream(ctx, ex.input);
            ObjectNode chunk = chunkHead("chatcmpl-polity-held", ex.model, gw.store.clock().instant().getEpochSecond());
            ObjectNode c = chunk.putArray("choices").addObject();
            c.put("index", 0);
            c.putObject("delta").put("role", "assistant").put("content", ex.input.notice(null));
            c.put("finish_reason", "content_filter");
            event(out, chunk);
            end(out, ex, ex.input, chunk, ex.input.notice(null), null);
            return;
        }
        Upstream.Reply up = call(() -> gw.upstream.stream("/chat/completions", forward));
        if (up.status() >= 400) {
            passError(ctx, up);
            return;
        }
        OutputStream out = openStream(ctx, ex.input);
        Map<Integer, StreamCheck> checks = new TreeMap<>();
        Map<Integer, Decision> finals = new TreeMap<>();
        StringBuilder sent = new StringBuilder();
        ObjectNode head = chunkHead("chatcmpl-polity", ex.model, gw.store.clock().instant().getEpochSecond());
        Decision held = null;
        int heldIndex = 0;
        String broken = null;
        boolean done = false;
        try (InputStream in = up.stream(); BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; held == null && (line = r.readLine()) != null; ) {
                if (!line.startsWith("data:")) {
                    continue; // blank separators, comments, event: and id: lines
                }
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                JsonNode chunk;
                try {
                    chunk = Gateway.JSON.readTree(data);
                } catch (IOException e) {
                    chunk = null;
                }
                if (chunk == null || !chunk.isObject() || chunk.has("error") || !chunk.path("choices").isArray()) {
                    broken = chunk != null && chunk.has("error") ? "the upstream model server reported an error in the stream"
                            : "the upstream model server sent a malformed stream event";
                    break;
                }
                head = chunkHead(chunk.path("id").asText(head.get("id").asText()), chunk.path("model").asText(ex.model),
                        chunk.path("created").asLong(head.get("created").asLong()));
                ObjectNode copy = ((ObjectNode) chunk).deepCopy();
                ArrayNode kept = Gateway.JSON.createArrayNode();
                long t0 = System.nanoTime();
                for (JsonNode choice : chunk.get("choices")) {
                    int index = choice.path("index").asInt(0);
                    StreamCheck sc = checks.computeIfAbsent(index,
                            i -> StreamCheck.start(ex.guard, ex.context, ex.conversation.lastUser(), ex.conversation.turn(), windows));
                    JsonNode delta = choice.path("delta");
                    String release = delta.path("content").isTextual() ? sc.offer(delta.get("content").asText()) : "";
                    if (sc.held() != null) {
                        held = sc.held();
                        heldIndex = index;
                        break;
                    }
                    if (choice.hasNonNull("finish_reason")) {
                        Decision last = sc.finish();
                        finals.put(index, last);
                        if (last.holds()) {
                            held = last;
                            heldIndex = index;
                            break;
                        }
                        release += sc.rest(last);
                    }
                    ObjectNode c = ((ObjectNode) choice).deepCopy();
                    ObjectNode d = c.has("delta") && c.get("delta").isObject() ? (ObjectNode) c.get("delta") : c.putObject("delta");
                    boolean hadContent = d.has("content");
                    if (!release.isEmpty()) {
                        d.put("content", release);
                        sent.append(release);
                    } else if (hadContent) {
                        d.remove("content");
                    }
                    if (!release.isEmpty() || d.size() > 0 || choice.hasNonNull("finish_reason") || !hadContent) {
                        kept.add(c);
                    }
                }
                ex.judging += (System.nanoTime() - t0) / 1e9;
                if (held == null && (!kept.isEmpty() || chunk.get("choices").isEmpty())) {
                    copy.set("choices", kept);
                    event(out, copy);
                }
            }
        } catch (IOException e) {
            broken = "the upstream stream broke";
        }
        if (held == null && broken == null && !done) {
            broken = "the upstream stream ended before it was complete";
        }
        for (Map.Entry<Integer, StreamCheck> e : checks.entrySet()) {
            if (held == null && !finals.containsKey(e.getKey())) {
                Decision last = e.getValue().finish();
                finals.put(e.getKey(), last);
                if (last.holds()) {
                    held = last;
                    heldIndex = e.getKey();
                } else if (broken == null) {
                    String rest = e.getValue().rest(last);
                    if (!rest.isEmpty()) {
                        ObjectNode chunk = head.deepCopy();
                        ObjectNode c = chunk.putArray("choices").addObject();
                        c.put("index", e.getKey());
                        c.putObject("delta").put("content", rest);
                        event(out, chunk);
                        sent.append(rest);
                    }
                }
            }
        }
        Decision output = held;
        if (output == null) {
            for (Decision d : finals.values()) {
                output = output == null ? d : output.and(d);
            }
        }
        Decision all = output == null ? ex.input : ex.input.and(output);
        String notice = null;
        if (held != null) {
            notice = all.notice(null);
            ObjectNode chunk = head.deepCopy();
            ObjectNode c = chunk.putArray("choices").addObject();
            c.put("index", heldIndex);
            c.putObject("delta").put("content", (sent.length() == 0 ? "" : "\n\n") + notice);
            c.put("finish_reason", "content_filter");
            event(out, chunk);
            sent.append(notice);
        }
        end(out, ex, all, head, sent.toString(), broken);
    }

    /** Records the exchange, sends the final chunk with the {@code polity} field, then [DONE] (or an error event when the upstream broke). */
    private void end(OutputStream out, Exchange ex, Decision d, ObjectNode head, String sent, String broken) throws IOException {
        gw.metrics.stage("judge", ex.judging);
        gw.metrics.decision(d);
        String reviewId = null;
        if (d.action() == Action.REVIEW && !d.shadow()) {
            try {
                reviewId = gw.store.openReview(ex.caller.tenant(), ex.context.toString(), d.constitution(), d.action().wireName(),
                        d.failMode() == null ? null : d.failMode().wireName(), Gateway.write(d.asMap().get("norms")),
                        ex.conversation.text(), sent, null);
            } catch (RuntimeException storeDown) {
                broken = broken == null ? "the review queue cannot be reached" : broken;
            }
        }
        Audit.Exchange record = new Audit.Exchange(ex.caller.tenant(), ex.caller.key().id(), ex.context, "/v1/chat/completions", ex.model,
                new String(ex.request, StandardCharsets.UTF_8), sent, 200);
        AuditEntry entry = Audit.decision(gw.store.now(), record, d, reviewId, gw.guards.get().config().auditFullText(),
                broken == null ? null : broken);
        String auditId = gw.recordOrDefer(entry);
        if (auditId == null) {
            auditId = "deferred";
            if (ex.guard.needsRecord(d) && broken == null) {
                broken = "the audit log cannot be written and law-tier norms apply here: the answer is not confirmed";
            }
        }
        ObjectNode last = head.deepCopy();
        last.putArray("choices");
        Map<String, Object> polity = new TreeMap<>();
        polity.put("decision", d.action().wireName());
        polity.put("norms", d.decidingNorms());
        polity.put("constitution", d.constitution());
        polity.put("fail_mode", d.failMode() == null ? null : d.failMode().wireName());
        polity.put("shadow", d.shadow());
        polity.put("audit_id", auditId);
        if (reviewId != null) {
            polity.put("review_id", reviewId);
        }
        last.set("polity", Gateway.JSON.valueToTree(polity));
        event(out, last);
        if (broken != null) {
            write(out, "data: " + ApiError.body(broken, "upstream_error", null, "upstream_stream_broken") + "\n\n");
        } else {
            write(out, "data: [DONE]\n\n");
        }
    }

    private OutputStream openStream(Context ctx, Decision input) throws IOException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        headers(ctx, input, null, null);
        // Javalin copies headers set on the context to the response when it writes; a stream writes before that
        ctx.res().setHeader("X-Polity-Decision", input.action().wireName());
        ctx.res().setHeader("X-Polity-Norms", String.join(",", input.decidingNorms()));
        ctx.res().setHeader("X-Polity-Constitution", input.constitution());
        OutputStream out = ctx.res().getOutputStream();
        out.flush();
        return out;
    }

    private static ObjectNode chunkHead(String id, String model, long created) {
        ObjectNode n = Gateway.JSON.createObjectNode();
        n.put("id", id);
        n.put("object", "chat.completion.chunk");
        n.put("created", created);
        n.put("model", model);
        return n;
    }

    private static void event(OutputStream out, JsonNode chunk) throws IOException {
        write(out, "data: " + chunk.toString() + "\n\n");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ---- models and pass-through

    void models(Context ctx) throws IOException {
        gw.authenticate(ctx);
        Upstream.Reply up = call(() -> gw.upstream.send("GET", "/models", null));
        if (up.status() >= 400) {
            passError(ctx, up);
            return;
        }
        ctx.status(up.status()).contentType("application/json").result(up.body());
    }

    /** The other OpenAI endpoints: authenticated and audited, not checked (docs/GATEWAY.md says so). */
    void passThrough(Context ctx, String path) throws IOException {
        Caller caller = gw.authenticate(ctx);
        byte[][] raw = new byte[1][];
        JsonNode body = gw.body(ctx, raw);
        Upstream.Reply up = call(() -> gw.upstream.send("POST", path, raw[0]));
        Audit.Exchange record = new Audit.Exchange(caller.tenant(), caller.key().id(), null, "/v1" + path, body.path("model").asText(null),
                new String(raw[0], StandardCharsets.UTF_8), new String(up.body(), StandardCharsets.UTF_8), up.status());
        AuditEntry entry = Audit.passThrough(gw.store.now(), record, gw.guards.get().config().auditFullText());
        String auditId = gw.recordOrDefer(entry);
        ctx.header("X-Polity-Decision", "allow");
        ctx.header("X-Polity-Audit-Id", auditId == null ? "deferred" : auditId);
        if (up.status() >= 400) {
            passError(ctx, up);
            return;
        }
        ctx.status(up.status()).contentType(up.contentType() == null ? "application/json" : up.contentType()).result(up.body());
    }
}
