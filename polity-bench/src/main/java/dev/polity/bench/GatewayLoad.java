package dev.polity.bench;

import dev.polity.model.FakeOpenAiServer;
import dev.polity.stats.Quantile;
import dev.polity.store.GatewayStore;
import dev.polity.store.TenantDefaults;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's bounded loopback load test (docs/PERFORMANCE.md; run by bench/gateway-load.sh). This JVM runs
 * the fake upstream (an instant OpenAI-compatible server) and the load generator; the gateway runs as
 * {@code polity serve} in its own process. Every phase is bounded in requests and time. The added latency is
 * each percentile through the gateway minus the same percentile calling the fake upstream directly, sent
 * the same way at the same rate. Open-loop phases time each request from when it was due, not from when it
 * was sent, so a stalled gateway is charged for the requests that queue behind it (Tene, "How NOT to
 * measure latency", 2015).
 *
 * <p>Arguments: {@code JAR STORE_DIR CONFIG LABEL SEQUENTIAL RATE:SECONDS... [saturate:SECONDS]}.
 */
public final class GatewayLoad {
    static final String ANSWER = "I am an AI assistant. Berlin is the capital of Germany and has about 3.7 million inhabitants.";
    static final String BODY = "{\"model\": \"fake-model\", \"messages\": [{\"role\": \"user\", \"content\": \"What is the capital of Germany? (%d)\"}]}";

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        Path dir = Path.of(args[1]);
        String config = args[2];
        String label = args[3];
        int sequential = Integer.parseInt(args[4]);
        Files.createDirectories(dir);
        String store = dir.resolve("load-" + label + ".db").toString();
        Files.deleteIfExists(Path.of(store));
        String key;
        try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
            key = s.createKey("bench", "client").key();
            s.setTenantDefaults(new TenantDefaults("bench", "DE", "general", null));
        }
        // every answer differs (it names the question), so no detector can answer from a cache
        try (FakeOpenAiServer upstream = FakeOpenAiServer.start().answering(p -> ANSWER + " You asked: " + p)) {
            int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
            List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
            command.addAll(List.of(System.getProperty("polity.bench.gatewayJvm", "").split(" ")).stream().filter(a -> !a.isBlank()).toList());
            command.addAll(List.of("-jar", jar, "serve", "--port", String.valueOf(port), "--upstream", upstream.baseUrl(), "--store", store, "--config", config));
            Process gw = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("serve-" + label + ".log").toFile()).start();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(64)).build();
            String gateway = "http://127.0.0.1:" + port + "/v1/chat/completions";
            String direct = upstream.baseUrl() + "/chat/completions";
            waitFor(http, "http://127.0.0.1:" + port + "/health", gw);
            // warm-up: both paths, so the JIT has compiled what the measured phases run
            int warmup = Integer.getInteger("polity.bench.warmup", 2000);
            run(http, gateway, key, warmup, 0, true);
            run(http, direct, key, warmup, 0, false);
            System.out.printf(Locale.ROOT, "| configuration | load | requests | direct p50 | direct p99 | gateway p50 | gateway p99 | added p50 | added p99 | errors |%n");
            System.out.printf(Locale.ROOT, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
            long cpuGw0 = cpu(gw.pid());
            long cpuSelf0 = selfCpu();
            long wall0 = System.nanoTime();
            for (int i = 5; i < args.length; i++) {
                String phase = args[i];
                if (phase.startsWith("saturate:")) {
                    int seconds = Integer.parseInt(phase.substring(9));
                    long g0 = cpu(gw.pid());
                    long s0 = selfCpu();
                    long t0 = System.nanoTime();
                    int[] ok = saturate(http, gateway, key, 32, seconds);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "| %s | saturation, 32 concurrent clients, %d s | %d | | | | | | | %d |%n", label, seconds, ok[0] + ok[1], ok[1]);
                    System.out.printf(Locale.ROOT, "%nsaturation: %.0f requests/s; gateway process %.0f%% of one core, load generator and fake upstream %.0f%%%n%n",
                            ok[0] / wall, 100.0 * (cpu(gw.pid()) - g0) / 1e9 / wall, 100.0 * (selfCpu() - s0) / 1e9 / wall);
                    continue;
                }
                int rate = phase.equals("seq") ? 0 : Integer.parseInt(phase.split(":")[0]);
                int n = phase.equals("seq") ? sequential : rate * Integer.parseInt(phase.split(":")[1]);
                Result d = run(http, direct, key, n, rate, false);
                Result g = run(http, gateway, key, n, rate, true);
                System.out.printf(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n", label,
                        rate == 0 ? "sequential" : rate + " req/s for " + phase.split(":")[1] + " s", n, d.p(0.5), d.p(0.99), g.p(0.5), g.p(0.99),
                        g.p(0.5) - d.p(0.5), g.p(0.99) - d.p(0.99), d.errors + g.errors);
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(Locale.ROOT, "%nCPU over the measured phases (%.0f s): gateway %.0f%% of one core; load generator and fake upstream %.0f%%%n", wall,
                    100.0 * (cpu(gw.pid()) - cpuGw0) / 1e9 / wall, 100.0 * (selfCpu() - cpuSelf0) / 1e9 / wall);
            System.out.println(inside(http, "http://127.0.0.1:" + port + "/metrics"));
            gw.destroy();
            gw.waitFor(30, TimeUnit.SECONDS);
            try (GatewayStore s = GatewayStore.open(store, Clock.systemUTC())) {
                GatewayStore.Verification v = s.verify();
                // one record per answered request, and the gateway's start record
                System.out.printf(Locale.ROOT, "audit log: %d records for %d answered requests and 1 start: %s; %s%n", v.records(), ANSWERED.get(),
                        v.records() == ANSWERED.get() + 1 ? "complete" : "INCOMPLETE", v.intact() ? "chain intact" : "BROKEN: " + v.problem());
            }
            System.exit(0);
        }
    }

    static final AtomicLong ANSWERED = new AtomicLong();

    record Result(double[] millis, int errors) {
        double p(double q) {
            return Quantile.of(millis, q);
        }
    }

    /** {@code n} requests; {@code rate} 0: one after the other, else open-loop at that rate. */
    static Result run(HttpClient http, String url, String key, int n, int rate, boolean viaGateway) throws Exception {
        double[] ms = new double[n];
        AtomicInteger errors = new AtomicInteger();
        if (rate == 0) {
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                int status = send(http, url, key, i);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                count(status, errors, viaGateway);
            }
            return new Result(ms, errors.get());
        }
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int k = i;
            pool.submit(() -> {
                int status = send(http, url, key, k);
                ms[k] = (System.nanoTime() - due) / 1e6;
                count(status, errors, viaGateway);
            });
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        return new Result(ms, errors.get());
    }

    private static void count(int status, AtomicInteger errors, boolean gateway) {
        if (status != 200) {
            errors.incrementAndGet();
        } else if (gateway) {
            ANSWERED.incrementAndGet();
        }
    }

    static int[] saturate(HttpClient http, String url, String key, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    if (send(http, url, key, i) == 200) {
                        ok.incrementAndGet();
                        ANSWERED.incrementAndGet();
                    } else {
                        bad.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return new int[] {ok.get(), bad.get()};
    }

    static int send(HttpClient http, String url, String key, int i) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, BODY, i))).build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The gateway's own view (its /metrics): mean time per chat request spent handling it, and judging in it. */
    static String inside(HttpClient http, String metrics) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(metrics)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return String.format(Locale.ROOT, "inside the gateway, mean per chat request over every phase (saturation included): handling %.3f ms,"
                        + " of which judging %.3f ms, the upstream call %.3f ms, the audit record %.3f ms",
                1000 * value(text, "polity_request_seconds_sum{route=\"chat\"}") / value(text, "polity_request_seconds_count{route=\"chat\"}"),
                mean(text, "judge"), mean(text, "upstream"), mean(text, "audit"));
    }

    private static double mean(String metrics, String stage) {
        return 1000 * value(metrics, "polity_stage_seconds_sum{stage=\"" + stage + "\"}") / value(metrics, "polity_stage_seconds_count{stage=\"" + stage + "\"}");
    }

    private static double value(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    static void waitFor(HttpClient http, String health, Process gw) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!gw.isAlive()) {
                throw new IllegalStateException("the gateway exited; see its log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(health)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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
