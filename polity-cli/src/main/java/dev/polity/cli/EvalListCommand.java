package dev.polity.cli;

import dev.polity.store.RunRecord;
import dev.polity.store.RunStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code polity eval list}: the runs in a store, newest first. */
@Command(name = "list", description = "List the runs in a store, newest first: id, started, suite, models, answered of planned.")
public final class EvalListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "PATH|JDBC_URL", defaultValue = EvalCommand.DEFAULT_STORE,
            description = "Run store (default: ${DEFAULT-VALUE}).")
    String store;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Main.of(spec).doing("listing the runs in " + store);
        if (!RunStore.exists(store)) {
            o.println("No runs in " + store + " (no store there yet); start one with polity eval run SUITE");
            return 0;
        }
        try (RunStore st = RunStore.open(store, CommandClock.get())) {
            List<String> ids = st.runIds();
            if (ids.isEmpty()) {
                o.println("No runs in " + st.location() + "; start one with polity eval run SUITE");
                return ExitCode.DONE.code;
            }
            List<List<String>> rows = new ArrayList<>();
            for (String id : ids) {
                RunRecord r = st.run(id).orElseThrow();
                Map<String, Object> s = r.provenance().settings();
                int answered = r.answers().size();
                int unanswered = st.unanswered(id).size();
                rows.add(List.of(id, r.created().toString().substring(0, 19).replace('T', ' '), String.valueOf(s.getOrDefault("suite_name", "?")),
                        answered + "/" + (answered + unanswered) + " answered" + (unanswered > 0 ? " (resumable)" : ""),
                        String.valueOf(s.getOrDefault("models", r.provenance().modelSpec()))));
            }
            o.print(Tables.columns(rows));
            return ExitCode.DONE.code;
        }
    }
}
