package dev.polity.cli;

import picocli.CommandLine.Command;

/** {@code polity reward}: train, evaluate, score with and serve societal reward models (docs/REWARD.md). */
@Command(name = "reward", description = "Societal reward models: train Bradley-Terry heads on pairwise preferences, evaluate them, score answers"
        + " with their decomposition, and serve OpenRLHF's POST /get_reward (docs/REWARD.md).",
        subcommands = {RewardTrainCommand.class, RewardEvalCommand.class, RewardScoreCommand.class, RewardServeCommand.class})
public final class RewardCommand extends CommandGroup {
}
