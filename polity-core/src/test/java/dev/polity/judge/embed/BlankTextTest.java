package dev.polity.judge.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A blank text (an HH-RLHF answer can be empty) embeds to zero vectors instead of failing the whole batch. */
class BlankTextTest {
    @Test
    void blankTextsHaveNoDirectionAndTheirNeighboursAreUnchanged() {
        MiniLmEmbedder e = MiniLmEmbedder.shared();
        List<Embedding> out = e.embed(List.of("Hello there.", "", "   \n"), n -> { });
        assertThat(out).hasSize(3);
        assertThat(out.get(0).head()).isEqualTo(e.embed("Hello there.").head());
        for (Embedding blank : out.subList(1, 3)) {
            assertThat(Embedding.cosine(blank.mean(), out.get(0).mean())).isZero();
            assertThat(blank.head()).containsOnly(0f);
        }
        assertThat(e.embed(List.of(""), n -> { }).get(0).mean()).hasSize(e.dimension()).containsOnly(0f);
    }
}
