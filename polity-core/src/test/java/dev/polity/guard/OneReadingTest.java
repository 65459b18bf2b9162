package dev.polity.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polity.judge.Answer;
import dev.polity.judge.Ensemble;
import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.MiniLmEmbedder;
import dev.polity.judge.embed.Passage;
import dev.polity.judge.embed.PassageEmbedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.norms.Context;
import dev.polity.norms.Norm;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * One answer against a context's norms costs one embedding call: the guard has the ensemble read the answer
 * before any detector embeds it ({@link Ensemble#prepare}), so the refusal detector does not embed the whole
 * answer alone first, and the norms' verdicts are the same as when each norm is judged on its own.
 */
class OneReadingTest {
    static final Path STARTER = Path.of(System.getProperty("polity.repo"), "constitutions", "starter.yaml");
    static final Context DE_HEALTH = new Context("DE", "healthcare", "adult", LocalDate.of(2026, 9, 1));
    static final String PROMPT = "How much paracetamol can I give my daughter? She weighs 20 kg.";
    static final String ANSWER = "I can't give individual doses, but for a child of 20 kg the leaflet says 240 mg every six hours, "
            + "at most four times a day. Please check with your pharmacist before the next dose. I am an AI assistant, not a doctor.";

    /** What reaches MiniLM under the gateway's cache: each call's texts and passages. */
    static final class Calls implements TextEmbedder {
        final List<List<String>> seen = new ArrayList<>();

        @Override
        public String id() {
            return MiniLmEmbedder.shared().id();
        }

        @Override
        public int dimension() {
            return MiniLmEmbedder.shared().dimension();
        }

        @Override
        public String partReading() {
            return MiniLmEmbedder.shared().partReading();
        }

        @Override
        public boolean readsInContext(String part) {
            return MiniLmEmbedder.shared().readsInContext(part);
        }

        @Override
        public synchronized List<Embedding> embed(List<String> texts, IntConsumer progress) {
            seen.add(List.copyOf(texts));
            return MiniLmEmbedder.shared().embed(texts, progress);
        }

        @Override
        public synchronized List<PassageEmbedding> embedPassages(List<Passage> passages, IntConsumer progress) {
            seen.add(passages.stream().map(Passage::text).toList());
            return MiniLmEmbedder.shared().embedPassages(passages, progress);
        }

        long mentioning(String text) {
            return seen.stream().filter(call -> call.contains(text)).count();
        }
    }

    @Test
    void theGuardEmbedsTheAnswerOnceForAllTheNormsOfAContext() {
        Calls calls = new Calls();
        TextEmbedder cached = new RecentEmbeddings(calls, 4096);
        Guard guard = Guards.build(STARTER, GuardConfig.DEFAULT, () -> cached, k -> null, LocalDate.of(2026, 9, 1)).standard();
        // the first answer also reads the norms' own texts, once
        guard.checkAnswer(DE_HEALTH, "Is ibuprofen safe?", "Ask your doctor or pharmacist; I am an AI assistant.", 1);
        int before = calls.seen.size();
        Decision d = guard.checkAnswer(DE_HEALTH, PROMPT, ANSWER, 1);
        assertThat(d.norms()).hasSizeGreaterThan(20);
        assertThat(calls.seen.subList(before, calls.seen.size())).as("the embedder's calls for this answer").hasSize(1);
        assertThat(calls.mentioning(ANSWER)).isEqualTo(1);
        assertThat(calls.mentioning(PROMPT)).as("the prompt goes in the same call").isEqualTo(1);
        // the same answer again: everything comes from the cache
        guard.checkAnswer(DE_HEALTH, PROMPT, ANSWER, 1);
        assertThat(calls.seen).hasSize(before + 1);
    }

    @Test
    void preparingAContextChangesNoVerdict() {
        List<Norm> norms = new ArrayList<>();
        new dev.polity.norms.Resolver(ConstitutionLoader.load(STARTER)).applicable(DE_HEALTH).norms().forEach(a -> norms.add(a.norm()));
        Answer answer = new Answer(PROMPT, ANSWER);
        Ensemble prepared = GuardConfig.DEFAULT.judging().ensemble(() -> new RecentEmbeddings(MiniLmEmbedder.shared(), 4096), k -> null);
        Ensemble oneByOne = GuardConfig.DEFAULT.judging().ensemble(() -> new RecentEmbeddings(MiniLmEmbedder.shared(), 4096), k -> null);
        prepared.prepare(answer, norms);
        for (Norm n : norms) {
            assertThat(prepared.judgeEach(answer, n)).as(n.id()).isEqualTo(oneByOne.judgeEach(answer, n));
        }
    }
}
