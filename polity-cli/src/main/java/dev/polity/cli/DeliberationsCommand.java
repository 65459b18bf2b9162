package dev.polity.cli;

import dev.polity.deliberation.Conversation;
import dev.polity.deliberation.PolisExport;
import dev.polity.input.InvalidInputException;
import dev.polity.input.TextFile;
import dev.polity.store.DeliberationStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polity deliberations create|import|export}: the web app's deliberations in a store (docs/APP.md). */
@Command(name = "deliberations", description = "Deliberations of the participation web app (polity serve, docs/APP.md) in a store.",
        subcommands = {DeliberationsCommand.CreateCommand.class, DeliberationsCommand.ImportCommand.class, DeliberationsCommand.ExportCommand.class})
public final class DeliberationsCommand extends CommandGroup {

    /** The store option every subcommand shares. */
    static final class Store {
        @Option(names = "--store", required = true, paramLabel = "STORE", description = "A SQLite file or a jdbc:postgresql:// URL, as for serve.")
        String store;

        DeliberationStore open() {
            return DeliberationStore.open(store, CommandClock.get());
        }

        /** For commands that only read: a missing store is an error, never created. */
        DeliberationStore existing() {
            return DeliberationStore.openExisting(store, CommandClock.get());
        }
    }

    /** The participant link of a deliberation: open to anyone, or with its invite token. */
    static String link(DeliberationStore.Stored d) {
        return d.open() ? "/d/" + d.id() : "/d/" + d.id() + "/join/" + d.inviteToken();
    }

    static void printCreated(PrintWriter out, DeliberationStore.Stored d) {
        out.println(d.id());
        out.println(link(d));
    }

    @Command(name = "create", description = "Create a deliberation with seed statements (one per line of FILE). Prints its id on the first line "
            + "and its participant link (a path under /d/) on the second.")
    static final class CreateCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Store store;

        @Option(names = "--title", required = true, description = "The question put to participants.")
        String title;

        @Option(names = "--description", defaultValue = "", description = "More about the question (optional).")
        String description;

        @Option(names = "--statements", required = true, paramLabel = "FILE", description = "Seed statements, one per line (UTF-8; blank lines skipped).")
        Path statements;

        @Option(names = "--invite-only", description = "Only people with the invite link may join (default: anyone with the link).")
        boolean inviteOnly;

        @Option(names = "--closes", paramLabel = "DATE", description = "The date it closes, YYYY-MM-DD (optional).")
        String closes;

        @Override
        public Integer call() {
            if (title.isBlank()) {
                throw new InvalidInputException(null, "--title: expected the question, got nothing");
            }
            String day = closes == null ? null : CommandClock.date("--closes", closes).toString();
            List<String> seeds = TextFile.read(statements).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            Main.of(spec).doing("creating a deliberation in " + store.store);
            try (DeliberationStore s = store.open()) {
                printCreated(spec.commandLine().getOut(), s.create(new DeliberationStore.NewDeliberation(title.strip(), description.strip(),
                        !inviteOnly, day, List.of()), seeds));
            }
            return ExitCode.DONE.code;
        }
    }

    @Command(name = "import", description = "Import a Polis export folder (comments.csv, votes.csv) as a new deliberation, to continue or analyse it. "
            + "Prints its id and participant link as create does.")
    static final class ImportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Store store;

        @Parameters(index = "0", paramLabel = "DIR", description = "The Polis export folder.")
        Path dir;

        @Option(names = "--title", description = "Its title (default: the folder's name).")
        String title;

        @Option(names = "--invite-only", description = "Only people with the invite link may join.")
        boolean inviteOnly;

        @Override
        public Integer call() {
            Main.of(spec).doing("importing " + dir);
            Conversation c = PolisExport.read(dir, java.util.Set.of());
            PrintWriter err = spec.commandLine().getErr();
            c.warnings().forEach(w -> err.println("warning: " + w));
            try (DeliberationStore s = store.open()) {
                printCreated(spec.commandLine().getOut(), s.importConversation(c, new DeliberationStore.NewDeliberation(
                        title == null ? c.name() : title, "", !inviteOnly, null, List.of())));
            }
            return ExitCode.DONE.code;
        }
    }

    @Command(name = "export", description = "Write a deliberation in Polis's export format: comments.csv and votes.csv "
            + "(one row per participant and statement, the latest vote), which polity deliberate reads.")
    static final class ExportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Store store;

        @Parameters(index = "0", paramLabel = "ID", description = "The deliberation's id.")
        String id;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (created when missing).")
        Path out;

        @Override
        public Integer call() throws IOException {
            Main.of(spec).doing("exporting " + id);
            try (DeliberationStore s = store.existing()) {
                if (s.deliberation(id).isEmpty()) {
                    throw new InvalidInputException(null, "ID: no deliberation '" + id + "' in " + s.location());
                }
                s.exportPolis(id, out);
            }
            spec.commandLine().getErr().println("wrote " + out.resolve("comments.csv") + " and " + out.resolve("votes.csv"));
            return ExitCode.DONE.code;
        }
    }
}
