package dev.polity.judge;

import dev.polity.judge.embed.Embedding;
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

    private record NormKey(Norm norm, String rubric) {
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

    /** The facts of every answer, with all their texts embedded in one batch. */
    public List<AnswerFacts> answers(List<Answer> answers) {
        List<AnswerText> read = new ArrayList<>(answers.size());
        List<String> texts = new ArrayList<>();
        for (Answer a : answers) {
            AnswerText t = AnswerText.read(a.text());
            read.add(t);
            texts.add(a.text());
            if (t.sentences().size() > 1) {
                texts.addAll(t.sentences());
            }
            if (!t.tail().isEmpty()) {
                texts.add(t.tail());
            }
            if (!a.prompt().isBlank()) {
                texts.add(a.prompt());
            }
        }
        List<Embedding> e = embedder.embed(texts, n -> { });
        List<AnswerFacts> out = new ArrayList<>(answers.size());
        int k = 0;
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            AnswerText t = read.get(i);
            Embedding whole = e.get(k++);
            List<float[]> sentences = new ArrayList<>();
            if (t.sentences().size() > 1) {
                for (int s = 0; s < t.sentences().size(); s++) {
                    sentences.add(e.get(k++).mean());
                }
            } else {
                sentences.add(whole.mean());
            }
            float[] tail = t.tail().isEmpty() ? null : e.get(k++).mean();
            float[] prompt = a.prompt().isBlank() ? null : e.get(k++).mean();
            double[] p = refusal.predict(whole, a.text());
            double degree = p[1] + 0.5 * p[2];
            double insult = derogation.predict(whole, a.text())[0];
            int pii = (int) PiiScanner.find(a.text(), EnumSet.allOf(PiiKind.class)).stream().map(PiiMatch::kind).distinct().count();
            out.add(new AnswerFacts(t, whole.mean(), sentences, tail, prompt, degree, insult, pii));
        }
        return out;
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
