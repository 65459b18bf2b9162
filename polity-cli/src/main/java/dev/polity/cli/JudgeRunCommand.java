package dev.polity.cli;

import dev.polity.input.AtomicFile;
import dev.polity.input.CsvTable;
import dev.polity.input.CsvWriter;
import dev.polity.input.InvalidInputException;
import dev.polity.judge.Answer;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.DerogationDetector;
import dev.polity.judge.learn.JudgeModel;
import dev.polity.judge.RefusalDetector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity judge run}: copies a CSV and adds each row's {@code verdict} and {@code score}. */
@Command(name = "run", description = "Judge every row of a CSV file in-process and write it with verdict and score columns.")
public final class JudgeRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--detector", required = true, description = "refusal or derogation")
    DetectorKind detector;

    @Option(names = "--model", description = "Model file from 'polity judge train' (default: the model shipped with Polity).")
    Path model;

    @Option(names = "--input", required = true, description = "CSV file with a header row.")
    Path input;

    @Option(names = "--text-column", required = true, description = "Column with the answer text.")
    String textColumn;

    @Option(names = "--prompt-column", description = "Column with the prompt (optional).")
    String promptColumn;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Option(names = "--group-scores", description = "derogation with a group-aware model (--groups): also a score_<column>_<group> column per group "
            + "and disagreement (per column the largest minus the smallest group score; the largest of those).")
    boolean groupScores;

    @Override
    public Integer call() throws Exception {
        if (detector == DetectorKind.norm) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--detector norm: the norm judge judges an answer against a norm; use polity check, or polity judge check norms --data FILE.jsonl");
        }
        Main.of(spec).doing("judging " + input);
        CsvTable table = CsvTable.read(input);
        int text = table.column(textColumn, "--text-column");
        int prompt = promptColumn == null ? -1 : table.column(promptColumn, "--prompt-column");
        List<Answer> answers = new ArrayList<>();
        for (CsvTable.Row r : table.rows()) {
            answers.add(new Answer(prompt < 0 ? "" : r.values().get(prompt), r.values().get(text)));
        }
        CachedEmbedder embedder = CachedEmbedder.miniLm();
        List<String> verdicts = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<String> extraHeader = new ArrayList<>();
        List<List<Double>> extra = new ArrayList<>();
        try (EmbeddingProgress progress = new EmbeddingProgress(Main.of(spec).progress(), "judging", answers.size())) {
            if (detector == DetectorKind.refusal) {
                if (groupScores) {
                    throw new InvalidInputException(null, "--group-scores: only the derogation detector has group heads");
                }
                RefusalDetector d = model == null ? RefusalDetector.withDefaultModel(embedder) : new RefusalDetector(JudgeModel.read(model), embedder);
                for (RefusalDetector.Judgement j : d.classify(answers, progress.step())) {
                    verdicts.add(j.label().wireName());
                    scores.add(j.score());
                }
            } else {
                DerogationDetector d = model == null ? DerogationDetector.withDefaultModel(embedder) : new DerogationDetector(JudgeModel.read(model), embedder);
                if (groupScores && d.model().groupHeads().isEmpty()) {
                    throw new InvalidInputException(model == null ? "<default model>" : model.toString(), 0,
                            "--group-scores: the model has no group heads; train one with polity judge train --groups COLUMN");
                }
                for (double[] v : d.outputs(answers.stream().map(Answer::text).toList(), progress.step())) {
                    verdicts.add(v[0] > 0.5 ? "derogatory" : "not_derogatory");
                    scores.add(v[0]);
                    if (groupScores) {
                        List<Double> row = new ArrayList<>();
                        for (int h = 1; h < v.length; h++) {
                            row.add(v[h]);
                        }
                        row.add(DerogationDetector.disagreement(d.model(), v));
                        extra.add(row);
                    }
                }
                if (groupScores) {
                    extraHeader.addAll(d.model().outputs().subList(1, d.model().outputs().size()));
                    extraHeader.add("disagreement");
                }
            }
        }
        write(table, verdicts, scores, extraHeader, extra);
        spec.commandLine().getOut().println("Judged " + Tables.count(answers.size(), "row") + " with the " + detector + " detector; wrote " + out);
        return ExitCode.DONE.code;
    }

    private void write(CsvTable table, List<String> verdicts, List<Double> scores, List<String> extraHeader, List<List<Double>> extra) throws Exception {
        List<String> header = new ArrayList<>(table.header().names());
        int verdictAt = header.indexOf("verdict");
        int scoreAt = header.indexOf("score");
        if (verdictAt < 0) {
            header.add("verdict");
            verdictAt = header.size() - 1;
        }
        if (scoreAt < 0) {
            header.add("score");
            scoreAt = header.size() - 1;
        }
        int[] extraAt = new int[extraHeader.size()];
        for (int k = 0; k < extraAt.length; k++) {
            extraAt[k] = header.indexOf(extraHeader.get(k));
            if (extraAt[k] < 0) {
                header.add(extraHeader.get(k));
                extraAt[k] = header.size() - 1;
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFile.folder(parent);
        }
        int verdictColumn = verdictAt;
        int scoreColumn = scoreAt;
        CsvWriter.write(out, w -> {
            for (int i = 0; i < table.rows().size(); i++) {
                List<String> row = new ArrayList<>(table.rows().get(i).values());
                while (row.size() < header.size()) {
                    row.add("");
                }
                row.set(verdictColumn, verdicts.get(i));
                row.set(scoreColumn, String.format(Locale.ROOT, "%.4f", scores.get(i)));
                for (int k = 0; k < extraAt.length; k++) {
                    row.set(extraAt[k], String.format(Locale.ROOT, "%.4f", extra.get(i).get(k)));
                }
                w.row(row.toArray());
            }
        }, header.toArray(String[]::new));
    }
}
