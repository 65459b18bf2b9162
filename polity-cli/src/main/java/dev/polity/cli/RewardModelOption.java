package dev.polity.cli;

import dev.polity.reward.RewardModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The reward model a command scores with (a picocli mixin of {@code reward eval}, {@code score} and {@code serve}). */
final class RewardModelOption {
    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "A reward model from polity reward train.")
    Path file;

    RewardModel read() {
        return RewardModel.read(file);
    }
}
