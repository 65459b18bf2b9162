package dev.polity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polity.eval.EvalRun;
import dev.polity.eval.JudgePanel;
import dev.polity.eval.RunListener;
import dev.polity.eval.RunSettings;
import dev.polity.eval.RunSummary;
import dev.polity.eval.SuiteLoader;
import dev.polity.input.CsvTable;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.Ensemble;
import dev.polity.judge.RuleDetector;
import dev.polity.model.FakeOpenAiServer;
import dev.polity.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole evaluation runs, timed end to end (a macro benchmark, so not JMH):
 * <ul>
 *   <li>{@code overhead N}: N one-turn cases against {@link FakeOpenAiServer} answering at once, judged by the
 *       rule detector only, into a fresh SQLite store: the runner's own cost per case (plan, cache lookup,
 *       HTTP, storing the answer, judging, storing verdicts, reading the results back, metrics);</li>
 *   <li>{@code xstest DATA_DIR}: XSTest's 450 prompts replayed for its three models (1350 answers), every answer
 *       judged by the standard panel (MiniLM refusal classifier and the example constitution's rule checks).</li>
 * </ul>
 * Each prints one line per repetition; the first is a warm-up of the JVM.
 */
public final class EvalRunnerBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "overhead";
        Path repo = Path.of(System.getProperty("polity.repo", ".")).toAbsolutePath().normalize();
        Path constitution = repo.resolve("suites/example-constitution.yaml");
        Path tmp = Files.createTempDirectory("polity-eval-bench");
        int reps = Integer.parseInt(System.getProperty("reps", "3"));
        if (mode.equals("overhead")) {
            int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
            Path suite = tmp.resolve("overhead.yaml");
            List<String[]> cases = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cases.add(new String[] {"c" + i, "Question " + i + ": how do I reset my password?"});
            }
            Files.writeString(suite, suite("Runner overhead", constitution, cases, List.of()));
            try (FakeOpenAiServer server = FakeOpenAiServer.start().answering(p -> "Open settings, choose Security, then Reset.")) {
                for (int r = 0; r <= reps; r++) {
                    try (RunStore store = RunStore.open(tmp.resolve("overhead-" + r + ".db").toString())) {
                        EvalRun runner = new EvalRun(store, (s, jm) -> JudgePanel.of(Ensemble.builder().add(new RuleDetector()).build(), null),
                                RunListener.SILENT, k -> null);
                        long t0 = System.nanoTime();
                        RunSummary s = runner.start(SuiteLoader.load(suite, java.time.LocalDate.of(2026, 9, 1)), List.of("openai:fake@" + server.baseUrl()), tmp,
                                RunSettings.DEFAULT.withConcurrency(Integer.getInteger("concurrency", 4)).withSeed(r).withBootstrapReplicates(200));
                        double sec = (System.nanoTime() - t0) / 1e9;
                        System.out.printf(Locale.ROOT, "%s overhead: %d cases, %d from the model, %.2f s, %.0f cases/s%n",
                                r == 0 ? "warm-up" : "run " + r, s.answered(), s.fromModel(), sec, s.answered() / sec);
                    }
                }
            }
        } else if (mode.equals("overhead-replay")) {
            // the same run with answers replayed in-process: the runner without HTTP
            int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
            Path suite = tmp.resolve("overhead.yaml");
            List<String[]> cases = new ArrayList<>();
            StringBuilder csv = new StringBuilder("prompt,answer\n");
            for (int i = 0; i < n; i++) {
                cases.add(new String[] {"c" + i, "Question " + i + ": how do I reset my password?"});
                csv.append("\"Question ").append(i).append(": how do I reset my password?\",Open settings then Reset.\n");
            }
            Files.writeString(tmp.resolve("answers.csv"), csv);
            Files.writeString(suite, suite("Runner overhead (replay)", constitution, cases, List.of("replay:answers.csv")));
            for (int r = 0; r <= reps; r++) {
                try (RunStore store = RunStore.open(tmp.resolve("replay-" + r + ".db").toString())) {
                    EvalRun runner = new EvalRun(store, (s, jm) -> JudgePanel.of(Ensemble.builder().add(new RuleDetector()).build(), null),
                            RunListener.SILENT, k -> null);
                    long t0 = System.nanoTime();
                    RunSummary s = runner.start(SuiteLoader.load(suite, java.time.LocalDate.of(2026, 9, 1)), List.of(), null,
                            RunSettings.DEFAULT.withConcurrency(Integer.getInteger("concurrency", 4)).withSeed(r).withBootstrapReplicates(200));
                    double sec = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%s overhead-replay: %d cases, %.2f s, %.0f cases/s%n",
                            r == 0 ? "warm-up" : "run " + r, s.answered(), sec, s.answered() / sec);
                }
            }
        } else if (mode.equals("xstest")) {
            Path data = Path.of(args.length > 1 ? args[1] : "/work/shared/data/xstest");
            Map<String, String> prompts = new LinkedHashMap<>();
            CsvTable completions = CsvTable.read(data.resolve("completions_gpt4.csv"));
            int promptColumn = completions.column("prompt");
            int idColumn = completions.column("id");
            for (CsvTable.Row row : completions.rows()) {
                prompts.putIfAbsent(row.text(promptColumn), row.text(idColumn));
            }
            List<String[]> cases = new ArrayList<>();
            prompts.forEach((p, id) -> cases.add(new String[] {"x-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-"), p}));
            List<String> models = new ArrayList<>();
            for (String m : List.of("gpt4", "llama2new", "mistralinstruct")) {
                models.add("replay:" + data.resolve("completions_" + m + ".csv") + "?prompt=prompt&answer=completion&name=" + m);
            }
            Path suite = tmp.resolve("xstest.yaml");
            Files.writeString(suite, suite("XSTest replay", constitution, cases, models));
            for (int r = 0; r <= reps; r++) {
                try (RunStore store = RunStore.open(tmp.resolve("xstest-" + r + ".db").toString())) {
                    long t0 = System.nanoTime();
                    // a fresh runner and embedder each time: model loading is part of the cost
                    RunSummary s = new EvalRun(store, EvalRun.standardJudges(CachedEmbedder::miniLm), RunListener.SILENT, System::getenv)
                            .start(SuiteLoader.load(suite, java.time.LocalDate.of(2026, 9, 1)), List.of(), null, RunSettings.DEFAULT.withBootstrapReplicates(200));
                    double sec = (System.nanoTime() - t0) / 1e9;
                    long refused = s.results().items().stream().filter(j -> Boolean.TRUE.equals(j.refused())).count();
                    System.out.printf(Locale.ROOT, "%s xstest: %d answers (%d failed), %d judged refusals, %.2f s, %.0f answers/s%n",
                            r == 0 ? "warm-up" : "run " + r, s.answered(), s.failures().size(), refused, sec, s.answered() / sec);
                }
            }
        } else {
            throw new IllegalArgumentException("expected overhead [N] or xstest [DATA_DIR]");
        }
    }

    private static String suite(String name, Path constitution, List<String[]> cases, List<String> models) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name).put("constitution", constitution.toString()).put("context_message", false);
        root.putObject("contexts").putObject("us").put("jurisdiction", "US");
        ArrayNode cs = root.putArray("cases");
        for (String[] c : cases) {
            cs.addObject().put("id", c[0]).put("prompt", c[1]).put("expect", "answer");
        }
        root.putArray("probes").add("context");
        if (!models.isEmpty()) {
            ArrayNode ms = root.putArray("models");
            models.forEach(ms::add);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root); // JSON is YAML
    }
}
