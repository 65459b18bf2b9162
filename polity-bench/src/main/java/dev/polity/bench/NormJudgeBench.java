package dev.polity.bench;

import dev.polity.judge.Answer;
import dev.polity.judge.Detectors;
import dev.polity.judge.Ensemble;
import dev.polity.judge.Verdict;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.train.NormItem;
import dev.polity.judge.train.NormItems;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.norms.Norm;
import dev.polity.norms.Resolution;
import dev.polity.norms.Resolver;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One answer judged in-process against every norm that applies in a context (DE-BY, healthcare, adult,
 * 2026-09-01: 35 norms of the starter constitution), as a gateway would: the ensemble of rules, refusal,
 * derogation, exemplars and the norm judge, no LLM. Each call judges an answer never seen before (a
 * development-set answer with a unique suffix), so its texts are embedded afresh; the norms' texts are
 * embedded once (the first calls, in warm-up). Sample time: JMH reports the distribution, p0.99 included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NormJudgeBench {
    Ensemble ensemble;
    List<Norm> norms;
    List<NormItem> pool;
    long calls;

    @Setup
    public void setup() {
        Path repo = Path.of(System.getProperty("polity.repo", "."));
        Constitution c = ConstitutionLoader.load(repo.resolve("constitutions/starter.yaml"));
        norms = new ArrayList<>();
        Resolution r = new Resolver(c).applicable(new Context("DE-BY", "healthcare", "adult", LocalDate.of(2026, 9, 1)));
        r.norms().forEach(a -> norms.add(a.norm()));
        TextEmbedder e = new CachedEmbedder(new MiniLmEmbedder());
        Detectors.Materials m = new Detectors.Materials(() -> e, () -> null);
        Ensemble.Builder b = Ensemble.builder();
        for (String name : List.of("rules", "refusal", "derogation", "exemplars", "norm-judge")) {
            Detectors.create(name, m).ifPresent(b::add);
        }
        ensemble = b.build();
        pool = NormItems.devSet(c);
    }

    @Benchmark
    public List<Verdict> judgeOneAnswerAgainstAContext() {
        NormItem item = pool.get((int) (calls % pool.size()));
        Answer answer = new Answer(item.prompt(), item.answer() + " (" + calls++ + ")");
        List<Verdict> out = new ArrayList<>(norms.size());
        for (Norm n : norms) {
            out.add(ensemble.judge(answer, n));
        }
        return out;
    }
}
