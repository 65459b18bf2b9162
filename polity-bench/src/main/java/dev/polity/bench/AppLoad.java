package dev.polity.bench;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PlantedConversation;
import dev.polity.server.app.Results;
import dev.polity.stats.Quantile;
import dev.polity.store.DeliberationStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web app's bounded loopback load test (docs/PERFORMANCE.md; run by bench/app-load.sh). {@code polity serve}
 * runs in its own process; this JVM plays the participants. Each simulated participant opens the deliberation's
 * page, then votes on its statements in its own order for the given time, one vote every 0.5 to 1.5 s (a
 * person reading and clicking), following each vote's redirect to the next page as a browser does; one vote in
 * twenty is sent twice at once (a double click). Afterwards the database is read: every acknowledged vote
 * (303) must be in it exactly once, and nothing else. Then, in this JVM, the time to refresh the results of a
 * deliberation of 1,000 participants x 100 statements (planted groups) through the app's {@link Results}.
 *
 * <p>Arguments: {@code JAR HOME DIR PARTICIPANTS SECONDS}.
 */
public final class AppLoad {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final int STATEMENTS = 100;

    private AppLoad() {
    }

    /** What one simulated participant sent and was told. */
    private static final class Participant {
        String cookie;
        String csrf;
        final Map<Long, Integer> acknowledged = new TreeMap<>();
        int refused;
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String home = args[1];
        Path dir = Path.of(args[2]);
        int participants = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Files.createDirectories(dir);
        String store = dir.resolve("app-load.db").toString();
        Files.deleteIfExists(Path.of(store));
        String id;
        try (DeliberationStore s = DeliberationStore.open(store, Clock.systemUTC())) {
            List<String> seeds = new ArrayList<>();
            for (int j = 1; j <= STATEMENTS; j++) {
                seeds.add("Statement number " + j + " about what the assistant should do.");
            }
            id = s.create(new DeliberationStore.NewDeliberation("Load test", "", true, null, List.of()), seeds).id();
        }
        int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1g", "-jar", jar, "serve", "--port", String.valueOf(port), "--store", store,
                "--insecure-cookies").redirectErrorStream(true).redirectOutput(dir.resolve("serve-app.log").toFile());
        pb.environment().put("POLITY_HOME", home);
        Process server = pb.start();
        ExecutorService pool = Executors.newFixedThreadPool(participants + 8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(32)).build();
        String root = "http://127.0.0.1:" + port;
        try {
            GatewayLoad.waitFor(root + "/health", server);
            String page = root + "/d/" + id;
            // warm-up: a few participants' worth of pages and votes, so the JIT has compiled what is measured
            run(http, page, 20, 5, new SplittableRandom(1), pool, new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(), new AtomicInteger());
            String before = load();
            long cpu0 = GatewayLoad.cpu(server.pid());
            long t0 = System.nanoTime();
            ConcurrentLinkedQueue<Double> votes = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Double> pages = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            List<Participant> all = run(http, page, participants, seconds, new SplittableRandom(2026), pool, votes, pages, errors);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (GatewayLoad.cpu(server.pid()) - cpu0) / 1e9;
            String after = load();
            verify(store, id, all, votes.size(), errors.get(), wall, cpu, before, after, participants, seconds);
            System.out.println("vote latency (POST, ms): " + percentiles(List.copyOf(votes)));
            System.out.println("page latency (GET of the next statement, ms): " + percentiles(List.copyOf(pages)));
        } finally {
            pool.shutdownNow();
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        refresh(dir);
        System.exit(0);
    }

    private static List<Participant> run(HttpClient http, String page, int participants, int seconds, SplittableRandom seeds, ExecutorService pool,
                                         ConcurrentLinkedQueue<Double> votes, ConcurrentLinkedQueue<Double> pages, AtomicInteger errors)
            throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Participant> all = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            Participant me = new Participant();
            all.add(me);
            SplittableRandom random = seeds.split();
            running.add(pool.submit(() -> {
                try {
                    take(me, send(http, HttpRequest.newBuilder(URI.create(page)).GET(), me, pages));
                    List<Long> order = new ArrayList<>();
                    for (long j = 1; j <= STATEMENTS; j++) {
                        order.add(j);
                    }
                    Collections.shuffle(order, new java.util.Random(random.nextLong()));
                    for (long statement : order) {
                        Thread.sleep(500 + random.nextInt(1000));
                        if (System.nanoTime() > deadline) {
                            return null;
                        }
                        int vote = random.nextInt(3) - 1;
                        String form = "csrf=" + URLEncoder.encode(me.csrf, StandardCharsets.UTF_8) + "&statement=" + statement + "&vote=" + vote;
                        int copies = random.nextInt(20) == 0 ? 2 : 1;
                        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                        for (int c = 0; c < copies; c++) {
                            sent.add(pool.submit(() -> send(http, HttpRequest.newBuilder(URI.create(page + "/vote"))
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).header("Content-Type", "application/x-www-form-urlencoded"), me, votes)));
                        }
                        boolean redirected = false;
                        for (Future<HttpResponse<String>> f : sent) {
                            HttpResponse<String> r = f.get();
                            if (r.statusCode() == 303) {
                                synchronized (me) {
                                    me.acknowledged.put(statement, vote);
                                }
                                redirected = true;
                            } else if (r.statusCode() == 429) {
                                me.refused++;
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                        if (redirected) {
                            take(me, send(http, HttpRequest.newBuilder(URI.create(page + "?done=vote.saved")).GET(), me, pages));
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return all;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder b, Participant me, ConcurrentLinkedQueue<Double> times)
            throws Exception {
        if (me.cookie != null) {
            b.header("Cookie", me.cookie);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        times.add((System.nanoTime() - t0) / 1e6);
        r.headers().firstValue("Set-Cookie").ifPresent(c -> me.cookie = c.split(";", 2)[0]);
        return r;
    }

    private static void take(Participant me, HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("the page answered " + page.statusCode());
        }
        me.csrf = m.group(1);
    }

    /** Every acknowledged vote is in the database exactly once, and the database holds nothing else. */
    private static void verify(String store, String id, List<Participant> all, int requests, int errors, double wall, double cpu, String before,
                               String after, int participants, int seconds) {
        List<String> expected = new ArrayList<>();
        int acknowledged = 0;
        int refused = 0;
        for (Participant p : all) {
            if (!p.acknowledged.isEmpty()) {
                expected.add(p.acknowledged.toString());
            }
            acknowledged += p.acknowledged.size();
            refused += p.refused;
        }
        Map<Long, Map<Long, Integer>> stored = new TreeMap<>();
        int rows;
        try (DeliberationStore s = DeliberationStore.open(store, Clock.systemUTC())) {
            List<DeliberationStore.Vote> vs = s.votes(id, null);
            rows = vs.size();
            for (DeliberationStore.Vote v : vs) {
                Map<Long, Integer> mine = stored.computeIfAbsent(v.participant(), k -> new TreeMap<>());
                if (mine.put(v.statement(), v.vote()) != null) {
                    throw new IllegalStateException("two rows for participant " + v.participant() + " and statement " + v.statement());
                }
            }
        }
        List<String> actual = new ArrayList<>();
        stored.values().forEach(m -> actual.add(m.toString()));
        // the warm-up's participants voted too; the measured ones must each be found exactly once
        List<String> remaining = new ArrayList<>(actual);
        int missing = 0;
        for (String e : expected) {
            if (!remaining.remove(e)) {
                missing++;
            }
        }
        System.out.printf(Locale.ROOT, "participants %d for %d s: %d vote requests (%.0f/s), %d acknowledged votes, %d refused (429), %d errors; "
                        + "server CPU %.1f s of %.1f s wall (%.0f%% of one core)%n",
                participants, seconds, requests, requests / wall, acknowledged, refused, errors, cpu, wall, 100 * cpu / wall);
        System.out.printf(Locale.ROOT, "database: %d vote rows of %d participants; the acknowledged votes of %d of %d measured participants found exactly "
                        + "(%d not), %d rows from the warm-up%n", rows, stored.size(), expected.size() - missing, expected.size(), missing,
                remaining.stream().mapToInt(x -> x.equals("{}") ? 0 : x.split(",").length).sum());
        System.out.println("load average before: " + before + "; after: " + after);
        if (missing > 0 || errors > 0) {
            System.out.println("FAILED: " + missing + " participants' votes differ from what they were told, " + errors + " errors");
        }
    }

    static String percentiles(List<Double> ms) {
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "n=%d p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", a.length, Quantile.ofSorted(a, 0.5), Quantile.ofSorted(a, 0.9),
                Quantile.ofSorted(a, 0.99), a[a.length - 1]);
    }

    /** Time to refresh the results of 1,000 participants x 100 statements (60,000 votes, three planted groups) through the app's Results. */
    private static void refresh(Path dir) throws Exception {
        String store = dir.resolve("app-refresh.db").toString();
        Files.deleteIfExists(Path.of(store));
        Conversation planted = PlantedConversation.generate(new PlantedConversation.Spec(1000, 100, 60_000, 3, 10, 0.85, 2026));
        try (DeliberationStore s = DeliberationStore.open(store, Clock.systemUTC())) {
            String id = s.importConversation(planted, new DeliberationStore.NewDeliberation("refresh", "", true, null, List.of())).id();
            Results results = new Results(s, Deliberation.Options.DEFAULTS);
            List<Double> ms = new ArrayList<>();
            List<Double> cpuMs = new ArrayList<>();
            int groups = 0;
            for (int round = 0; round < 7; round++) {
                long voter = s.join(id);
                s.vote(id, voter, 1, 1); // a new vote: the next refresh cannot use the last analysis
                long t0 = System.nanoTime();
                long c0 = GatewayLoad.selfCpu();
                Results.Analysis a = results.of(id);
                double took = (System.nanoTime() - t0) / 1e6;
                double cpu = (GatewayLoad.selfCpu() - c0) / 1e6;
                groups = a.deliberation().groups().k();
                if (round >= 2) {
                    ms.add(took); // the first two warm the JIT
                    cpuMs.add(cpu);
                }
            }
            System.out.printf(Locale.ROOT, "refresh, 1,000 participants x 100 statements (60,000 votes, %d groups found), wall ms: %s%n", groups,
                    percentiles(ms));
            System.out.printf(Locale.ROOT, "  the same, CPU ms this JVM spent on it (all its threads; what the machine's other load cannot inflate): %s%n",
                    percentiles(cpuMs));
            // where the time goes: reading the store, then each stage of the engine
            long t0 = System.nanoTime();
            Conversation c = s.conversation(id);
            long t1 = System.nanoTime();
            Map<String, Long> stages = new java.util.LinkedHashMap<>();
            long[] last = {System.nanoTime()};
            String[] stage = {"start"};
            Deliberation d = Deliberation.analyse(c, Deliberation.Options.DEFAULTS, (name, done, total) -> {
                if (!name.equals(stage[0]) && total >= 0) {
                    long now = System.nanoTime();
                    stages.merge(stage[0], now - last[0], Long::sum);
                    stage[0] = name;
                    last[0] = now;
                }
            });
            stages.merge(stage[0], System.nanoTime() - last[0], Long::sum);
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  read from the store %.0f ms", (t1 - t0) / 1e6));
            stages.forEach((k, v) -> {
                if (!k.equals("start")) {
                    sb.append(String.format(Locale.ROOT, "; %s %.0f ms", k, v / 1e6));
                }
            });
            System.out.println(sb + (d.bridging() == null ? "" : "; bridging sweeps " + d.bridging().sweeps()));
        }
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
