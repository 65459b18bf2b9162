package dev.polity.bench;

import dev.polity.model.FakeOpenAiServer;
import dev.polity.stats.Quantile;
import dev.polity.store.GatewayStore;
import dev.polity.store.TenantDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's bounded loopback load test (docs/PERFORMANCE.md; run by bench/gateway-load.sh). This JVM runs
 * the fake upstream (an instant OpenAI-compatible server) and the load generator; the gateway runs as
 * {@code polity serve} in its own process. Every phase is bounded in requests and time.
 *
 * <p>The added latency is each percentile through the gateway minus the same percentile calling the fake
 * upstream directly. Both paths are measured together so that the machine's state weighs on both alike: the
 * sequential phase alternates them request by request (ABBA order), an open-loop phase alternates them second
 * by second at the phase's rate. Both go through the same client: the JDK's blocking HTTP client on the
 * sending thread with kept-alive connections, no hand-off to an executor. Open-loop phases time each request
 * from when it was due, not from when it was sent, so a stalled gateway is charged for the requests that
 * queue behind it (Tene, "How NOT to measure latency", 2015). The gateway's Server-Timing header says how much
 * of each of its requests was its own (handling minus the upstream call) and how much the audit record took.
 *
 * <p>Arguments: {@code JAR STORE_DIR CONFIG LABEL SEQUENTIAL PHASE...}, a phase being {@code seq},
 * {@code RATE:SECONDS} (seconds per path) or {@code saturate:SECONDS}. System properties:
 * {@code polity.bench.warmup} (sequential requests per path, 20000, after a thousandth as many seconds at 500 per second), {@code polity.bench.repeats} (times each measured
 * phase runs, 1), {@code polity.bench.gatewayJvm} (the gateway JVM's options).
 */
public final class GatewayLoad {
    static final String ANSWER = "I am an AI assistant. Berlin is the capital of Germany and has about 3.7 million inhabitants.";
    static final String BODY = "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": \"What is the capital of Germany? (%d)\"}]}";
    /** Sending threads of an open-loop phase: each owns every THREADS-th slot, so none waits for another's answer. */
    static final int THREADS = 32;

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        // the JDK client keeps 5 idle connections per server by default; open-loop phases use more at once
        System.setProperty("http.maxConnections", String.valueOf(2 * THREADS));
        String jar = args[0];
        Path dir = Path.of(args[1]);
        String config = args[2];
        String label = args[3];
        int sequential = Integer.parseInt(args[4]);
        int repeats = Integer.getInteger("polity.bench.repeats", 1);
        Files.createDirectories(dir);
        String store = dir.resolve("load-" + label + ".db").toString();
        Files.deleteIfExists(Path.of(store));
        String key;
        try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
            key = s.createKey("bench", "client").key();
            s.setTenantDefaults(new TenantDefaults("bench", "DE", "general", null));
        }
        // every answer differs (it names the question), so no detector can answer from a cache
        try (FakeOpenAiServer upstream = FakeOpenAiServer.start().forgetting().answering(p -> ANSWER + " You asked: " + p)) {
            int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
            List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
            command.addAll(List.of(System.getProperty("polity.bench.gatewayJvm", "").split(" ")).stream().filter(a -> !a.isBlank()).toList());
            command.addAll(List.of("-jar", jar, "serve", "--port", String.valueOf(port), "--upstream", upstream.baseUrl(), "--store", store, "--config", config));
            Process gw = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("serve-" + label + ".log").toFile()).start();
            Target gateway = new Target(new URL("http://127.0.0.1:" + port + "/v1/chat/completions"), key);
            Target direct = new Target(new URL(upstream.baseUrl() + "/chat/completions"), key);
            waitFor("http://127.0.0.1:" + port + "/health", gw);
            // warm-up: both paths, at a rate then sequential, until the JIT has compiled what the measured phases run
            // (after 3000 requests it was still compiling and deoptimising about 60 methods a second, in bursts that
            // stall requests by 2 to 5 ms; after 10000 the first repetition of a phase still had the worst tail)
            int warmup = Integer.getInteger("polity.bench.warmup", 20_000);
            openLoop(direct, gateway, 500, Math.max(1, warmup / 1000));
            sequential(direct, gateway, warmup);
            ANSWERED.set(0);
            long warmRecords = recordsSoFar(store);
            System.out.printf(Locale.ROOT, "| configuration | load | requests per path | direct p50 | direct p99 | gateway p50 | gateway p99 | added p50 | added p99"
                    + " | gateway's own p50 / p99 / max | audit p99 / max | errors |%n");
            System.out.printf(Locale.ROOT, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n");
            long cpuGw0 = cpu(gw.pid());
            long cpuSelf0 = selfCpu();
            long wall0 = System.nanoTime();
            List<String> notes = new ArrayList<>();
            List<String> diagnoses = new ArrayList<>();
            for (int i = 5; i < args.length; i++) {
                String phase = args[i];
                if (phase.startsWith("saturate:")) {
                    int seconds = Integer.parseInt(phase.substring(9));
                    long g0 = cpu(gw.pid());
                    long s0 = selfCpu();
                    long t0 = System.nanoTime();
                    int[] ok = saturate(gateway, 32, seconds);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "| %s | saturation, 32 concurrent clients, %d s | %d | | | | | | | | | %d |%n", label, seconds, ok[0] + ok[1], ok[1]);
                    notes.add(String.format(Locale.ROOT, "saturation: %.0f requests/s; gateway process %.0f%% of one core, load generator and fake upstream %.0f%%",
                            ok[0] / wall, 100.0 * (cpu(gw.pid()) - g0) / 1e9 / wall, 100.0 * (selfCpu() - s0) / 1e9 / wall));
                    continue;
                }
                for (int r = 0; r < repeats; r++) {
                    boolean seq = phase.equals("seq");
                    int rate = seq ? 0 : Integer.parseInt(phase.split(":")[0]);
                    int seconds = seq ? 0 : Integer.parseInt(phase.split(":")[1]);
                    Result[] dg = seq ? sequential(direct, gateway, sequential) : openLoop(direct, gateway, rate, seconds);
                    Result d = dg[0];
                    Result g = dg[1];
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f / %.2f / %.2f | %.2f / %.2f | %d |%n", label,
                            seq ? "sequential, alternating" : rate + " req/s, alternating seconds, " + seconds + " s each", d.millis.length, d.p(0.5),
                            d.p(0.99), g.p(0.5), g.p(0.99), g.p(0.5) - d.p(0.5), g.p(0.99) - d.p(0.99), g.own(0.5), g.own(0.99), g.own(1), g.audit(0.99),
                            g.audit(1), d.errors + g.errors);
                    diagnoses.add(String.format(Locale.ROOT, "%s, %s: through the gateway, p50 / p99 / max: its own handling %.2f / %.2f / %.2f;"
                                    + " its upstream call %.2f / %.2f / %.2f; outside its handler (client, wire, Jetty, queueing) %.2f / %.2f / %.2f", label, phase,
                            g.own(0.5), g.own(0.99), g.own(1), q(g.upstream, 0.5), q(g.upstream, 0.99), q(g.upstream, 1), q(g.outside, 0.5),
                            q(g.outside, 0.99), q(g.outside, 1)));
                }
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.println();
            diagnoses.forEach(System.out::println);
            notes.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "CPU over the measured phases (%.0f s): gateway %.0f%% of one core; load generator and fake upstream %.0f%%%n", wall,
                    100.0 * (cpu(gw.pid()) - cpuGw0) / 1e9 / wall, 100.0 * (selfCpu() - cpuSelf0) / 1e9 / wall);
            gw.destroy();
            gw.waitFor(30, TimeUnit.SECONDS);
            try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
                GatewayStore.Verification v = s.verify();
                long measured = v.records() - warmRecords;
                System.out.printf(Locale.ROOT, "audit log: %d records for %d answered requests after the warm-up: %s; %s%n", measured, ANSWERED.get(),
                        measured == ANSWERED.get() ? "complete" : "INCOMPLETE", v.intact() ? "chain intact" : "BROKEN: " + v.problem());
            }
            System.exit(0);
        }
    }

    static final AtomicLong ANSWERED = new AtomicLong();
    /**
     * Numbers the questions across the whole run: no text is asked twice, so no detector's cache answers a
     * repetition (with the phase's own slot numbers, the norm judge's recent-embeddings cache halved the second run).
     */
    static final AtomicLong QUESTION = new AtomicLong();

    /** Where requests go: a URL and the API key sent with them. */
    record Target(URL url, String key) {
    }

    /** What one request took: from when it was due to its last byte, and the gateway's own Server-Timing header ("" directly). */
    record Sample(double millis, String timing) {
    }

    /** One path's latencies in a phase (milliseconds), and the gateway's own view of each request. */
    record Result(double[] millis, double[] own, double[] audit, double[] upstream, double[] outside, int errors) {
        static Result of(List<Sample> samples, AtomicInteger errors) {
            int n = samples.size();
            double[] ms = new double[n];
            double[] own = new double[n];
            double[] audit = new double[n];
            double[] upstream = new double[n];
            double[] outside = new double[n];
            for (int i = 0; i < n; i++) {
                Sample s = samples.get(i);
                ms[i] = s.millis();
                TreeMap<String, Double> t = timing(s.timing());
                own[i] = t.getOrDefault("total", Double.NaN) - t.getOrDefault("upstream", Double.NaN);
                audit[i] = t.getOrDefault("audit", Double.NaN);
                upstream[i] = t.getOrDefault("upstream", Double.NaN);
                outside[i] = ms[i] - t.getOrDefault("total", Double.NaN);
            }
            return new Result(ms, own, audit, upstream, outside, errors.get());
        }

        double p(double q) {
            return Quantile.of(millis, q);
        }

        double own(double q) {
            return Quantile.of(own, q);
        }

        double audit(double q) {
            return Quantile.of(audit, q);
        }
    }

    static double q(double[] values, double p) {
        return Quantile.of(values, p);
    }

    /** {@code judge;dur=0.213, upstream;dur=0.512, ...} as name to milliseconds. */
    static TreeMap<String, Double> timing(String header) {
        TreeMap<String, Double> out = new TreeMap<>();
        for (String part : header.split(",")) {
            String[] f = part.trim().split(";dur=");
            if (f.length == 2) {
                out.put(f[0], Double.parseDouble(f[1]));
            }
        }
        return out;
    }

    /** {@code n} requests on each path, one after the other, alternating in ABBA order (direct, gateway, gateway, direct, ...). */
    static Result[] sequential(Target direct, Target gateway, int n) {
        List<Sample> d = new ArrayList<>(n);
        List<Sample> g = new ArrayList<>(n);
        AtomicInteger de = new AtomicInteger();
        AtomicInteger ge = new AtomicInteger();
        for (int i = 0; i < 2 * n; i++) {
            boolean toGateway = (i % 4 == 1) || (i % 4 == 2);
            long t0 = System.nanoTime();
            Sample s = send(toGateway ? gateway : direct, t0, toGateway ? ge : de);
            (toGateway ? g : d).add(s);
        }
        return new Result[] {Result.of(d, de), Result.of(g, ge)};
    }

    /**
     * Open loop at {@code rate} requests per second on each path, alternating whole seconds in ABBA order, for
     * {@code seconds} seconds per path. Slot k is due at start + k / rate and belongs to thread k mod THREADS,
     * which sends it on its own thread and times it from when it was due.
     */
    static Result[] openLoop(Target direct, Target gateway, int rate, int seconds) throws InterruptedException {
        int slots = 2 * rate * seconds;
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        Sample[] samples = new Sample[slots];
        boolean[] toGateway = new boolean[slots];
        AtomicInteger de = new AtomicInteger();
        AtomicInteger ge = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                for (int k = first; k < slots; k += THREADS) {
                    long due = start + k * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    int second = k / rate;
                    toGateway[k] = (second % 4 == 1) || (second % 4 == 2);
                    samples[k] = send(toGateway[k] ? gateway : direct, due, toGateway[k] ? ge : de);
                }
            }, "load-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds * 2L + 120));
        }
        List<Sample> d = new ArrayList<>();
        List<Sample> g = new ArrayList<>();
        for (int k = 0; k < slots; k++) {
            (toGateway[k] ? g : d).add(samples[k]);
        }
        return new Result[] {Result.of(d, de), Result.of(g, ge)};
    }

    static int[] saturate(Target gateway, int clients, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int before = bad.get();
                    send(gateway, System.nanoTime(), bad);
                    if (bad.get() == before) {
                        ok.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds + 60L));
        }
        return new int[] {ok.get(), bad.get()};
    }

    /**
     * Sends a new question on this thread and reads the whole answer (so that the connection is kept alive);
     * the sample is timed from {@code due}. A status other than 200 counts as an error.
     */
    static Sample send(Target target, long due, AtomicInteger errors) {
        byte[] body = String.format(Locale.ROOT, BODY, QUESTION.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        String timing = "";
        int status;
        try {
            HttpURLConnection c = (HttpURLConnection) target.url().openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(30_000);
            c.setRequestMethod("POST");
            c.setUseCaches(false);
            c.setDoOutput(true);
            c.setRequestProperty("Authorization", "Bearer " + target.key());
            c.setRequestProperty("Content-Type", "application/json");
            // buffered, not streamed: headers and body leave in one write (no Nagle wait for a delayed ACK)
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            status = c.getResponseCode();
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            String header = c.getHeaderField("Server-Timing");
            timing = header == null ? "" : header;
        } catch (IOException e) {
            status = -1;
        }
        double millis = (System.nanoTime() - due) / 1e6;
        if (status != 200) {
            errors.incrementAndGet();
        } else if (!timing.isEmpty()) {
            ANSWERED.incrementAndGet();
        }
        return new Sample(millis, timing);
    }

    /** Records in the audit log now (the gateway's start record and the warm-up's), read while the gateway runs. */
    static long recordsSoFar(String store) {
        try (GatewayStore s = GatewayStore.openExisting(store, Clock.systemUTC())) {
            return s.auditSize();
        }
    }

    static void waitFor(String health, Process gw) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!gw.isAlive()) {
                throw new IllegalStateException("the gateway exited; see its log");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(health).toURL().openConnection();
                if (c.getResponseCode() == 200) {
                    c.getInputStream().readAllBytes();
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not start within 60 s");
    }

    /** CPU time of a process in nanoseconds, from /proc (utime + stime, in clock ticks of 10 ms). */
    static long cpu(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long selfCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
