package dev.polity.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat endpoint on 127.0.0.1 and an ephemeral port, for tests that need a live model
 * without a network: {@code POST /v1/chat/completions}, {@code GET /v1/models}, and Ollama's
 * {@code POST /api/chat}. What it replies is scripted: a queue of replies for the next requests, then a
 * default computed from the last user prompt. It counts requests and the most ever in flight at once, and
 * keeps every request body.
 *
 * <pre>{@code
 * try (FakeOpenAiServer server = FakeOpenAiServer.start().answering(p -> "echo " + p)) {
 *     server.script(Reply.rateLimited(1), Reply.status(500, "boom"));   // the first two requests fail
 *     ... ChatModelSource.openAi("fake", server.baseUrl(), null, policy, limit) ...
 * }
 * }</pre>
 */
public final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does with one request. */
    public sealed interface Reply {
        /** A well-formed completion with this text. */
        static Reply ok(String text) {
            return new Ok(text, "stop");
        }

        static Reply ok(String text, String finishReason) {
            return new Ok(text, finishReason);
        }

        /** An error status with a JSON error body. */
        static Reply status(int code, String message) {
            return new Status(code, message, null);
        }

        /** 429 Too Many Requests with {@code Retry-After: seconds}. */
        static Reply rateLimited(int retryAfterSeconds) {
            return new Status(429, "rate limit exceeded", retryAfterSeconds);
        }

        /** 200 with a body that is not the JSON a client expects. */
        static Reply malformed(String body) {
            return new Raw(200, body);
        }

        /** Closes the connection without a response. */
        static Reply drop() {
            return new Drop();
        }

        /** {@code then}, after a wait. */
        static Reply delayed(Duration wait, Reply then) {
            return new Delayed(wait, then);
        }

        /** An answer that calls a tool: no content, one tool call, {@code finish_reason: tool_calls}. */
        static Reply toolCall(String name, String arguments) {
            return new ToolCall(name, arguments);
        }

        /** The first part of {@code text} (streamed, or as a truncated body), then the connection closes. */
        static Reply broken(String text) {
            return new Broken(text);
        }
    }

    public record ToolCall(String name, String arguments) implements Reply {
    }

    public record Broken(String text) implements Reply {
    }

    public record Ok(String text, String finishReason) implements Reply {
    }

    public record Status(int code, String message, Integer retryAfterSeconds) implements Reply {
    }

    public record Raw(int code, String body) implements Reply {
    }

    public record Drop() implements Reply {
    }

    public record Delayed(Duration pause, Reply then) implements Reply {
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-openai");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<String, Reply> byPrompt = p -> Reply.ok("You asked: " + p);
    private volatile Duration everyDelay = Duration.ZERO;
    private volatile int dieAfter = Integer.MAX_VALUE;
    private volatile boolean dead;
    private volatile boolean remembering = true;

    private FakeOpenAiServer() throws IOException {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, the body waits for
        // the client's delayed ACK (about 40 ms). An instant fake model must answer instantly.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", this::models);
        server.createContext("/api/chat", this::chat);
        server.setExecutor(workers);
    }

    /** A running server; close it when done. */
    public static FakeOpenAiServer start() {
        try {
            FakeOpenAiServer s = new FakeOpenAiServer();
            s.server.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake server on 127.0.0.1", e);
        }
    }

    /** The base URL an OpenAI client takes, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return root() + "/v1";
    }

    /** The server root, what an Ollama client takes. */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Unscripted requests are answered with {@code answer(lastUserPrompt)}. */
    public FakeOpenAiServer answering(Function<String, String> answer) {
        Objects.requireNonNull(answer);
        this.byPrompt = p -> Reply.ok(answer.apply(p));
        return this;
    }

    /** Unscripted requests get {@code reply(lastUserPrompt)}: any reply, chosen per prompt. */
    public FakeOpenAiServer replying(Function<String, Reply> reply) {
        this.byPrompt = Objects.requireNonNull(reply);
        return this;
    }

    /** The next requests, in arrival order, get these replies; later ones the default. */
    public synchronized FakeOpenAiServer script(Reply... next) {
        script.addAll(List.of(next));
        return this;
    }

    /**
     * Keeps no request bodies or Authorization headers (then {@link #requestBodies} and {@link #authorizations}
     * are empty): a load test's hundred thousand requests would otherwise fill the heap and slow it with GC.
     */
    public FakeOpenAiServer forgetting() {
        this.remembering = false;
        return this;
    }

    /** Every request waits this long before its reply. */
    public FakeOpenAiServer delay(Duration wait) {
        this.everyDelay = Objects.requireNonNull(wait);
        return this;
    }

    /** Accepts every request and never answers (a hung server); closing the server lets the handlers go. */
    public FakeOpenAiServer hang() {
        return delay(Duration.ofDays(1));
    }

    /** After answering {@code n} requests the server stops: later connections are refused. */
    public FakeOpenAiServer dieAfter(int n) {
        this.dieAfter = n;
        return this;
    }

    /** Chat requests served so far, scripted failures and drops included; none after the server died. */
    public int requests() {
        return requests.get();
    }

    /** The most chat requests ever being handled at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Every chat request body received, in arrival order. */
    public synchronized List<JsonNode> requestBodies() {
        return List.copyOf(bodies);
    }

    /** The Authorization header of every chat request ("" when absent), in arrival order. */
    public synchronized List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private synchronized Reply next(JsonNode body, String authorization) {
        if (remembering) {
            bodies.add(body);
            authorizations.add(authorization == null ? "" : authorization);
        }
        Reply scripted = script.poll();
        return scripted != null ? scripted : byPrompt.apply(lastUserPrompt(body));
    }

    private void chat(HttpExchange ex) throws IOException {
        int n;
        synchronized (this) {
            n = dead || requests.get() >= dieAfter ? -1 : requests.incrementAndGet();
        }
        if (n < 0) {
            // dead: the port is closing; this connection is cut without an answer and not counted
            ex.close();
            return;
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try {
            JsonNode body;
            try (InputStream in = ex.getRequestBody()) {
                body = JSON.readTree(in);
            }
            Reply reply = next(body, ex.getRequestHeaders().getFirst("Authorization"));
            if (!everyDelay.isZero()) {
                pause(everyDelay);
            }
            while (reply instanceof Delayed d) {
                pause(d.pause());
                reply = d.then();
            }
            // A request stops counting as in flight before its answer leaves: once the client has the
            // answer it may send the next request, which must not find this one still counted.
            inFlight.decrementAndGet();
            counted = false;
            respond(ex, reply, body, ex.getRequestURI().getPath().startsWith("/api/"));
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
            if (n == dieAfter) {
                dead = true;
                // Stop a moment later: stopping at once could cut this very answer on its way to the client.
                // Meanwhile `dead` cuts every new request without an answer.
                Thread stopper = new Thread(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    server.stop(0);
                });
                stopper.setDaemon(true);
                stopper.start();
            }
        }
    }

    private void respond(HttpExchange ex, Reply reply, JsonNode request, boolean ollama) throws IOException {
        if (reply instanceof Delayed d) {
            pause(d.pause());
            respond(ex, d.then(), request, ollama);
        } else if (reply instanceof Drop) {
            ex.close();
        } else if (reply instanceof Raw r) {
            send(ex, r.code(), r.body());
        } else if (reply instanceof Status s) {
            if (s.retryAfterSeconds() != null) {
                ex.getResponseHeaders().set("Retry-After", String.valueOf(s.retryAfterSeconds()));
            }
            ObjectNode err = JSON.createObjectNode();
            err.putObject("error").put("message", s.message()).put("type", "fake_error").put("code", s.code());
            send(ex, s.code(), err.toString());
        } else if (reply instanceof Ok ok && request.path("stream").asBoolean(false) && !ollama) {
            stream(ex, request, ok.text(), ok.finishReason(), null, false);
        } else if (reply instanceof Ok ok) {
            send(ex, 200, (ollama ? ollamaCompletion(request, ok) : completion(request, ok, requests.get())).toString());
        } else if (reply instanceof ToolCall t && request.path("stream").asBoolean(false)) {
            stream(ex, request, null, "tool_calls", t, false);
        } else if (reply instanceof ToolCall t) {
            ObjectNode out = completion(request, new Ok("", "tool_calls"), requests.get());
            ObjectNode message = (ObjectNode) out.get("choices").get(0).get("message");
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_1").put("type", "function");
            call.putObject("function").put("name", t.name()).put("arguments", t.arguments());
            send(ex, 200, out.toString());
        } else if (reply instanceof Broken b && request.path("stream").asBoolean(false)) {
            stream(ex, request, b.text(), "stop", null, true);
        } else if (reply instanceof Broken b) {
            byte[] bytes = completion(request, new Ok(b.text(), "stop"), requests.get()).toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            OutputStream out = ex.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            ex.close();
        }
    }

    /**
     * A streamed completion as server-sent events: a role chunk, the text in pieces of about eight characters
     * (or one tool-call chunk), a finish chunk, {@code [DONE]}; with {@code cut}, only the first half of the
     * pieces, then the connection closes.
     */
    private void stream(HttpExchange ex, JsonNode request, String text, String finishReason, ToolCall tool, boolean cut) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        String id = "chatcmpl-fake-" + requests.get();
        String model = request.path("model").asText("fake-model");
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode first = chunk(id, model);
        first.withArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant").put("content", "");
        chunks.add(first);
        if (tool != null) {
            ObjectNode c = chunk(id, model);
            ObjectNode call = c.withArray("choices").addObject().put("index", 0).putObject("delta").putArray("tool_calls").addObject();
            call.put("index", 0).put("id", "call_1").put("type", "function");
            call.putObject("function").put("name", tool.name()).put("arguments", tool.arguments());
            chunks.add(c);
        } else {
            for (int i = 0; i < text.length(); i += 8) {
                ObjectNode c = chunk(id, model);
                c.withArray("choices").addObject().put("index", 0).putObject("delta").put("content", text.substring(i, Math.min(text.length(), i + 8)));
                chunks.add(c);
            }
        }
        ObjectNode last = chunk(id, model);
        last.withArray("choices").addObject().put("index", 0).put("finish_reason", finishReason).putObject("delta");
        chunks.add(last);
        int n = cut ? Math.max(1, chunks.size() / 2) : chunks.size();
        for (int i = 0; i < n; i++) {
            out.write(("data: " + chunks.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (cut) {
            ex.close();
            return;
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.close();
    }

    private static ObjectNode chunk(String id, String model) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("created", 1_700_000_000L).put("model", model);
        return c;
    }

    private static ObjectNode completion(JsonNode request, Ok ok, int n) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", "chatcmpl-fake-" + n).put("object", "chat.completion").put("created", 1_700_000_000L)
                .put("model", request.path("model").asText("fake-model"));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", ok.text());
        choice.put("finish_reason", ok.finishReason());
        int prompt = words(request);
        int completion = ok.text().isBlank() ? 0 : ok.text().trim().split("\\s+").length;
        out.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return out;
    }

    private static ObjectNode ollamaCompletion(JsonNode request, Ok ok) {
        ObjectNode out = JSON.createObjectNode();
        out.put("model", request.path("model").asText("fake-model")).put("created_at", "2026-01-01T00:00:00Z");
        out.putObject("message").put("role", "assistant").put("content", ok.text());
        out.put("done", true).put("done_reason", ok.finishReason());
        out.put("prompt_eval_count", words(request));
        out.put("eval_count", ok.text().isBlank() ? 0 : ok.text().trim().split("\\s+").length);
        return out;
    }

    /** A stand-in token count: whitespace-separated words over all messages. */
    private static int words(JsonNode request) {
        int n = 0;
        for (JsonNode m : request.path("messages")) {
            String t = m.path("content").asText("");
            n += t.isBlank() ? 0 : t.trim().split("\\s+").length;
        }
        return n;
    }

    static String lastUserPrompt(JsonNode body) {
        ArrayNode messages = body.path("messages").isArray() ? (ArrayNode) body.path("messages") : JSON.createArrayNode();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return messages.get(i).path("content").asText("");
            }
        }
        return "";
    }

    private void models(HttpExchange ex) throws IOException {
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        out.putArray("data").addObject().put("id", "fake-model").put("object", "model").put("owned_by", "polity");
        send(ex, 200, out.toString());
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
