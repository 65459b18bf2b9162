package dev.polity.bench;

import dev.polity.input.CsvTable;
import dev.polity.judge.Answer;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.RefusalDetector;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the embedding refusal detector without any cache: MiniLM embeddings of every answer,
 * lexical features and the softmax, on the short answers shipped as training examples (one chunk each).
 * Score = answers per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RefusalDetectorBench {
    static final int ANSWERS = 256;
    RefusalDetector detector;
    List<Answer> answers;

    @Setup
    public void setup() throws Exception {
        Path tmp = Files.createTempFile("refusal-examples", ".csv");
        try (InputStream in = RefusalDetector.class.getClassLoader().getResourceAsStream("dev/polity/judge/refusal-examples.csv")) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        CsvTable t = CsvTable.read(tmp);
        int text = t.column("text", "text");
        answers = t.rows().stream().limit(ANSWERS).map(r -> Answer.of(r.values().get(text))).toList();
        detector = RefusalDetector.withDefaultModel(new MiniLmEmbedder());
    }

    @Benchmark
    @OperationsPerInvocation(ANSWERS)
    public Object classifyUncached() {
        return detector.classify(answers, n -> { });
    }
}
