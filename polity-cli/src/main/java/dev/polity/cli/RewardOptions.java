package dev.polity.cli;

import dev.polity.guard.Guard;
import dev.polity.guard.GuardConfig;
import dev.polity.guard.Guards;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.reward.Combination;
import dev.polity.reward.RewardModel;
import dev.polity.reward.SocietalReward;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What scoring with a reward model needs besides the model, shared by {@code reward eval}, {@code score}, {@code serve}
 * and {@code export preferences} (a picocli mixin): how its groups combine, and the context whose norms are charged
 * (judged by the guard over the constitution and the gateway's configuration).
 */
final class RewardOptions {
    @Option(names = "--jurisdiction", description = "The context's jurisdiction (ISO 3166 code or grouping, e.g. DE): its norms' verdicts are charged."
            + " Without it no norm penalties apply.")
    String jurisdiction;

    @Mixin
    ContextOptions where;

    @Option(names = "--constitution", paramLabel = "FILE", description = "The constitution whose norms are charged (default: constitutions/starter.yaml).")
    Path constitution;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration: which detectors judge (docs/GATEWAY.md; default: every registered one).")
    Path config;

    @Option(names = "--welfare", defaultValue = "utilitarian", paramLabel = "RULE",
            description = "How a model's group heads combine: utilitarian, egalitarian (max-min), nash or robust (group-robust weights) (default: ${DEFAULT-VALUE}).")
    String welfare;

    @Option(names = "--group-weights", defaultValue = "trained", paramLabel = "trained|equal|FILE",
            description = "The groups' weights: their share of the training pairs, equal, or a CSV file group,weight (default: ${DEFAULT-VALUE}).")
    String groupWeights;

    @Option(names = "--tier-penalty", paramLabel = "TIER=PENALTY", description = "Replace a tier's penalty per violated norm (default: the second tier 1,"
            + " then 1/2, 1/4, ...; the highest tier is lexicographic and takes none). Repeatable.")
    Map<String, Double> tierPenalties;

    SocietalReward reward(RewardModel m, TextEmbedder embedder) {
        return new SocietalReward(m, embedder, Combination.of(welfare, m, groupWeights));
    }

    Path constitutionFile() {
        return constitution != null ? constitution : Home.path("constitutions/starter.yaml");
    }

    Map<String, Double> penalties() {
        return tierPenalties == null ? Map.of() : tierPenalties;
    }

    /** The norms charged: null without {@code --jurisdiction}; {@code --domain} and friends need one. */
    SocietalReward.Norms norms(TextEmbedder embedder) {
        if (jurisdiction == null) {
            if (where.domain != null || where.audience != null || where.date != null) {
                throw new InvalidInputException(null, "--jurisdiction: needed with --domain, --audience or --date (or leave them out for no norm penalties)");
            }
            return null;
        }
        GuardConfig cfg = config == null ? GuardConfig.DEFAULT : GuardConfig.load(config);
        Guard guard = Guards.build(constitutionFile(), cfg, () -> embedder, System::getenv, CommandClock.date("--date", null)).standard();
        return SocietalReward.Norms.standard(guard, where.context(guard, jurisdiction),
                penalties());
    }
}
