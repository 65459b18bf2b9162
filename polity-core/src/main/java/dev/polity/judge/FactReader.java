package dev.polity.judge;

import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.Passage;
import dev.polity.judge.embed.PassageEmbedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.learn.AnswerFacts;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.learn.NormFacts;
import dev.polity.judge.text.AnswerText;
import dev.polity.norms.Check;
import dev.polity.norms.Norm;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads answers and norms into the facts the norm judge weighs ({@link AnswerFacts}, {@link NormFacts}):
 * every text an answer needs (the whole, its sentences, its turn, its prompt) is embedded in one call,
 * and the refusal and derogation models are applied to the whole answer's embedding. A norm's facts
 * (its statement, rubric and examples, read as answers) are remembered per norm and rubric, so that a
 * constitution's texts are embedded once. Thread-safe.
 */
public final class FactReader {
    private final TextEmbedder embedder;
    private final JudgeModel refusal;
    private final JudgeModel derogation;
    private final Map<NormKey, NormFacts> norms = new ConcurrentHashMap<>();

    /** A norm by identity and a rubric: a norm record's own hash walks all its texts and examples, on every look-up. */
    private record NormKey(Norm norm, String rubric) {
        @Override
        public boolean equals(Object o) {
            return o instanceof NormKey k && k.norm == norm && k.rubric.equals(rubric);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(norm) + rubric.hashCode();
        }
    }

    /**
     * Where an answer's texts are among the passages embedded: its own passage, then per part {passage, index among
     * that passage's parts} (-1: the part is a passage of its own), and its prompt's passage (-1: none).
     */
    private record Layout(int self, int[][] parts, int prompt) {
    }

    public FactReader(TextEmbedder embedder) {
        this.embedder = embedder;
        this.refusal = RefusalDetector.requireCompatible(JudgeModel.resource(RefusalDetector.DEFAULT_MODEL), RefusalDetector.NAME, embedder);
        this.derogation = RefusalDetector.requireCompatible(JudgeModel.resource(DerogationDetector.DEFAULT_MODEL), DerogationDetector.NAME, embedder);
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    public AnswerFacts answer(Answer answer) {
        return answers(List.of(answer)).get(0);
    }

    /**
     * The facts of every answer, with all their texts embedded in one batch: each answer with those of its sentences
     * and its turn that the embedder reads in the answer's context as parts of it ({@link Passage}: MiniLM pools them
     * from the answer's own reading, late chunking), the rest (short ones) and its prompt as texts of their own, which
     * a cache shares between answers.
     */
    public List<AnswerFacts> answers(List<Answer> answers) {
        if (answers.size() == 1) {
            // one answer is a request waiting (the gateway, polity check): its whole and its prompt are read while
            // its language and sentences are found; a batch keeps every worker busy without that
            embedder.anticipate(answers.get(0).text());
            embedder.anticipate(answers.get(0).prompt());
        }
        List<AnswerText> read = new ArrayList<>(answers.size());
        List<Passage> passages = new ArrayList<>();
        List<Layout> layouts = new ArrayList<>(answers.size());
        for (Answer a : answers) {
            AnswerText t = AnswerText.read(a.text());
            read.add(t);
            List<Passage.Part> all = parts(a.text(), t);
            List<Passage.Part> inContext = new ArrayList<>();
            int[][] found = new int[all.size()][];
            int self = passages.size();
            passages.add(null);
            for (int j = 0; j < all.size(); j++) {
                String text = a.text().substring(all.get(j).start(), all.get(j).end());
                if (embedder.readsInContext(text)) {
                    found[j] = new int[] {self, inContext.size()};
                    inContext.add(all.get(j));
                } else {
                    found[j] = new int[] {passages.size(), -1};
                    passages.add(Passage.whole(text));
                }
            }
            passages.set(self, new Passage(a.text(), inContext));
            int prompt = -1;
            if (!a.prompt().isBlank()) {
                prompt = passages.size();
                passages.add(Passage.whole(a.prompt()));
            }
            layouts.add(new Layout(self, found, prompt));
        }
        List<PassageEmbedding> e = embedder.embedPassages(passages, n -> { });
        List<AnswerFacts> out = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            AnswerText t = read.get(i);
            Layout at = layouts.get(i);
            Embedding whole = e.get(at.self()).whole();
            List<float[]> parts = new ArrayList<>(at.parts().length);
            for (int[] f : at.parts()) {
                parts.add(f[1] < 0 ? e.get(f[0]).whole().mean() : e.get(f[0]).parts().get(f[1]));
            }
            int sentences = t.sentences().size() > 1 ? t.sentences().size() : 0;
            List<float[]> said = sentences > 0 ? parts.subList(0, sentences) : List.of(whole.mean());
            float[] tail = t.tail().isEmpty() ? null : parts.get(sentences);
            float[] prompt = at.prompt() < 0 ? null : e.get(at.prompt()).whole().mean();
            double[] p = refusal.predict(whole, a.text());
            double degree = p[1] + 0.5 * p[2];
            double insult = derogation.predict(whole, a.text())[0];
            int pii = (int) PiiScanner.find(a.text(), EnumSet.allOf(PiiKind.class)).stream().map(PiiMatch::kind).distinct().count();
            out.add(new AnswerFacts(t, whole.mean(), said, tail, prompt, degree, insult, pii));
        }
        return out;
    }

    /**
     * Where the answer's sentences (when it has more than one) and its turn are in its text: each sentence found
     * after the one before, the turn at the end (it runs to the end of the stripped text).
     */
    static List<Passage.Part> parts(String text, AnswerText t) {
        List<Passage.Part> parts = new ArrayList<>();
        if (t.sentences().size() > 1) {
            int from = 0;
            for (String s : t.sentences()) {
                int at = text.indexOf(s, from);
                if (at < 0) {
                    throw new IllegalStateException("a sentence is not in its answer's text: " + s);
                }
                parts.add(new Passage.Part(at, at + s.length()));
                from = at + s.length();
            }
        }
        if (!t.tail().isEmpty()) {
            int at = text.lastIndexOf(t.tail());
            parts.add(new Passage.Part(at, at + t.tail().length()));
        }
        return parts;
    }

    /** The facts of a norm, judged as {@code check} asks (its rubric, if it has one; else the statement). */
    public NormFacts norm(Norm norm, Check check) {
        return norm(norm, rubric(norm, check));
    }

    public NormFacts norm(Norm norm, String rubric) {
        return norms.computeIfAbsent(new NormKey(norm, rubric), k -> {
            List<Answer> examples = new ArrayList<>();
            norm.examples().compliant().forEach(t -> examples.add(Answer.of(t)));
            norm.examples().violating().forEach(t -> examples.add(Answer.of(t)));
            List<AnswerFacts> facts = answers(examples);
            int c = norm.examples().compliant().size();
            List<Embedding> e = embedder.embed(List.of(norm.statement(), rubric), n -> { });
            return NormFacts.of(norm, e.get(0).mean(), e.get(1).mean(), facts.subList(0, c), facts.subList(c, facts.size()));
        });
    }

    /** The rubric a check asks, else the first rubric any of the norm's checks gives, else the statement. */
    public static String rubric(Norm norm, Check check) {
        Object r = check == null ? null : check.params().get("rubric");
        if (r != null) {
            return String.valueOf(r);
        }
        for (Check c : norm.checks()) {
            if (c.params().get("rubric") != null) {
                return String.valueOf(c.params().get("rubric"));
            }
        }
        return norm.statement();
    }
}
