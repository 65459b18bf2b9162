package dev.polity.bench;

import dev.polity.judge.Answer;
import dev.polity.judge.Detectors;
import dev.polity.judge.Ensemble;
import dev.polity.judge.Verdict;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.Passage;
import dev.polity.judge.embed.PassageEmbedding;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
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
 * development-set answer with a unique suffix) and its texts are forgotten before the next, so all of them (the
 * whole, its sentences, its turn, its prompt) are embedded afresh, once per answer; the norms' texts are read once. Sample time: JMH reports the distribution, p0.99 included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NormJudgeBench {
    Ensemble ensemble;
    List<Norm> norms;
    List<NormItem> pool;
    long calls;
    ForgetfulBetweenAnswers texts;

    /**
     * Remembers texts within one answer's judging (several detectors embed the same answer, as the gateway's
     * RecentEmbeddings shares them) and the norms' texts for good, but forgets every answer's texts before the
     * next: the pool's answers recur as it cycles, and a remembered sentence would be looked up, not embedded.
     */
    static final class ForgetfulBetweenAnswers implements TextEmbedder.Wrapping {
        private final TextEmbedder inner;
        private final Map<String, Embedding> kept = new ConcurrentHashMap<>();
        private final Map<String, Embedding> answer = new ConcurrentHashMap<>();

        ForgetfulBetweenAnswers(TextEmbedder inner) {
            this.inner = inner;
        }

        void keepWhatWasRead() {
            kept.putAll(answer);
            answer.clear();
        }

        void forgetAnswers() {
            answer.clear();
        }

        @Override
        public TextEmbedder inner() {
            return inner;
        }

        @Override
        public boolean knows(String text) {
            return kept.containsKey(text) || answer.containsKey(text);
        }

        @Override
        public List<Embedding> embed(List<String> in, IntConsumer progress) {
            List<String> missing = new ArrayList<>();
            for (String t : in) {
                if (!kept.containsKey(t) && !answer.containsKey(t) && !missing.contains(t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                List<Embedding> fresh = inner.embed(missing, n -> { });
                for (int i = 0; i < missing.size(); i++) {
                    answer.put(missing.get(i), fresh.get(i));
                }
            }
            List<Embedding> out = new ArrayList<>(in.size());
            for (String t : in) {
                Embedding e = kept.get(t);
                out.add(e != null ? e : answer.get(t));
            }
            progress.accept(in.size());
            return out;
        }

        @Override
        public List<PassageEmbedding> embedPassages(List<Passage> in, IntConsumer progress) {
            List<PassageEmbedding> out = TextEmbedder.recalling(in, inner, t -> kept.getOrDefault(t, answer.get(t)), answer::put);
            progress.accept(in.size());
            return out;
        }
    }

    @Setup
    public void setup() {
        Path repo = Path.of(System.getProperty("polity.repo", "."));
        Constitution c = ConstitutionLoader.load(repo.resolve("constitutions/starter.yaml"));
        norms = new ArrayList<>();
        Resolution r = new Resolver(c).applicable(new Context("DE-BY", "healthcare", "adult", LocalDate.of(2026, 9, 1)));
        r.norms().forEach(a -> norms.add(a.norm()));
        texts = new ForgetfulBetweenAnswers(new MiniLmEmbedder());
        TextEmbedder e = texts;
        Detectors.Materials m = new Detectors.Materials(() -> e, () -> null);
        Ensemble.Builder b = Ensemble.builder();
        for (String name : List.of("rules", "refusal", "derogation", "exemplars", "norm-judge")) {
            Detectors.create(name, m).ifPresent(b::add);
        }
        ensemble = b.build();
        pool = NormItems.devSet(c);
        // the norms' texts are read once and kept, as the gateway's RecentEmbeddings keeps texts used on every request
        for (Norm n : norms) {
            ensemble.judge(new Answer("", "-"), n);
        }
        texts.keepWhatWasRead();
    }

    @Benchmark
    public List<Verdict> judgeOneAnswerAgainstAContext() {
        return judge(pool.get((int) (calls % pool.size())));
    }

    /** One item's answer, made new by a unique suffix, judged against the context's norms with its texts read afresh. */
    List<Verdict> judge(NormItem item) {
        Answer answer = new Answer(item.prompt(), item.answer() + " (" + calls++ + ")");
        texts.forgetAnswers();
        List<Verdict> out = new ArrayList<>(norms.size());
        ensemble.prepare(answer, norms);
        for (Norm n : norms) {
            out.add(ensemble.judge(answer, n));
        }
        return out;
    }
}
