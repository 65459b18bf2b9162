package dev.polity.cli;

import dev.polity.judge.check.DataSets;
import dev.polity.judge.check.PopquornCheck;
import dev.polity.judge.embed.TextEmbedder;
import dev.polity.judge.check.XsTestCheck;
import java.nio.file.Path;
import java.util.Optional;

/** The real-data checks by the name the command line uses; each knows its data set and how to render its result. */
enum RealDataCheck {
    xstest(XsTestCheck.NAME, XsTestCheck.MARKER, "XSTest refusal detection"),
    popquorn(PopquornCheck.NAME, PopquornCheck.MARKER, "POPQUORN offensiveness");

    final String dataSet;
    final String marker;
    final String title;

    RealDataCheck(String dataSet, String marker, String title) {
        this.dataSet = dataSet;
        this.marker = marker;
        this.title = title;
    }

    /** The set's folder under {@code root} (or under POLITY_DATA / ../shared/data when null), if it is there. */
    Optional<Path> find(Path root) {
        return DataSets.find(root != null ? root : DataSets.root().orElse(null), dataSet, marker);
    }

    /** Runs the check, its progress on stderr. */
    CheckOutcome run(Path dir, TextEmbedder embedder, ProgressMode mode) {
        try (Progress progress = Progress.start(mode, name(), "texts", -1)) {
            return switch (this) {
                case xstest -> new CheckOutcome.XsTest(XsTestCheck.run(dir, embedder, progress::update));
                case popquorn -> new CheckOutcome.Popquorn(PopquornCheck.run(dir, embedder, progress::update));
            };
        }
    }
}
