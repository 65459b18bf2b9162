package dev.polity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.reward.Dialogue;
import dev.polity.reward.PairwiseAccuracy;
import dev.polity.reward.PreferencePair;
import dev.polity.reward.Preferences;
import dev.polity.reward.Reward;
import dev.polity.reward.RewardModel;
import dev.polity.reward.RewardTrainer;
import dev.polity.reward.SocietalReward;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code polity reward eval}: pairwise accuracy of the societal reward on comparisons it did not train on (the
 * held-out pairs when given the training file), with a bootstrap interval, against the shorter answer and chance.
 */
@Command(name = "eval", description = "Pairwise accuracy of a reward model (chosen scored above rejected; a tie counts half) with a 95% bootstrap interval,"
        + " against the shorter-answer baseline and chance. On the file it was trained on, only the held-out pairs count.")
public final class RewardEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    RewardModelOption model;

    @Mixin
    RewardOptions reward;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "The comparisons: .jsonl, .jsonl.gz or .csv.")
    Path pairs;

    @Option(names = "--no-norm-penalties", description = "Score by preference alone, even with a context.")
    boolean noNormPenalties;

    @Option(names = "--json", description = "Print {\"accuracy\", \"n\", \"ci95\": [lo, hi]} and the baselines as JSON.")
    boolean json;

    /** How many texts embedding the pairs takes: both answers and each distinct request. */
    static int texts(List<PreferencePair> pairs) {
        Set<String> requests = new HashSet<>();
        pairs.forEach(p -> requests.add(Dialogue.request(p.prompt())));
        return 2 * pairs.size() + requests.size();
    }

    @Override
    public Integer call() throws Exception {
        RewardModel m = model.read();
        Main.of(spec).doing("reading " + pairs);
        Preferences data = Preferences.read(pairs);
        List<PreferencePair> test = data.pairs();
        String which = "all " + test.size() + " pairs";
        RewardModel.Holdout h = m.holdout();
        if (h != null && data.sha256().equals(h.dataSha256())) {
            if (h.pairs() == 0) {
                throw new dev.polity.input.InvalidInputException(pairs.toString(), 0, "the model was trained on every pair of this file"
                        + " (retrain with --holdout FRACTION to keep some unseen)");
            }
            List<PreferencePair> held = new ArrayList<>();
            for (int i : RewardTrainer.split(test.size(), h.fraction(), h.seed()).test()) {
                held.add(test.get(i));
            }
            test = held;
            which = String.format(Locale.ROOT, "the %d pairs held out of training (%.0f%%, seed %d)", held.size(), 100 * h.fraction(), h.seed());
        }
        CachedEmbedder embedder = CachedEmbedder.miniLm();
        SocietalReward scorer = reward.reward(m, embedder);
        SocietalReward.Norms norms = noNormPenalties ? null : reward.norms(embedder);
        List<SocietalReward.Exchange> items = new ArrayList<>(2 * test.size());
        for (PreferencePair p : test) {
            items.add(new SocietalReward.Exchange(p.prompt(), p.chosen()));
        }
        for (PreferencePair p : test) {
            items.add(new SocietalReward.Exchange(p.prompt(), p.rejected()));
        }
        Main.of(spec).doing("scoring " + which);
        List<Reward> r;
        try (EmbeddingProgress progress = new EmbeddingProgress(Main.of(spec).progress(), "embedding", texts(test))) {
            r = scorer.score(items, norms, progress.step());
        }
        int n = test.size();
        double[] chosen = new double[n];
        double[] rejected = new double[n];
        double[] shortChosen = new double[n];
        double[] shortRejected = new double[n];
        for (int i = 0; i < n; i++) {
            chosen[i] = r.get(i).reward();
            rejected[i] = r.get(n + i).reward();
            shortChosen[i] = -words(test.get(i).chosen());
            shortRejected[i] = -words(test.get(i).rejected());
        }
        PairwiseAccuracy acc = PairwiseAccuracy.of(chosen, rejected);
        PairwiseAccuracy shorter = PairwiseAccuracy.of(shortChosen, shortRejected);
        Map<String, Object> result = new LinkedHashMap<>(acc.asMap());
        result.put("pairs", which);
        result.put("norm_penalties", norms == null ? null : norms.context().jurisdiction() + "/" + (norms.context().domain() == null ? "*" : norms.context().domain())
                + "/" + (norms.context().audience() == null ? "*" : norms.context().audience()));
        Map<String, Object> baselines = new LinkedHashMap<>();
        baselines.put("shorter_answer", shorter.asMap());
        baselines.put("chance", 0.5);
        result.put("baselines", baselines);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(JSON.writeValueAsString(result));
        } else {
            o.printf(Locale.ROOT, "On %s of %s%s:%n", which, pairs.getFileName(), norms == null ? ", preference alone" : ", with the norm penalties of " + result.get("norm_penalties"));
            o.printf(Locale.ROOT, "  reward model    %.3f  [%.3f, %.3f]%n", acc.accuracy(), acc.lower(), acc.upper());
            o.printf(Locale.ROOT, "  shorter answer  %.3f  [%.3f, %.3f]%n", shorter.accuracy(), shorter.lower(), shorter.upper());
            o.printf(Locale.ROOT, "  chance          0.500%n");
        }
        return ExitCode.DONE.code;
    }

    static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
