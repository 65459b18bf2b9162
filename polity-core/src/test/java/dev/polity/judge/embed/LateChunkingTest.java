package dev.polity.judge.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.polity.RealData;
import dev.polity.judge.check.XsTestCheck;
import dev.polity.judge.train.NormItem;
import dev.polity.judge.train.NormItems;
import dev.polity.judge.train.TrainingData;
import dev.polity.norms.ConstitutionLoader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * MiniLM run by Polity itself (to keep the token states) embeds a text to the last bit as langchain4j's encoder
 * does, and a passage's parts are read in its context (late chunking, Günther et al., 2024): each is the
 * normalised mean of the token states inside it.
 */
class LateChunkingTest {
    static final MiniLmEmbedder MINILM = MiniLmEmbedder.shared();
    static final List<String> ODD = List.of(
            "Hello there.", "Straße, Müller & Ærø: naïve café — “quoted” … done", "이 약은 하루에 두 번 복용하세요. 하지만 의사와 상담하세요.",
            "Emoji 😀 before words 🎉 and after.", "\u2003leading em space and\u00a0no-break space\u3000ideographic", "tab\tseparated\nlines\r\nhere",
            "control\u0001chars\u0007inside", "中文的句子。还有一个句子。", "x".repeat(700), "word ".repeat(600), "supercalifragilisticexpialidocious ".repeat(130));

    /** langchain4j's own encoder over the same model file, with the session set up as Polity sets it up. */
    static final class Langchain4j extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Langchain4j() throws Exception {
            super(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            }));
            Class<?> jar = AllMiniLmL6V2QuantizedEmbeddingModel.class;
            try (InputStream onnx = jar.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                 InputStream tokenizer = jar.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                encoder = new OnnxBertBiEncoder(env, env.createSession(onnx.readAllBytes(), options), tokenizer, PoolingMode.MEAN);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }

        /** The embedding as MiniLmEmbedder made it before it ran the model itself: langchain4j per chunk, then pooled. */
        Embedding chunked(String text) {
            String[] words = text.strip().split("\\s+");
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < words.length && chunks.size() < MiniLmEmbedder.MAX_CHUNKS; i += MiniLmEmbedder.WORDS_PER_CHUNK) {
                chunks.add(String.join(" ", Arrays.copyOfRange(words, i, Math.min(words.length, i + MiniLmEmbedder.WORDS_PER_CHUNK))));
            }
            List<float[]> v = embedAll(chunks.stream().map(TextSegment::from).toList()).content().stream().map(e -> e.vector()).toList();
            float[] mean = new float[384];
            for (int c = 0; c < chunks.size(); c++) {
                float w = Math.max(1, chunks.get(c).split("\\s+").length);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += w * v.get(c)[i];
                }
            }
            return new Embedding(v.get(0), MiniLmEmbedder.unit(mean));
        }
    }

    @Test
    void theWholeIsLangchain4jsToTheLastBitOnTheDevelopmentSetAndOddTexts() throws Exception {
        List<String> texts = new ArrayList<>(ODD);
        Path repo = Path.of(System.getProperty("polity.repo"));
        for (NormItem item : NormItems.devSet(ConstitutionLoader.load(repo.resolve("constitutions/starter.yaml")))) {
            texts.add(item.answer());
            texts.add(item.prompt());
        }
        sameAsLangchain4j(texts);
        // with a short part read alone beside it, the whole's chunk runs on the two-thread session: the same bits
        Langchain4j reference = new Langchain4j();
        for (String t : texts.stream().filter(t -> t.strip().length() > 20).distinct().toList()) {
            Embedding whole = MINILM.embedPassages(List.of(new Passage(t, List.of(new Passage.Part(0, 3)))), n -> { }).get(0).whole();
            assertArrayEquals(reference.chunked(t).mean(), whole.mean(), "mean of: " + t);
        }
    }

    @Test
    void theWholeIsLangchain4jsToTheLastBitOnXsTestAnswers() throws Exception {
        Path dir = RealData.require(XsTestCheck.NAME);
        List<String> texts = new ArrayList<>();
        for (String m : XsTestCheck.MODELS) {
            TrainingData.read(List.of(dir.resolve("completions_" + m + ".csv")), new TrainingData.Columns("completion", "prompt", "final_label", "id"))
                    .rows().forEach(r -> texts.add(r.text()));
        }
        sameAsLangchain4j(texts);
    }

    private static void sameAsLangchain4j(List<String> texts) throws Exception {
        Langchain4j reference = new Langchain4j();
        List<String> distinct = texts.stream().filter(t -> !t.isBlank()).distinct().toList();
        List<Embedding> ours = MINILM.embed(distinct, n -> { });
        for (int i = 0; i < distinct.size(); i++) {
            Embedding theirs = reference.chunked(distinct.get(i));
            assertArrayEquals(theirs.head(), ours.get(i).head(), "head of: " + distinct.get(i));
            assertArrayEquals(theirs.mean(), ours.get(i).mean(), "mean of: " + distinct.get(i));
        }
        assertThat(distinct).hasSizeGreaterThan(ODD.size());
    }

    @Test
    void aPartIsTheNormalisedMeanOfTheTokenStatesInsideIt() {
        String text = "I cannot advise on individual doses for children, because I do not know your son's weight, age or history. "
                + "However, adults usually take 400 mg every six to eight hours, with food and plenty of water.";
        int at = text.indexOf("adults");
        Passage p = new Passage(text, List.of(new Passage.Part(0, text.indexOf(" However")), new Passage.Part(at, text.length())));
        PassageEmbedding e = MINILM.embedPassages(List.of(p), n -> { }).get(0);
        List<MiniLmEmbedder.Chunk> chunks = MiniLmEmbedder.chunks(text, 0);
        assertThat(chunks).hasSize(1);
        MiniLmEmbedder.Chunk c = chunks.get(0);
        c.read();
        assertArrayEquals(MINILM.embed(text).head(), c.vector);
        for (int k = 0; k < 2; k++) {
            Passage.Part part = p.parts().get(k);
            float[] mean = new float[384];
            int n = 0;
            for (int t = 0; t < c.ids.length; t++) {
                // the word pieces inside the part: no [CLS], no [SEP], none of the other part
                if (c.spans[2 * t + 1] > part.start() && c.spans[2 * t] < part.end()) {
                    assertThat(text.substring(c.spans[2 * t], c.spans[2 * t + 1])).isNotBlank();
                    for (int i = 0; i < 384; i++) {
                        mean[i] += c.states[t * 384 + i];
                    }
                    n++;
                }
            }
            assertThat(n).isGreaterThan(MiniLmEmbedder.SHORT_PART).isLessThan(c.ids.length - 2);
            float[] expected = MiniLmEmbedder.unit(mean);
            for (int i = 0; i < 384; i++) {
                assertThat(e.parts().get(k)[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        // read in context, a part is near the same words read alone, but not the same
        float[] alone = MINILM.embed(p.text(p.parts().get(1))).mean();
        assertThat(Embedding.cosine(alone, e.parts().get(1))).isBetween(0.6, 0.999);
        assertArrayEquals(MINILM.embed(text).mean(), e.whole().mean());
    }

    @Test
    void aShortPartIsEmbeddedAlone() {
        String text = "I can't share private addresses. She did mention once that she lives near the station in Freiburg, though.";
        PassageEmbedding e = MINILM.embedPassages(List.of(new Passage(text, List.of(new Passage.Part(0, 32)))), n -> { }).get(0);
        assertArrayEquals(MINILM.embed("I can't share private addresses.").mean(), e.parts().get(0));
    }

    @Test
    void aPartTheWholesPassDoesNotReadIsReadInASecondWindow() {
        // the first chunk's 80 words overflow the 128 word pieces: its last words are cut off, and the part starts there
        String said = "Take two tablets daily with food and water, and never more than six of them in one day.";
        String rest = said + " " + "Fine. ".repeat(40);
        String text = "supercalifragilisticexpialidocious ".repeat(79) + rest;
        int at = text.indexOf("Take");
        Passage.Part cut = new Passage.Part(at, at + said.length());
        String last = "Fine. ".repeat(10).strip();
        int fine = text.lastIndexOf(last);
        Passage.Part read = new Passage.Part(fine, fine + last.length());
        PassageEmbedding e = MINILM.embedPassages(List.of(new Passage(text, List.of(cut, read))), n -> { }).get(0);
        // the window runs from the part to the end, as a passage of that text alone reads it
        PassageEmbedding window = MINILM.embedPassages(List.of(new Passage(rest, List.of(new Passage.Part(0, said.length())))), n -> { }).get(0);
        assertArrayEquals(window.parts().get(0), e.parts().get(0));
        assertThat(e.parts().get(0)).isNotEqualTo(MINILM.embed(said).mean());
        assertThat(e.parts().get(1)).isNotEqualTo(MINILM.embed(last).mean());
    }

    @Test
    void partsAreTheSameInAnyBatchAndOrder() {
        String a = "I'm an AI assistant. I can't see your records, but a pharmacist can help.";
        String b = "Ich bin ein Mensch. Ich heiße Anna und arbeite hier seit Jahren.";
        Passage pa = new Passage(a, List.of(new Passage.Part(0, 20), new Passage.Part(21, a.length()), new Passage.Part(a.indexOf("a pharmacist"), a.length())));
        Passage pb = new Passage(b, List.of(new Passage.Part(0, 19), new Passage.Part(20, b.length())));
        List<PassageEmbedding> one = MINILM.embedPassages(List.of(pa, pb), n -> { });
        List<PassageEmbedding> two = MINILM.embedPassages(List.of(pb, Passage.whole("unrelated text in between"), pa), n -> { });
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(one.get(0).parts().get(k), two.get(2).parts().get(k));
        }
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(one.get(1).parts().get(k), two.get(0).parts().get(k));
        }
        assertArrayEquals(one.get(0).whole().mean(), two.get(2).whole().mean());
    }

    @Test
    void aCacheFilesPartsUnderTheWholeTextAndTheirSpan() {
        String same = "Here is the address you asked for, with the opening hours and the phone number of the office.";
        String a = "Sure. " + same;
        String b = "No. " + same;
        CachedEmbedder cache = new CachedEmbedder(MINILM);
        List<PassageEmbedding> e = cache.embedPassages(List.of(new Passage(a, List.of(new Passage.Part(6, a.length()))),
                new Passage(b, List.of(new Passage.Part(4, b.length())))), n -> { });
        // the same sentence in two answers: two embeddings, each as the embedder itself gives it
        assertThat(e.get(0).parts().get(0)).isNotEqualTo(e.get(1).parts().get(0));
        Passage again = new Passage(b, List.of(new Passage.Part(4, b.length())));
        assertArrayEquals(MINILM.embedPassages(List.of(again), n -> { }).get(0).parts().get(0),
                cache.embedPassages(List.of(again), n -> { }).get(0).parts().get(0));
        assertThat(cache.size()).isEqualTo(4);
    }
}
