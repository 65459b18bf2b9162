package dev.polity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.polity.guard.Evidence;
import dev.polity.input.AtomicFile;
import dev.polity.norms.Constitution;
import dev.polity.norms.ConstitutionLoader;
import dev.polity.report.EvidenceHtml;
import dev.polity.store.GatewayStore;
import dev.polity.store.RunStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity evidence}: the evidence pack for an auditor (index.html and evidence.json). */
@Command(name = "evidence", description = "Write an evidence pack for a period: constitution versions with their legal citations, evaluation runs per norm"
        + " and jurisdiction, gateway decisions and overrides, review outcomes and the audit chain's verification, mapped to the EU AI Act"
        + " articles they serve (9, 12, 13, 14, 15, 50); an HTML index and JSON.")
public final class EvidenceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--from", description = "YYYY-MM-DD or an ISO-8601 instant, inclusive (default: the beginning).")
    String from;

    @Option(names = "--to", description = "YYYY-MM-DD (the day included) or an ISO-8601 instant, exclusive (default: now).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write index.html and evidence.json to.")
    Path out;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "The gateway's store (SQLite file or jdbc:postgresql:// URL), with the evaluation runs.")
    String store;

    @Option(names = "--constitution", paramLabel = "FILE", description = "A constitution whose versions to describe (repeatable; default: constitutions/starter.yaml).")
    List<Path> constitutions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Clock clock = CommandClock.get();
        Instant start = AuditCommand.instant("--from", from, false);
        Instant end = to == null ? clock.instant() : AuditCommand.instant("--to", to, true);
        List<Constitution> known = new ArrayList<>();
        for (Path p : constitutions.isEmpty() ? List.of(Home.path("constitutions/starter.yaml")) : constitutions) {
            known.add(ConstitutionLoader.load(p));
        }
        Evidence e;
        try (GatewayStore gw = GatewayStore.openExisting(store, clock); RunStore runs = RunStore.openExisting(store, clock)) {
            AtomicFile.folder(out); // before the work: a file where the folder should be is said at once, by name
            e = Evidence.build(gw, runs, known, start, end, clock.instant());
        }
        AtomicFile.write(out.resolve("evidence.json"), JSON.writeValueAsString(e.sections()) + "\n");
        AtomicFile.write(out.resolve("index.html"), EvidenceHtml.page(e));
        spec.commandLine().getOut().println("Wrote " + out.resolve("index.html") + " and " + out.resolve("evidence.json"));
        return ExitCode.DONE.code;
    }
}
