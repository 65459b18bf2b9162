package dev.polity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polity.input.InvalidInputException;
import dev.polity.store.GatewayStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code polity audit verify|export}: the gateway's hash-chained audit log. */
@Command(name = "audit", description = "Verify or export the gateway's audit log.",
        subcommands = {AuditCommand.VerifyCommand.class, AuditCommand.ExportCommand.class})
public final class AuditCommand extends CommandGroup {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "verify", description = "Check the chain: exit 0 when it is intact, 3 naming the first edited, deleted, inserted or reordered record.")
    static final class VerifyCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "A SQLite file or a jdbc:postgresql:// URL.")
        String store;

        @Override
        public Integer call() {
            try (GatewayStore s = GatewayStore.openExisting(store, CommandClock.get())) {
                GatewayStore.Verification v = s.verify();
                if (v.intact()) {
                    spec.commandLine().getOut().println("audit log intact: " + v.records() + " records; last " + v.lastId() + ", hash " + v.lastHash());
                    return ExitCode.DONE.code;
                }
                spec.commandLine().getErr().println("audit log broken at record " + v.firstBad() + ": " + v.problem()
                        + " (records 1 to " + v.lastId() + " are intact)");
                return ExitCode.CHECK_FAILED.code;
            }
        }
    }

    @Command(name = "export", description = "Write the records of a period as JSON Lines (one record per line, in chain order).")
    static final class ExportCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "A SQLite file or a jdbc:postgresql:// URL.")
        String store;

        @Option(names = "--from", description = "YYYY-MM-DD or an ISO-8601 instant, inclusive (default: the beginning).")
        String from;

        @Option(names = "--to", description = "YYYY-MM-DD (the day included) or an ISO-8601 instant, exclusive (default: the end).")
        String to;

        @Override
        public Integer call() throws Exception {
            Instant start = instant("--from", from, false);
            Instant end = instant("--to", to, true);
            PrintWriter out = spec.commandLine().getOut();
            try (GatewayStore s = GatewayStore.openExisting(store, CommandClock.get())) {
                s.export(start, end, r -> {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("id", r.id());
                    n.put("time", r.time());
                    n.put("tenant", r.tenant());
                    n.put("kind", r.kind());
                    n.put("action", r.action());
                    try {
                        n.set("record", JSON.readTree(r.record()));
                    } catch (java.io.IOException e) {
                        n.put("record", r.record());
                    }
                    n.put("prev_hash", r.prevHash());
                    n.put("hash", r.hash());
                    out.println(n);
                });
            }
            return ExitCode.DONE.code;
        }
    }

    /** A day (its start; with {@code endOfDay} the next day's start) or an instant; null stays null. */
    static Instant instant(String option, String value, boolean endOfDay) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(null, option + ": expected YYYY-MM-DD or an ISO-8601 instant, got '" + value + "'");
        }
    }
}
