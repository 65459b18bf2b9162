package dev.polity.report;

import dev.polity.input.AtomicFile;
import dev.polity.eval.Results;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes every report of a run into one folder. */
public final class Reports {
    public static final String HTML = "index.html";
    public static final String JSON = "results.json";
    public static final String JUNIT = "junit.xml";
    public static final String MARKDOWN = "summary.md";

    private Reports() {
    }

    /** A run's evaluation report as one self-contained HTML page (the index.html {@link #writeAll} writes). */
    public static String html(Results r) {
        return EvaluationHtml.render(r);
    }

    /** Writes index.html, results.json, junit.xml and summary.md into {@code dir}; returns the files written. */
    public static List<Path> writeAll(Results r, Path dir) throws IOException {
        AtomicFile.folder(dir);
        List<Path> out = List.of(dir.resolve(HTML), dir.resolve(JSON), dir.resolve(JUNIT), dir.resolve(MARKDOWN));
        AtomicFile.write(out.get(0), EvaluationHtml.render(r));
        AtomicFile.write(out.get(1), Json.render(r));
        AtomicFile.write(out.get(2), JUnitXml.render(r));
        AtomicFile.write(out.get(3), Markdown.render(r));
        return out;
    }
}
