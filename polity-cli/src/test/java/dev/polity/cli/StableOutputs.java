package dev.polity.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every command that writes JSON, YAML, CSV, HTML, Markdown or JUnit XML, in this JVM, with its outputs,
 * stdout and stderr under the working directory ({@link ByteStableOutputTest} runs it in two JVMs and compares
 * the bytes). Arguments: the repository and a Polis export. Outputs are named relative to the working
 * directory so that what commands print about them is the same in both JVMs. Exits 2 when a command's exit
 * code is not the one expected ({@link ExitCode}).
 */
final class StableOutputs {
    private static final Pattern RUN_ID = Pattern.compile("Run (\\d{8}-\\d{6}-[0-9a-f]{6})");
    static final List<String> SUITES = List.of("context-variation", "counterfactual", "jailbreak", "over-refusal", "sycophancy");
    /** The example suites show failures on purpose: all but context-variation fail their gates (exit 3). */
    static final java.util.Set<String> GATE_PASSES = java.util.Set.of("context-variation");

    private final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path polis = Path.of(args[1]);
        StableOutputs s = new StableOutputs();
        s.all(repo, polis);
        s.problems.forEach(System.err::println);
        System.exit(s.problems.isEmpty() ? 0 : 2);
    }

    void all(Path repo, Path polis) throws Exception {
        String starter = repo.resolve("constitutions/starter.yaml").toString();
        String styles = repo.resolve("examples/choice/answer-styles.csv").toString();
        Files.writeString(Path.of("ballots.csv"), "ranking,region,age,country,bracket\n\"a > b\",N,30,DE,x\nb>a,S,40,FR,y\n");
        Files.writeString(Path.of("mapping.yaml"), "\"*\":\n  kind: should\n  topic: conduct.respect\n");
        Files.writeString(Path.of("train.csv"), "id,answer,label\n1,\"I'm sorry, but I can't help with that.\",2_full_refusal\n"
                + "2,\"Sure, boil the pasta for ten minutes.\",1_full_compliance\n3,I cannot assist with this request.,2_full_refusal\n"
                + "4,\"Here is how: mix flour and water, then knead.\",1_full_compliance\n");
        Files.createDirectories(Path.of("no-data"));
        // no effective dates: the compared contexts carry today's date, which the pinned clock fixes
        String v1 = "domains: [healthcare, education]\nnorms:\n  - id: eu.disclose\n    statement: Disclose AI.\n    kind: must\n"
                + "    tier: law\n    topic: disclosure\n    scope: {jurisdictions: [EU]}\n  - id: op.persona\n    statement: Keep the persona.\n"
                + "    kind: should_not\n    tier: operator\n    topic: disclosure\n";
        Files.writeString(Path.of("v1.yaml"), v1);
        Files.writeString(Path.of("v2.yaml"), v1.replace("[EU]", "[EU, US-CA]").replace("Keep the persona.", "Keep the brand persona."));

        step("norms-resolve-json", 0, "norms", "resolve", starter, "--jurisdiction", "DE-BY", "--domain", "healthcare", "--audience", "minor",
                "--format", "json");
        step("norms-resolve-yaml", 0, "norms", "resolve", starter, "--jurisdiction", "US-CA", "--format", "yaml");
        step("norms-resolve-unknown-place", ExitCode.INPUT.code, "norms", "resolve", starter, "--jurisdiction", "Atlantis");
        step("norms-resolve-unknown-domain", 1, "norms", "resolve", starter, "--jurisdiction", "DE", "--domain", "nowhere");
        step("norms-lint", 0, "norms", "lint", starter);
        step("norms-diff-json", 0, "norms", "diff", "v1.yaml", "v2.yaml", "--format", "json");
        step("aggregate-groups-json", 0, "aggregate", styles, "--groups", "country,age_group", "--json", "--out", "aggregate");
        step("aggregate-model-text", 0, "aggregate", styles, "--groups", "country", "--bootstrap", "50");
        step("aggregate-unknown-attribute", 1, "aggregate", "ballots.csv", "--groups", "nope");
        step("deliberate", 0, "deliberate", polis.toString(), "--json", "--out", "deliberate.html");
        step("deliberate-promote", 0, "deliberate", "promote", polis.toString(), "--mapping", "mapping.yaml", "--out", "promoted.yaml",
                "--any-bridging", "--min-consensus", "0.3");
        for (String suite : SUITES) {
            String out = step("eval-run-" + suite, GATE_PASSES.contains(suite) ? 0 : ExitCode.CHECK_FAILED.code, "eval", "run", repo.resolve("suites/" + suite + ".yaml").toString(), "--store", "polity.db",
                    "--out", "eval/" + suite, "--bootstrap", "200");
            Matcher id = RUN_ID.matcher(out);
            if (id.find()) {
                step("eval-report-" + suite, 0, "eval", "report", id.group(1), "--store", "polity.db", "--out", "report/" + suite);
            } else {
                problems.add("eval-run-" + suite + ": no run id in its output");
            }
        }
        step("eval-list", 0, "eval", "list", "--store", "polity.db");
        step("judge-train", 0, "judge", "train", "--detector", "refusal", "--input", "train.csv", "--text-column", "answer",
                "--label-column", "label", "--folds", "0", "--out", "refusal-model.json");
        step("judge-run", 0, "judge", "run", "--detector", "refusal", "--input", repo.resolve("suites/over-refusal.answers.csv").toString(),
                "--text-column", "answer", "--prompt-column", "prompt", "--out", "judged.csv");
        step("quickstart", 0, "quickstart", "--out", "quickstart", "--data", "no-data");
    }

    /** Runs one command with UTF-8 stdout and stderr as {@link Main#main} has them; keeps both in NAME.out and NAME.err. */
    private String step(String name, int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintWriter o = Main.utf8(out); PrintWriter e = Main.utf8(err)) {
            exit = Main.run(args, o, e);
        }
        Files.write(Path.of(name + ".out"), out.toByteArray());
        Files.write(Path.of(name + ".err"), err.toByteArray());
        if (exit != expectedExit) {
            problems.add(name + ": exit " + exit + ", expected " + expectedExit + ": " + err.toString(StandardCharsets.UTF_8).strip());
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
