package dev.polity.cli;

import dev.polity.judge.check.DataSets;
import dev.polity.judge.check.NormDevCheck;
import dev.polity.judge.train.NormItems;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.check.XsTestCheck;
import java.nio.file.Path;
import java.util.Optional;

/** The real-data checks by the name the command line uses; each knows its data set and how to render its result. */
enum RealDataCheck {
    xstest(XsTestCheck.NAME, XsTestCheck.MARKER, "XSTest refusal detection"),
    popquorn(PopquornCheck.NAME, PopquornCheck.MARKER, "POPQUORN offensiveness"),
    /** Polity's own development set, shipped inside it; {@code --data} may name a JSON Lines file of one's own labelled items. */
    norms(NormDevCheck.NAME, null, "Norm judge on the development set, norms held out");

    final String dataSet;
    final String marker;
    final String title;

    RealDataCheck(String dataSet, String marker, String title) {
        this.dataSet = dataSet;
        this.marker = marker;
        this.title = title;
    }

    /** The set's folder under {@code root} (or under POLITY_DATA / ../shared/data when null), if it is there; the bundled set is always there. */
    Optional<Path> find(Path root) {
        if (this == norms) {
            return Optional.of(Path.of(NormItems.DEV_SET));
        }
        return DataSets.find(root != null ? root : DataSets.root().orElse(null), dataSet, marker);
    }

    /** Runs the check, its progress on stderr; the norms check against the starter constitution. */
    CheckOutcome run(Path dir, TextEmbedder embedder, ProgressMode mode) {
        return run(dir, embedder, mode, Home.path("constitutions/starter.yaml"));
    }

    /** Runs the check, its progress on stderr; the norms check against {@code constitutionFile} (its items whose norm it defines). */
    CheckOutcome run(Path dir, TextEmbedder embedder, ProgressMode mode, Path constitutionFile) {
        try (Progress progress = Progress.start(mode, name(), "texts", -1)) {
            return switch (this) {
                case xstest -> new CheckOutcome.XsTest(XsTestCheck.run(dir, embedder, progress::update));
                case popquorn -> new CheckOutcome.Popquorn(PopquornCheck.run(dir, embedder, progress::update));
                case norms -> {
                    Constitution c = ConstitutionLoader.load(constitutionFile);
                    yield new CheckOutcome.Norms(dir == null || dir.toString().equals(NormItems.DEV_SET) ? NormDevCheck.run(c, embedder, progress::update)
                            : NormDevCheck.run(NormItems.read(dir, c), c, embedder, progress::update));
                }
            };
        }
    }
}
