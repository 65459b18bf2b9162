package dev.polity.bench;

import dev.polity.model.Answer;
import dev.polity.model.AnswerRequest;
import dev.polity.store.Provenance;
import dev.polity.store.RunItem;
import dev.polity.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The run store on SQLite (a file in the temp folder, WAL): answers stored per second, one transaction
 * per answer and 100 per transaction, and answer-cache lookups per second over 10,000 cached requests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreBenchmark {
    private static final String SOURCE = "openai:bench@http://127.0.0.1:1/v1";
    private static final int CACHED = 10_000;
    private static final String ANSWER_TEXT = "I can't help with that, but here is some general safety information. ".repeat(8);

    Path dir;
    RunStore store;
    String run;
    long next;
    String[] hashes;
    int lookup;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("polity-store-bench");
        store = RunStore.open(dir.resolve("runs.db").toString());
        run = store.createRun(new Provenance("c", "s", SOURCE, Map.of(), "bench"));
        hashes = new String[CACHED];
        List<RunStore.NewAnswer> batch = new ArrayList<>();
        for (int i = 0; i < CACHED; i++) {
            RunStore.NewAnswer a = answer(i);
            hashes[i] = a.requestHash();
            batch.add(a);
            if (batch.size() == 1000) {
                store.storeAnswers(run, batch);
                batch.clear();
            }
        }
        next = CACHED;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    static RunStore.NewAnswer answer(long i) {
        AnswerRequest r = AnswerRequest.of("Benchmark prompt number " + i + ": how do I do the thing safely?").withSeed(7).withTemperature(0.0);
        return new RunStore.NewAnswer(new RunItem("case-" + i, "DE-BY/healthcare/adult", "none"), r.hash(SOURCE), r,
                new Answer(ANSWER_TEXT, "bench", Duration.ofMillis(250), 20, 120, "stop"));
    }

    @Benchmark
    public String storeSingle() {
        return store.storeAnswer(run, answer(next++));
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public List<String> storeBatchOf100() {
        List<RunStore.NewAnswer> batch = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            batch.add(answer(next++));
        }
        return store.storeAnswers(run, batch);
    }

    @Benchmark
    public Optional<Answer> cacheLookup() {
        lookup = (lookup + 7919) % CACHED;
        return store.cached(hashes[lookup]);
    }
}
