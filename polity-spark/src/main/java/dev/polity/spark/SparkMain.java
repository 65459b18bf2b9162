package dev.polity.spark;

import dev.polity.cli.Main;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code polity spark ...}: the CLI with the {@code spark} command added, for bin/polity (local mode) and
 * for spark-submit ({@code --class dev.polity.spark.SparkMain polity-spark.jar bt FILE ...}). The arguments
 * are those after {@code spark}.
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, utf8(System.out), utf8(System.err)));
    }

    /** Runs {@code polity spark ARGS} with the given streams; returns the exit code (dev.polity.cli.ExitCode). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String[] all = Stream.concat(Stream.of("spark"), Stream.of(args)).toArray(String[]::new);
        return Main.runWith(List.of(new SparkCommand()), all, out, err);
    }

    private static PrintWriter utf8(java.io.OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
