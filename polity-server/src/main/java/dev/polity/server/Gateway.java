package dev.polity.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.guard.Audit;
import dev.polity.guard.Guard;
import dev.polity.guard.GuardConfig;
import dev.polity.guard.Guards;
import dev.polity.guard.RecentEmbeddings;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.store.AuditEntry;
import dev.polity.store.GatewayStore;
import dev.polity.store.StoreException;
import dev.polity.store.TenantDefaults;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The guardrail gateway: an OpenAI-compatible HTTP front ({@code /v1/chat/completions} plain and streamed,
 * {@code /v1/models}, pass-through of the other OpenAI endpoints) over an upstream model server, and
 * Polity's own routes (check, review queue, reload, health, metrics). HTTP only: every decision comes from
 * {@link Guard}; the audit log, keys and reviews from {@link GatewayStore}. The routes are declared in the
 * Javalin configuration, in {@link #routes}.
 */
public final class Gateway implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEFERRED = 100_000;

    final Settings settings;
    final GatewayStore store;
    final Metrics metrics = new Metrics();
    final AtomicReference<Guards> guards = new AtomicReference<>();
    final Upstream upstream;
    final Caller.Keys keys;
    private final Supplier<TextEmbedder> embedder;
    private final RewardRoute reward;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, TenantEntry> tenants = new ConcurrentHashMap<>();
    private final Queue<AuditEntry> deferred = new ConcurrentLinkedQueue<>();
    private final AtomicInteger deferredCount = new AtomicInteger();
    private final Thread flusher;
    private final Javalin app;
    private volatile boolean closing;

    private record TenantEntry(TenantDefaults defaults, long at) {
    }

    /**
     * Pages served beside the gateway's routes on the same server (the participation web app, the dashboard).
     * They are handed the gateway for its store, its constitution and its key check, and declare their own routes.
     */
    public interface Room {
        void routes(Gateway gateway, io.javalin.config.RoutesConfig routes);
    }

    /** An operator (or admin) key that signed in to the web pages: its id, tenant and role, never the key. */
    public record Operator(String keyId, String tenant, String role) {
    }

    private Gateway(Settings settings, GatewayStore store, Guards first, Supplier<TextEmbedder> embedder, List<Room> rooms) {
        this.settings = settings;
        this.store = store;
        this.embedder = embedder;
        this.guards.set(first);
        this.keys = store == null ? null : new Caller.Keys(store);
        this.reward = settings.reward() == null ? null : RewardRoute.load(this, settings.reward(), embedder.get());
        this.upstream = settings.upstream() == null ? null
                : new Upstream(settings.upstream(), settings.env().apply("POLITY_UPSTREAM_KEY"), () -> guards.get().config().limits().upstreamTimeout());
        long maxBody = first.config().limits().maxBodyBytes();
        this.app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = Math.max(maxBody * 2, 1 << 20);
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.defaultContentType = "application/json";
            // redirects keep their path only, so that behind a TLS proxy the browser stays on the proxy's scheme and host
            config.jetty.modifyHttpConfiguration(http -> http.setRelativeRedirectAllowed(true));
            routes(config);
            rooms.forEach(room -> room.routes(this, config.routes));
        });
        this.flusher = new Thread(this::flushDeferred, "polity-audit-deferred");
        flusher.setDaemon(true);
    }

    /**
     * Loads the configuration and the constitutions (linted), opens the store (when there is one), loads the reward
     * model (when there is one) and serves; {@code /health} answers once all of it is ready.
     *
     * @throws InvalidInputException when the configuration, a constitution, the store or the reward model cannot be used
     */
    public static Gateway start(Settings settings) {
        return start(settings, List.of());
    }

    /**
     * {@link #start(Settings)} with pages beside the gateway's routes.
     *
     * @throws InvalidInputException when the configuration, a constitution, the store or the reward model cannot be used
     */
    public static Gateway start(Settings settings, List<Room> rooms) {
        if (settings.store() == null && settings.upstream() != null) {
            throw new InvalidInputException(null, "--store: the gateway in front of an upstream needs a store for its audit log and keys");
        }
        if (settings.store() == null && !rooms.isEmpty()) {
            throw new InvalidInputException(null, "--store: the web app and the dashboard need a store");
        }
        TextEmbedder[] made = new TextEmbedder[1];
        Supplier<TextEmbedder> embedder = () -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = new RecentEmbeddings(MiniLmEmbedder.shared(), 4096);
                }
                return made[0];
            }
        };
        Guards first = build(settings, embedder);
        GatewayStore store = settings.store() == null ? null : GatewayStore.open(settings.store(), settings.clock());
        Gateway g = new Gateway(settings, store, first, embedder, rooms);
        g.app.start();
        if (store != null) {
            g.flusher.start();
            g.audit(Audit.event(store.now(), "-", "start", "allow", g.startFields(first)));
        }
        return g;
    }

    private Map<String, Object> startFields(Guards g) {
        Map<String, Object> m = new TreeMap<>();
        m.put("constitutions", g.versions());
        m.put("config", g.config().digest());
        m.put("upstream", settings.upstream() != null);
        return m;
    }

    private static Guards build(Settings s, Supplier<TextEmbedder> embedder) {
        GuardConfig config = s.config() == null ? GuardConfig.DEFAULT : GuardConfig.load(s.config());
        return Guards.build(s.constitution(), config, embedder, s.env(), LocalDate.now(s.clock().withZone(ZoneOffset.UTC)));
    }

    /** The store of keys, reviews and the audit log (the same database the web app keeps its tables in). */
    public GatewayStore store() {
        return store;
    }

    /** How the server was started. */
    public Settings settings() {
        return settings;
    }

    /** The guard of the default constitution now in force (it changes on reload). */
    public Guard guard() {
        return guards.get().standard();
    }

    /**
     * Checks a key as the gateway's routes do (hash lookup, revocation) and that its role is operator or admin.
     *
     * @return the operator, or empty when the key is unknown, revoked or only a client's
     * @throws StoreException when the key store cannot be reached
     */
    public java.util.Optional<Operator> operator(String key) {
        if (key == null || key.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            Caller c = keys.authenticate("Bearer " + key.strip());
            return c.hasRole("operator") ? java.util.Optional.of(new Operator(c.key().id(), c.tenant(), c.key().role())) : java.util.Optional.empty();
        } catch (ApiError e) {
            if (e.status == 503) {
                throw new StoreException("the key store cannot be reached", null);
            }
            return java.util.Optional.empty();
        }
    }

    /** The port served on (the one given, or the one the system chose for 0). */
    public int port() {
        return app.port();
    }

    /**
     * Reads the configuration and the constitutions again, lints them, and swaps them in at once; what was in
     * force stays when anything is wrong.
     *
     * @return the constitution version of the default ({@code *}) and of each tenant with its own
     * @throws InvalidInputException what is wrong, naming file and line
     */
    public synchronized Map<String, String> reload() {
        Guards next = build(settings, embedder);
        Guards before = guards.getAndSet(next);
        if (store != null) {
            Map<String, Object> fields = startFields(next);
            fields.put("before", before.versions());
            audit(Audit.event(store.now(), "-", "reload", "allow", fields));
        }
        return next.versions();
    }

    /** Reloads on SIGHUP, as daemons do; a failed reload is reported on stderr and changes nothing. */
    public void reloadOnHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                try {
                    Map<String, String> v = reload();
                    System.err.println("polity: reloaded (SIGHUP): " + v);
                } catch (InvalidInputException e) {
                    System.err.println("polity: reload refused, the previous version stays: " + e.oneLine());
                } catch (RuntimeException e) {
                    System.err.println("polity: reload failed, the previous version stays: " + e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            System.err.println("polity: SIGHUP is not available here; reload with POST /v1/polity/reload");
        }
    }

    /** Blocks until the server is stopped. */
    public void awaitStop() throws InterruptedException {
        synchronized (this) {
            while (!closing) {
                wait();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        app.stop();
        flusher.interrupt();
        if (store != null) {
            store.close();
        }
    }

    // ---- routes

    private void routes(io.javalin.config.JavalinConfig config) {
        var r = config.routes;
        r.get("/health", route("health", this::health));
        r.get("/metrics", route("metrics", ctx -> ctx.contentType(Metrics.contentType()).result(metrics.scrape())));
        if (reward != null) {
            // OpenRLHF's trainer sends no key (docs/REWARD.md): the endpoint changes nothing and reads no stored data
            r.post("/get_reward", route("reward", reward::handle));
        }
        if (store != null) {
            PolityRoutes polity = new PolityRoutes(this);
            r.post("/v1/polity/check", route("check", polity::check));
            r.get("/v1/polity/reviews", route("reviews", polity::reviews));
            r.post("/v1/polity/reviews/{id}/claim", route("review-claim", polity::claim));
            r.post("/v1/polity/reviews/{id}/resolve", route("review-resolve", polity::resolve));
            r.post("/v1/polity/reload", route("reload", polity::reload));
        }
        if (settings.upstream() != null) {
            ChatRoute chat = new ChatRoute(this);
            r.post("/v1/chat/completions", route("chat", chat::handle));
            r.get("/v1/models", route("models", chat::models));
            for (String path : new String[] {"/v1/embeddings", "/v1/completions", "/v1/responses"}) {
                r.post(path, route(path.substring(4), ctx -> chat.passThrough(ctx, path.substring(3))));
            }
        }
        r.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type != null && type.startsWith("text/html")) {
                return; // a page's own "not found"
            }
            if (ctx.result() == null || !ctx.result().startsWith("{\"error\"")) {
                send(ctx, ApiError.notFound("no route " + ctx.method() + " " + ctx.path()));
            }
        });
        r.error(405, ctx -> send(ctx, new ApiError(405, "invalid_request_error", "method_not_allowed", null,
                "method " + ctx.method() + " is not allowed on " + ctx.path())));
    }

    /** A handler with its timing, metrics, and every failure answered in OpenAI's error shape. */
    private Handler route(String name, Handler h) {
        return ctx -> {
            long t0 = System.nanoTime();
            try {
                h.handle(ctx);
            } catch (ApiError e) {
                send(ctx, e);
            } catch (InvalidInputException e) {
                send(ctx, ApiError.invalid(e.location().file().startsWith("<") ? null : e.location().file(), e.oneLine()));
            } catch (StoreException e) {
                send(ctx, new ApiError(503, "server_error", "store_unavailable", null, "the store cannot be reached; try again shortly"));
            } catch (Exception e) {
                send(ctx, new ApiError(500, "server_error", "internal_error", null, "internal error (" + e.getClass().getSimpleName() + ")"));
            } finally {
                metrics.request(name, ctx.statusCode(), (System.nanoTime() - t0) / 1e9);
            }
        };
    }

    static void send(Context ctx, ApiError e) {
        if (ctx.res().isCommitted()) {
            return;
        }
        e.headers.forEach(ctx::header);
        ctx.status(e.status).contentType("application/json").result(e.body());
    }

    private void health(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("constitutions", guards.get().versions());
        m.put("upstream", settings.upstream() != null);
        if (reward != null) {
            m.put("reward_model", reward.describe());
        }
        m.put("audit", store == null ? "none" : store.reachable() ? "ok" : "unavailable");
        m.put("audit_deferred", deferredCount.get());
        ctx.contentType("application/json").result(write(m));
    }

    // ---- what the routes share

    Caller authenticate(Context ctx) {
        Caller c = keys.authenticate(ctx.header("Authorization"));
        GuardConfig.Limits l = guards.get().config().limits();
        TokenBucket b = buckets.computeIfAbsent(c.key().id(), k -> new TokenBucket(l.burst(), l.requestsPerMinute() / 60.0, System.nanoTime()));
        long wait = b.take(System.nanoTime());
        if (wait > 0) {
            long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
            throw new ApiError(429, "rate_limit_error", "rate_limit_exceeded", null,
                    "rate limit of " + l.requestsPerMinute() + " requests per minute for this key exceeded; retry after " + seconds + " s")
                    .header("Retry-After", String.valueOf(seconds));
        }
        return c;
    }

    static void require(Caller c, String role) {
        if (!c.hasRole(role)) {
            throw ApiError.forbidden("this key's role (" + c.key().role() + ") may not do this; it needs " + role);
        }
    }

    /** The request body, at most the configured size, as strict UTF-8 JSON. */
    JsonNode body(Context ctx, byte[][] raw) {
        long max = guards.get().config().limits().maxBodyBytes();
        String length = ctx.header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ApiError.invalid(null, "Content-Length is not a number");
            }
            if (declared > max) {
                if (declared <= DRAINED) {
                    // read what the client is still sending: most clients read no answer until they have sent the
                    // whole body, and a connection closed under them ends in a broken pipe instead of this 413
                    drain(ctx);
                }
                throw tooLarge(max);
            }
        }
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > max) {
                    throw tooLarge(max);
                }
                out.write(buf, 0, n);
            }
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw ApiError.invalid(null, "the request body could not be read");
        } catch (RuntimeException e) {
            if (e instanceof ApiError) {
                throw e;
            }
            throw tooLarge(max);
        }
        raw[0] = bytes;
        if (bytes.length == 0) {
            throw ApiError.invalid(null, "the request body is empty; expected a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.invalid(null, "the request body is not valid UTF-8");
        }
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            throw ApiError.invalid(null, "the request body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw ApiError.invalid(null, "the request body must be a JSON object");
        }
        return n;
    }

    /** The longest body read only to be refused (1 MiB); a longer one is refused at once and its connection closed. */
    private static final long DRAINED = 1 << 20;

    private static void drain(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing left to answer
        }
    }

    private static ApiError tooLarge(long max) {
        return new ApiError(413, "invalid_request_error", "request_too_large", null, "the request body is larger than " + max + " bytes");
    }

    /**
     * The context of a request: the {@code X-Polity-*} headers, else the tenant's defaults (the configuration's,
     * then those set by {@code polity keys create}).
     */
    dev.polity.norms.Context context(Guard guard, Caller caller, String jurisdiction, String domain, String audience, String where) {
        GuardConfig.Tenant configured = guards.get().config().tenants().get(caller.tenant());
        TenantDefaults stored = tenantDefaults(caller.tenant());
        String j = first(jurisdiction, configured == null ? null : configured.jurisdiction(), stored == null ? null : stored.jurisdiction());
        String d = first(domain, configured == null ? null : configured.domain(), stored == null ? null : stored.domain());
        String a = first(audience, configured == null ? null : configured.audience(), stored == null ? null : stored.audience());
        if (j == null) {
            throw ApiError.invalid(field(where, "jurisdiction"), "no jurisdiction: send " + field(where, "jurisdiction")
                    + ", or set the tenant's default (polity keys create --jurisdiction)");
        }
        try {
            return guard.context(j, d, a, LocalDate.now(settings.clock().withZone(ZoneOffset.UTC)));
        } catch (InvalidInputException e) {
            String f = field(where, e.location().file());
            throw ApiError.invalid(f, f + ": " + e.errors().get(0).message());
        }
    }

    /** A context field as the request names it: a body field, or the header {@code X-Polity-Jurisdiction}. */
    private static String field(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private TenantDefaults tenantDefaults(String tenant) {
        long now = System.nanoTime();
        TenantEntry e = tenants.get(tenant);
        if (e == null || now - e.at() > 30_000_000_000L) {
            try {
                e = new TenantEntry(store.tenant(tenant).orElse(null), now);
                tenants.put(tenant, e);
            } catch (StoreException down) {
                return e == null ? null : e.defaults();
            }
        }
        return e.defaults();
    }

    private static String first(String... xs) {
        for (String x : xs) {
            if (x != null && !x.isBlank()) {
                return x;
            }
        }
        return null;
    }

    /** Writes a record now; throws when the store cannot be written. */
    long audit(AuditEntry e) {
        return store.append(e);
    }

    /** Writes a record now, or, when the store cannot take it, keeps it for later and returns null. */
    String recordOrDefer(AuditEntry e) {
        try {
            return String.valueOf(audit(e));
        } catch (RuntimeException storeDown) {
            defer(e);
            return null;
        }
    }

    /** Keeps a record the store could not take, to be written when it is back. */
    void defer(AuditEntry e) {
        metrics.auditFailure();
        if (deferredCount.get() < MAX_DEFERRED) {
            deferred.add(e);
            metrics.deferred(deferredCount.incrementAndGet());
        }
    }

    private void flushDeferred() {
        while (!closing) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            for (AuditEntry e; (e = deferred.peek()) != null; ) {
                try {
                    store.append(e);
                } catch (RuntimeException down) {
                    break;
                }
                deferred.poll();
                metrics.deferred(deferredCount.decrementAndGet());
            }
        }
    }

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
