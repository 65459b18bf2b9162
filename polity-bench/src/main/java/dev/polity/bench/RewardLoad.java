package dev.polity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.reward.PreferencePair;
import dev.polity.reward.Preferences;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reward server's throughput over loopback (docs/PERFORMANCE.md; run by bench/reward.sh): {@code polity reward serve}
 * in its own process, and this JVM posting OpenRLHF-shaped batches ({@code query} = prompt + answer, {@code prompts},
 * {@code labels}) of HH-RLHF answers, each answer once (so nothing is answered from a cache), from a few concurrent
 * clients. Answers per second is the number scored over the wall time from the first request to the last response.
 *
 * <p>Arguments: {@code JAR MODEL PAIRS LABEL BATCH CLIENTS [JURISDICTION DOMAIN]}.
 */
public final class RewardLoad {
    static final ObjectMapper JSON = new ObjectMapper();

    private RewardLoad() {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        String model = args[1];
        Path pairs = Path.of(args[2]);
        String label = args[3];
        int batch = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", jar, "reward", "serve", "--model", model, "--port", "0"));
        if (args.length > 7) {
            cmd.addAll(List.of("--jurisdiction", args[6], "--domain", args[7]));
        }
        Process server = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            int port = port(server);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + port + "/get_reward");
            List<String[]> items = new ArrayList<>();
            for (PreferencePair p : Preferences.read(pairs).pairs()) {
                items.add(new String[] {p.prompt(), " " + p.chosen()});
                items.add(new String[] {p.prompt(), " " + p.rejected()});
            }
            List<String[]> warm = new ArrayList<>();
            for (int i = 0; i < 20 * batch; i++) {
                warm.add(new String[] {"\n\nHuman: warm-up question " + i + "?\n\nAssistant:", " A warm-up answer, number " + i + ", of a few words."});
            }
            run(http, uri, warm, batch, clients);
            double words = 0;
            for (String[] it : items) {
                words += it[1].strip().isEmpty() ? 0 : it[1].strip().split("\\s+").length;
            }
            long cpu0 = cpu(server);
            long t0 = System.nanoTime();
            int scored = run(http, uri, items, batch, clients);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu1 = cpu(server);
            System.out.printf(Locale.ROOT, "%s: %d answers (mean %.1f words) in batches of %d from %d clients: %.2f s, %.0f answers/s; server CPU %.1f s"
                    + " (%.0f%% of one core); load %s%n", label, scored, words / items.size(), batch, clients, seconds, scored / seconds,
                    (cpu1 - cpu0) / 1e9, 100 * (cpu1 - cpu0) / 1e9 / seconds, loadAverage());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Posts every item once, {@code batch} per request, {@code clients} requests at a time; returns how many rewards came back. */
    static int run(HttpClient http, URI uri, List<String[]> items, int batch, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> done = new ArrayList<>();
        for (int from = 0; from < items.size(); from += batch) {
            List<String[]> b = items.subList(from, Math.min(items.size(), from + batch));
            done.add(pool.submit(() -> post(http, uri, b)));
        }
        int n = 0;
        for (Future<Integer> f : done) {
            n += f.get();
        }
        pool.shutdown();
        return n;
    }

    static int post(HttpClient http, URI uri, List<String[]> b) throws Exception {
        List<String> query = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String[] it : b) {
            query.add(it[0] + it[1]);
            prompts.add(it[0]);
            labels.add("");
        }
        String body = JSON.writeValueAsString(Map.of("query", query, "prompts", prompts, "labels", labels));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").timeout(Duration.ofSeconds(180))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
        JsonNode n = JSON.readTree(r.body());
        return n.get("rewards").size();
    }

    /** Reads the server's "serving ... on http://127.0.0.1:PORT" line. */
    static int port(Process server) throws Exception {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            var m = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        in.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException e) {
                        // the server stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("the reward server stopped before serving");
    }

    /** The server process's CPU time, from /proc (Linux), in nanoseconds; 0 where unknown. */
    static long cpu(Process p) {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/" + p.pid() + "/stat")).split("\\) ", 2)[1].split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L;
        } catch (Exception e) {
            return 0;
        }
    }

    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
