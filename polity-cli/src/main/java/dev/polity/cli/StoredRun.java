package dev.polity.cli;

import dev.polity.store.RunStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options that name a stored evaluation run: its id, the store it is in, and its suite file if it moved. */
final class StoredRun {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (polity eval list).")
    String run;

    @Option(names = "--store", paramLabel = "PATH|JDBC_URL", defaultValue = EvalCommand.DEFAULT_STORE,
            description = "Run store (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--suite", paramLabel = "FILE", description = "The run's suite file, when it moved (it must be unchanged).")
    Path suite;

    /** The store, which must exist: reading a run never creates an empty store (or its folder). */
    RunStore open() {
        return RunStore.openExisting(store, CommandClock.get());
    }
}
