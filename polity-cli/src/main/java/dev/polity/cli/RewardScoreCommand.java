package dev.polity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.input.InvalidInputException;
import dev.polity.input.JsonLines;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.reward.Reward;
import dev.polity.reward.RewardModel;
import dev.polity.reward.SocietalReward;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity reward score}: each answer's societal reward with its decomposition, one JSON line per input line. */
@Command(name = "score", description = "Score answers: one JSON line per input line {\"prompt\", \"answer\"}, with the reward and its decomposition"
        + " (per group, per tier, per norm, the uncertain norms).")
public final class RewardScoreCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    RewardModelOption model;

    @Mixin
    RewardOptions reward;

    @Option(names = "--input", required = true, paramLabel = "FILE.jsonl", description = "One JSON object per line: prompt (text, may be empty) and answer (text).")
    Path input;

    @Override
    public Integer call() throws Exception {
        RewardModel m = model.read();
        Main.of(spec).doing("reading " + input);
        List<SocietalReward.Exchange> items = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(input)) {
            for (java.util.Iterator<String> f = line.object().fieldNames(); f.hasNext(); ) {
                String name = f.next();
                if (!Set.of("prompt", "answer").contains(name)) {
                    throw new InvalidInputException(line.file(), line.number(), "unknown field '" + name + "'; expected prompt and answer");
                }
            }
            String prompt = line.text("prompt");
            items.add(new SocietalReward.Exchange(prompt == null ? "" : prompt, answer(line)));
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(input.toString(), 0, "no answers (expected one JSON object per line with prompt and answer)");
        }
        CachedEmbedder embedder = CachedEmbedder.miniLm();
        SocietalReward scorer = reward.reward(m, embedder);
        SocietalReward.Norms norms = reward.norms(embedder);
        List<Reward> rewards;
        try (EmbeddingProgress progress = new EmbeddingProgress(Main.of(spec).progress(), "embedding", 2 * items.size())) {
            rewards = scorer.score(items, norms, progress.step());
        }
        PrintWriter o = spec.commandLine().getOut();
        for (Reward r : rewards) {
            o.println(JSON.writeValueAsString(r.asMap()));
        }
        return ExitCode.DONE.code;
    }

    private static String answer(JsonLines.Line line) {
        String a = line.text("answer");
        if (a == null) {
            throw new InvalidInputException(line.file(), line.number(), "missing 'answer'; expected the text to score");
        }
        if (a.isBlank()) {
            throw new InvalidInputException(line.file(), line.number(), "empty 'answer'; expected the text to score");
        }
        return a;
    }
}
