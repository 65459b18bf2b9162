package dev.polity.cli;

import dev.polity.input.AtomicFile;
import dev.polity.judge.embed.CachedEmbedder;
import dev.polity.judge.check.DataSets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polity judge check xstest|popquorn}: runs a real-data check of the detectors and prints its table. */
@Command(name = "check", description = "Check the refusal (xstest) or derogation (popquorn) detector against real human labels, or the norm judge (norms) on the development set with norms held out.")
public final class JudgeCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECK", description = "xstest, popquorn or norms")
    RealDataCheck check;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding xstest/ and popquorn/, or the set's own folder (default: POLITY_DATA, else ../shared/data); for norms, a JSON Lines file of labelled items (default: the bundled development set).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write CHECK.md and CHECK.json there.")
    Path out;

    @Option(names = "--json", description = "Print JSON instead of the Markdown table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Main.of(spec).doing("running the " + check + " check");
        Path dir = check == RealDataCheck.norms ? data : DataSets.require(data, check.dataSet, check.marker);
        CheckOutcome outcome = check.run(dir, CachedEmbedder.miniLm(), Main.of(spec).progress());
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.print(outcome.jsonText());
        } else {
            o.println(outcome.markdown());
            o.println(outcome.terminal());
        }
        if (out != null) {
            AtomicFile.folder(out);
            AtomicFile.write(out.resolve(check.name() + ".md"), "# " + check.title + "\n\n" + outcome.markdown());
            AtomicFile.write(out.resolve(check.name() + ".json"), outcome.jsonText());
            (json ? spec.commandLine().getErr() : o).println("Wrote " + out.resolve(check.name() + ".md") + " and " + out.resolve(check.name() + ".json"));
        }
        return ExitCode.DONE.code;
    }
}
