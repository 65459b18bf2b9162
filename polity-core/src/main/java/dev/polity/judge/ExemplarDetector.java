package dev.polity.judge;

import dev.polity.judge.embed.Embedding;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.input.PluginInfo;
import dev.polity.norms.Check;
import dev.polity.norms.Norm;
import java.util.List;
import java.util.Locale;

/**
 * Compares an answer with the norm's own {@code examples}: the nearest compliant and the nearest
 * violating example by cosine similarity of MiniLM embeddings (a 1-nearest-neighbour rule per class,
 * Cover and Hart, 1967). When the two similarities are closer than {@code margin} the answer is
 * {@code uncertain}; a norm without examples of both kinds is not applicable.
 */
final class ExemplarDetector implements Detector {
    public static final String NAME = "exemplars";
    static final double DEFAULT_MARGIN = 0.05;
    static final PluginInfo INFO = new PluginInfo(NAME,
            "the nearer of the norm's compliant and violating examples, by cosine similarity of MiniLM embeddings; not applicable without both kinds",
            "Cover and Hart, 1967, \"Nearest neighbor pattern classification\" (one nearest neighbour per class)",
            List.of(new PluginInfo.Parameter("margin", "a number", String.valueOf(DEFAULT_MARGIN),
                    "when the two similarities are closer than this, the answer is uncertain")));
    private final TextEmbedder embedder;

    public ExemplarDetector(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict judge(Answer answer, Norm norm, Check check) {
        List<String> good = norm.examples().compliant();
        List<String> bad = norm.examples().violating();
        if (good.isEmpty() || bad.isEmpty()) {
            return Verdict.notApplicable("norm " + norm.id() + " needs compliant and violating examples", NAME);
        }
        double margin = new CheckParams(norm, check).number("margin", DEFAULT_MARGIN);
        float[] a = embedder.embed(answer.text()).mean();
        Nearest g = nearest(a, good);
        Nearest b = nearest(a, bad);
        double gap = g.similarity - b.similarity;
        String evidence = String.format(Locale.ROOT, "nearest compliant %.3f \"%s\", nearest violating %.3f \"%s\"",
                g.similarity, g.text, b.similarity, b.text);
        if (Math.abs(gap) < margin) {
            return Verdict.uncertain(1 - Math.abs(gap) / margin * 0.5, evidence + " [gap below margin " + margin + "]", NAME);
        }
        double confidence = Math.min(1, 0.5 + Math.abs(gap));
        return gap > 0 ? Verdict.complies(confidence, evidence, NAME) : Verdict.violates(confidence, evidence, NAME);
    }

    private record Nearest(double similarity, String text) {
    }

    private Nearest nearest(float[] a, List<String> examples) {
        List<Embedding> e = embedder.embed(examples, n -> { });
        Nearest best = new Nearest(-2, "");
        for (int i = 0; i < examples.size(); i++) {
            double s = Embedding.cosine(a, e.get(i).mean());
            if (s > best.similarity) {
                best = new Nearest(s, examples.get(i));
            }
        }
        return best;
    }
}
