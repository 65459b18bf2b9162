package dev.polity.bench;

import dev.polity.deliberation.Bridging;
import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PlantedConversation;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deliberation at scale: 20,000 participants x 2,000 statements with 1,000,000 votes and planted groups
 * (issue 5 targets: groups + repness + consensus under 5 s, bridging fit under 20 s on the 2-core machine).
 * Run: java -jar polity-bench/target/benchmarks.jar DeliberationBench -f 1 -wi 1 -i 3
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class DeliberationBench {
    @Param({"20000"})
    int participants;

    @Param({"2000"})
    int statements;

    @Param({"1000000"})
    int votes;

    Conversation conversation;
    boolean[] all;

    @Setup(Level.Trial)
    public void generate() {
        conversation = PlantedConversation.generate(new PlantedConversation.Spec(participants, statements, votes, 3, 20, 0.85, 2026));
        all = new boolean[statements];
        java.util.Arrays.fill(all, true);
    }

    /** PCA, projection, base clusters, k = 2..5 with restarts, votes per group, repness, consensus. */
    @Benchmark
    public Deliberation fullAnalysisWithoutBridging() {
        return Deliberation.analyse(conversation, Deliberation.Options.DEFAULTS.withBridging(false));
    }

    /** The Community Notes-style factorisation alone, to convergence (a sweep lowers the loss by less than Deliberation.BRIDGING_TOLERANCE of itself). */
    @Benchmark
    public Bridging bridgingFit() {
        return Bridging.fit(conversation.votes(), all, 1, Deliberation.BRIDGING_TOLERANCE, Deliberation.BRIDGING_MAX_SWEEPS);
    }

    /** Prints a one-off check that the planted groups came back, for docs/PERFORMANCE.md. */
    public static void main(String[] args) {
        DeliberationBench b = new DeliberationBench();
        b.participants = 20000;
        b.statements = 2000;
        b.votes = 1_000_000;
        b.generate();
        long t0 = System.nanoTime();
        Deliberation d = b.fullAnalysisWithoutBridging();
        long t1 = System.nanoTime();
        Bridging br = b.bridgingFit();
        long t2 = System.nanoTime();
        long bridging = IntStream.range(0, b.statements).filter(br::isBridging).count();
        System.out.printf(java.util.Locale.ROOT, "groups=%d silhouettes=%s analysis=%.2fs bridging=%.2fs sweeps=%d bridging-statements=%d%n", d.groups().k(),
                d.groups().silhouetteByK(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, br.sweeps(), bridging);
    }
}
