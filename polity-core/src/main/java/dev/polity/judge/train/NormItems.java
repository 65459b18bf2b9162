package dev.polity.judge.train;

import dev.polity.input.InvalidInputException;
import dev.polity.input.JsonLines;
import dev.polity.judge.Outcome;
import dev.polity.norms.Constitution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled norm items from JSON Lines, the development set's format (docs/JUDGING.md): each line an
 * object with {@code norm} (an id of the constitution), {@code answer}, {@code verdict} ({@code complies}
 * or {@code violates}), and optionally {@code id}, {@code prompt}, {@code jurisdiction}, {@code language}
 * and {@code hard_case}. Other fields (the development set's {@code note}, {@code pair}) are ignored.
 */
public final class NormItems {
    /** The development set shipped with Polity (docs: its DATACARD.md beside it). */
    public static final String DEV_SET = "dev/polity/judge/norm-dev/items.jsonl";

    private NormItems() {
    }

    public static List<NormItem> read(Path file, Constitution constitution) {
        return items(JsonLines.read(file), constitution);
    }

    /**
     * The development set's items whose norm {@code constitution} defines (all of them for the starter
     * constitution, which it was written for; fewer for a constitution that leaves some of its norms out).
     */
    public static List<NormItem> devSet(Constitution constitution) {
        try (InputStream in = NormItems.class.getClassLoader().getResourceAsStream(DEV_SET)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEV_SET);
            }
            Map<String, dev.polity.norms.Norm> norms = constitution.byId();
            List<JsonLines.Line> known = JsonLines.read(DEV_SET, in).stream().filter(l -> norms.containsKey(l.text("norm"))).toList();
            return items(known, constitution);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<NormItem> items(List<JsonLines.Line> lines, Constitution constitution) {
        Map<String, dev.polity.norms.Norm> norms = constitution.byId();
        List<NormItem> out = new ArrayList<>();
        for (JsonLines.Line l : lines) {
            String norm = l.required("norm");
            if (!norms.containsKey(norm)) {
                throw new InvalidInputException(l.file(), l.number(), "'norm': no norm '" + norm + "' in " + constitution.name());
            }
            String verdict = l.required("verdict");
            Outcome o;
            try {
                o = Outcome.parse(verdict);
            } catch (IllegalArgumentException e) {
                o = null;
            }
            if (o != Outcome.COMPLIES && o != Outcome.VIOLATES) {
                throw new InvalidInputException(l.file(), l.number(), "'verdict' expected complies or violates, got '" + verdict + "'");
            }
            String id = l.text("id");
            String prompt = l.text("prompt");
            out.add(new NormItem(l.file(), l.number(), id == null ? l.file() + ":" + l.number() : id, norm, l.text("jurisdiction"),
                    prompt == null ? "" : prompt, l.required("answer"), o, l.text("language"), l.text("hard_case")));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(lines.isEmpty() ? "<input>" : lines.get(0).file(), 0, "no labelled items");
        }
        return out;
    }
}
