package dev.polity.bench;

import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 2's targets on a generated constitution of 10,000 norms over 300 jurisdictions: load + validate
 * (parse, JSON Schema, semantic checks) under 2 s; {@code applicable()} under 200 µs per context.
 */
@State(Scope.Benchmark)
public class ConstitutionBenchmark {
    @Param({"10000"})
    int norms;

    @Param({"300"})
    int places;

    Path file;
    Resolver resolver;
    List<Context> contexts;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("polity-bench-", ".yaml");
        Files.writeString(file, GeneratedConstitution.yaml(norms, places, 42));
        Constitution c = ConstitutionLoader.load(file);
        resolver = new Resolver(c);
        contexts = new ArrayList<>();
        List<String> codes = GeneratedConstitution.places(places);
        for (int i = 0; i < codes.size(); i++) {
            String domain = GeneratedConstitution.DOMAINS.get(i % GeneratedConstitution.DOMAINS.size());
            String audience = i % 3 == 0 ? "minor" : null;
            contexts.add(new Context(codes.get(i), domain, audience, LocalDate.of(2026, 9, 1)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Constitution loadAndValidate() {
        return ConstitutionLoader.load(file);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Resolution applicablePerContext() {
        Context c = contexts.get(next);
        next = next + 1 == contexts.size() ? 0 : next + 1;
        return resolver.applicable(c);
    }
}
