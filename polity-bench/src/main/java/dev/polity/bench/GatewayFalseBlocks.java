package dev.polity.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.guard.Action;
import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.guard.GuardConfig;
import dev.polity.guard.Guards;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.norms.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The false-block measurement (docs/PERFORMANCE.md; run by bench/gateway-false-blocks.sh): harmless traffic,
 * one JSON line per (context, prompt, answer), decided exactly as the gateway decides it, and per context the
 * share blocked or held for review, with the norms that decided each held answer.
 *
 * <p>Arguments: {@code CONSTITUTION CONFIG|- TRAFFIC.jsonl DATE}.
 */
public final class GatewayFalseBlocks {
    private GatewayFalseBlocks() {
    }

    public static void main(String[] args) throws Exception {
        GuardConfig config = args[1].equals("-") ? GuardConfig.DEFAULT : GuardConfig.load(Path.of(args[1]));
        LocalDate date = LocalDate.parse(args[3]);
        Guard guard = Guards.build(Path.of(args[0]), config, CachedEmbedder::miniLm, System::getenv, date).standard();
        ObjectMapper json = new ObjectMapper();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Map<Action, Integer>> actions = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> causes = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> bySource = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        List<String> lines = Files.readAllLines(Path.of(args[2]));
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            String where = n.get("jurisdiction").asText() + " " + n.get("domain").asText();
            Context ctx = guard.context(n.get("jurisdiction").asText(), n.get("domain").asText(), null, date);
            Decision d = guard.check(ctx, n.get("prompt").asText(), n.get("answer").asText(), 1);
            int[] c = counts.computeIfAbsent(where, k -> new int[2]);
            c[0]++;
            actions.computeIfAbsent(where, k -> new TreeMap<>()).merge(d.action(), 1, Integer::sum);
            if (d.holds()) {
                c[1]++;
                bySource.computeIfAbsent(where, k -> new TreeMap<>()).merge(n.get("source").asText(), 1, Integer::sum);
                for (String id : d.decidingNorms()) {
                    String why = d.norms().stream().filter(x -> x.norm().id().equals(id) && x.action() == d.action())
                            .map(x -> x.verdict().wireName() + (x.failMode() == null ? "" : ", fails " + x.failMode().wireName()) + ", " + x.decidedBy())
                            .findFirst().orElse("");
                    causes.computeIfAbsent(where, k -> new TreeMap<>()).merge(id + " (" + why + ")", 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d items judged in %.0f s%n%n", lines.size(), (System.nanoTime() - t0) / 1e9);
        System.out.println("| context | items | blocked or held for review | share | actions |");
        System.out.println("|---|---:|---:|---:|---|");
        counts.forEach((where, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %s |%n", where, c[0], c[1], (double) c[1] / c[0],
                actions.get(where).entrySet().stream().map(e -> e.getKey().wireName() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
        System.out.println();
        causes.forEach((where, m) -> {
            System.out.println(where + ": the norms that decided the held answers (" + bySource.get(where) + ")");
            m.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %4d  %s%n", e.getValue(), e.getKey()));
        });
    }
}
