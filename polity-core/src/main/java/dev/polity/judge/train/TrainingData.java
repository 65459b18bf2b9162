package dev.polity.judge.train;

import dev.polity.input.CsvTable;
import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Labelled texts read from one or more CSV files by column name, and the SHA-256 of those files' bytes
 * (concatenated in order) for the model's provenance.
 */
public record TrainingData(List<String> inputs, String sha256, Columns columns, List<LabelledText> rows) {

    /** Column names; {@code prompt} and {@code id} may be null; {@code groups} are rater attributes (none: empty). */
    public record Columns(String text, String prompt, String label, String id, List<String> groups) {
        public Columns {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public Columns(String text, String prompt, String label, String id) {
            this(text, prompt, label, id, List.of());
        }
    }

    public static TrainingData read(List<Path> files, Columns columns) {
        List<LabelledText> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            CsvTable t = CsvTable.read(f);
            int text = t.column(columns.text(), "--text-column");
            int label = t.column(columns.label(), "--label-column");
            int prompt = columns.prompt() == null ? -1 : t.column(columns.prompt(), "--prompt-column");
            int id = columns.id() == null ? -1 : t.column(columns.id(), "--id-column");
            int[] groups = columns.groups().stream().mapToInt(g -> t.column(g, "--groups")).toArray();
            for (CsvTable.Row r : t.rows()) {
                List<String> v = r.values();
                List<String> g = new ArrayList<>(groups.length);
                for (int c : groups) {
                    if (r.isBlank(c)) {
                        throw new InvalidInputException(t.file(), r.line(), "--groups: the rater's '" + t.header().name(c)
                                + "' is empty; every rating needs its rater's group");
                    }
                    g.add(v.get(c).strip());
                }
                rows.add(new LabelledText(t.file(), r.line(), id < 0 ? t.file() + ":" + r.line() : v.get(id),
                        prompt < 0 ? "" : v.get(prompt), v.get(text), v.get(label), g));
            }
            names.add(f.getFileName().toString());
        }
        return new TrainingData(List.copyOf(names), sha256(files), columns, List.copyOf(rows));
    }

    public static String sha256(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                try (DigestInputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    while (in.read(buf) >= 0) {
                        // reading feeds the digest
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
