package dev.polity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.guard.CheckRequest;
import dev.polity.guard.Decision;
import dev.polity.guard.Guard;
import dev.polity.guard.GuardConfig;
import dev.polity.guard.Guards;
import dev.polity.guard.NormDecision;
import dev.polity.input.InvalidInputException;
import dev.polity.input.TextFile;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.norms.Context;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code polity check}: judges a prompt and/or an answer in a context with the decisions the gateway would
 * take (issue 11's interface): one JSON object, or with {@code --input} one JSON line per input line.
 */
@Command(name = "check", description = "Judge a prompt and/or an answer in a context, as the gateway would: the action and every applicable norm's verdict."
        + " Exit 0 whenever it judged (the action is in the output).")
public final class CheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--jurisdiction", description = "ISO 3166 code or grouping, e.g. DE or US-CA (required unless --input).")
    String jurisdiction;

    @picocli.CommandLine.Mixin
    ContextOptions where;

    @Option(names = "--constitution", paramLabel = "FILE", description = "The constitution's entry file (default: constitutions/starter.yaml).")
    Path constitution;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's enforcement configuration (docs/GATEWAY.md; default: the documented defaults).")
    Path config;

    @Option(names = "--judge-model", paramLabel = "MODEL",
            description = "The in-process norm judge's model, from polity judge train --detector norm (default: the configuration's judge.norm_model, else the shipped one).")
    Path judgeModel;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "The prompt (the conversation sent to the model).")
    String prompt;

    @Option(names = "--answer", paramLabel = "TEXT", description = "The model's answer.")
    String answer;

    @Option(names = "--input", paramLabel = "FILE.jsonl", description = "Judge many: one JSON object per line with jurisdiction, optional domain, audience, date, prompt, answer.")
    Path input;

    @Option(names = "--json", description = "Print JSON (one object; with --input one line per input line).")
    boolean json;

    @Override
    public Integer call() {
        if (input == null) {
            if (jurisdiction == null) {
                throw new InvalidInputException(null, "--jurisdiction: needed (or give --input FILE.jsonl)");
            }
            if (prompt == null && answer == null) {
                throw new InvalidInputException(null, "--prompt, --answer: give at least one");
            }
        }
        GuardConfig cfg = config == null ? GuardConfig.DEFAULT : GuardConfig.load(config);
        if (judgeModel != null) {
            cfg = cfg.withNormModel(judgeModel);
        }
        Path file = constitution != null ? constitution : Home.path("constitutions/starter.yaml");
        LocalDate today = CommandClock.date("--date", null);
        Guard guard = Guards.build(file, cfg, CachedEmbedder::miniLm, System::getenv, today).standard();
        PrintWriter out = spec.commandLine().getOut();
        if (input == null) {
            Context ctx = where.context(guard, jurisdiction);
            Decision d = guard.check(ctx, prompt, answer, 1);
            if (json) {
                out.println(write(d.asMap()));
            } else {
                out.print(text(d));
            }
            return ExitCode.DONE.code;
        }
        String[] lines = TextFile.read(input, input.toString()).split("\r?\n", -1);
        int last = lines.length;
        while (last > 0 && lines[last - 1].isBlank()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            out.println(write(judgeLine(guard, lines[i], i + 1, today)));
        }
        return ExitCode.DONE.code;
    }

    /** One input line judged, or {@code {"error": "line N: ..."}}. */
    static Map<String, Object> judgeLine(Guard guard, String line, int number, LocalDate today) {
        try {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new InvalidInputException(null, "not a JSON object");
            }
            CheckRequest r = CheckRequest.parse(n);
            Context ctx = guard.context(r.jurisdiction(), r.domain(), r.audience(), r.date() == null ? today : r.date());
            return guard.check(ctx, r.prompt(), r.answer(), 1).asMap();
        } catch (InvalidInputException e) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("error", "line " + number + ": " + e.oneLine());
            return err;
        }
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short table for people: the action, then one line per norm that did not simply comply. */
    static String text(Decision d) {
        StringBuilder b = new StringBuilder();
        b.append("action: ").append(d.action().wireName());
        if (!d.decidingNorms().isEmpty()) {
            b.append(" (").append(String.join(", ", d.decidingNorms())).append(')');
        }
        b.append('\n').append("constitution: ").append(d.constitution()).append('\n');
        for (NormDecision n : d.norms()) {
            b.append(String.format(Locale.ROOT, "  %-15s %-6s %-8s %s%s  [%s] %s%n", n.verdict().wireName(), n.appliesTo().wireName(),
                    n.action().wireName(), n.norm().id(), n.failMode() == null ? "" : " (fails " + n.failMode().wireName() + ")",
                    n.decidedBy(), n.evidence()));
        }
        return b.toString();
    }
}
