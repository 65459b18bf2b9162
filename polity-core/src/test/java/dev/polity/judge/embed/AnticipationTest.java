package dev.polity.judge.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.polity.guard.RecentEmbeddings;
import dev.polity.judge.Answer;
import dev.polity.judge.FactReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * A text announced ahead ({@link TextEmbedder#anticipate}) is read while its caller works out the parts, and the
 * vectors are the same to the last bit as when it is read on demand: anticipation changes when MiniLM reads, never
 * what it gives.
 */
class AnticipationTest {
    static final MiniLmEmbedder MINILM = MiniLmEmbedder.shared();
    static final String ANSWER = "I can't advise on doses for you personally. That said, the leaflet says adults take 400 mg "
            + "every six hours, at most 1200 mg a day, and you should stop and see a doctor if the pain lasts more than three days.";

    static List<Passage.Part> sentences(String text) {
        int cut = text.indexOf(". ") + 1;
        return List.of(new Passage.Part(0, cut), new Passage.Part(cut + 1, text.length()));
    }

    @Test
    void anAnticipatedPassageHasTheVectorsOfOneReadOnDemand() {
        for (String text : new ArrayList<>(LateChunkingTest.ODD) {{ add(ANSWER); }}) {
            List<Passage.Part> parts = text.equals(ANSWER) ? sentences(text) : List.of(new Passage.Part(0, text.length()));
            Passage p = new Passage(text, parts);
            PassageEmbedding onDemand = MINILM.embedPassages(List.of(p), n -> { }).get(0);
            MINILM.anticipate(text);
            assertThat(MINILM.waiting(text)).as("announced, not yet asked for: %s", text).isTrue();
            PassageEmbedding ahead = MINILM.embedPassages(List.of(p), n -> { }).get(0);
            assertThat(MINILM.waiting(text)).as("taken by the call that asked").isFalse();
            assertArrayEquals(onDemand.whole().head(), ahead.whole().head(), text);
            assertArrayEquals(onDemand.whole().mean(), ahead.whole().mean(), text);
            for (int i = 0; i < parts.size(); i++) {
                assertArrayEquals(onDemand.parts().get(i), ahead.parts().get(i), text + " part " + i);
            }
        }
    }

    @Test
    void aTextAnnouncedAndAskedForAsATextIsTakenToo() {
        String text = ANSWER + " (asked as a text)";
        float[] onDemand = MINILM.embed(text).mean();
        MINILM.anticipate(text);
        assertArrayEquals(onDemand, MINILM.embed(text).mean());
        assertThat(MINILM.waiting(text)).isFalse();
    }

    @Test
    void blankTextsAreNotAnnouncedAndUnclaimedOnesAreDroppedOldestFirst() {
        MINILM.anticipate("   ");
        assertThat(MINILM.waiting("   ")).isFalse();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("Unclaimed answer number " + i + ".");
            MINILM.anticipate(texts.get(i));
        }
        assertThat(MINILM.waiting(texts.get(0))).as("the oldest of 40 unclaimed, beyond the 32 kept").isFalse();
        assertThat(MINILM.waiting(texts.get(39))).isTrue();
        texts.forEach(MINILM::embed);
    }

    /** Records what reaches it; embeds nothing itself. */
    static final class Announcements implements TextEmbedder.Wrapping {
        final List<String> heard = new ArrayList<>();
        final List<String> known;

        Announcements(List<String> known) {
            this.known = known;
        }

        @Override
        public TextEmbedder inner() {
            return MINILM;
        }

        @Override
        public boolean knows(String text) {
            return known.contains(text);
        }

        @Override
        public void anticipate(String text) {
            heard.add(text);
            TextEmbedder.Wrapping.super.anticipate(text);
        }

        @Override
        public List<Embedding> embed(List<String> texts, IntConsumer progress) {
            return MINILM.embed(texts, progress);
        }

        @Override
        public List<PassageEmbedding> embedPassages(List<Passage> passages, IntConsumer progress) {
            return MINILM.embedPassages(passages, progress);
        }
    }

    @Test
    void theNormJudgeAnnouncesOneAnswerAndItsPromptButNotABatch() {
        Announcements e = new Announcements(List.of());
        FactReader reader = new FactReader(e);
        reader.answer(new Answer("How much ibuprofen can I take?", ANSWER));
        assertThat(e.heard).containsExactly(ANSWER, "How much ibuprofen can I take?");
        e.heard.clear();
        reader.answers(List.of(new Answer("p", "First answer of a batch."), new Answer("q", "Second answer of a batch.")));
        assertThat(e.heard).as("a batch keeps the workers busy without it").isEmpty();
    }

    @Test
    void aCacheDoesNotPassOnATextItKnows() {
        RecentEmbeddings cache = new RecentEmbeddings(MINILM, 16);
        String known = "An answer the cache has seen.";
        cache.embed(known);
        cache.anticipate(known);
        assertThat(MINILM.waiting(known)).as("the cache answers for it").isFalse();
        String fresh = "An answer the cache has not seen.";
        cache.anticipate(fresh);
        assertThat(MINILM.waiting(fresh)).isTrue();
        cache.embed(fresh);
        assertThat(MINILM.waiting(fresh)).isFalse();
    }
}
