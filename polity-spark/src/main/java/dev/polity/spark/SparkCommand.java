package dev.polity.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polity.choice.AggregateJson;
import dev.polity.choice.GroupAnalysis;
import dev.polity.choice.Welfare;
import dev.polity.cli.ExitCode;
import dev.polity.input.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polity spark}: the same aggregations as {@code aggregate} and {@code deliberate}, run on Apache Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Run an aggregation on Apache Spark: in local mode here, or on a cluster with spark-submit (docs/SPARK.md).",
        subcommands = {SparkCommand.Bt.class, SparkCommand.Deliberate.class, SparkCommand.Bridge.class})
public final class SparkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    /** What every job shares: where it runs, what it prints and writes. */
    static final class Run {
        @Option(names = "--master", defaultValue = "local[*]", description = "Spark master when not under spark-submit (default: ${DEFAULT-VALUE}).")
        String master;

        @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
        boolean json;

        @Option(names = "--out", paramLabel = "DIR", description = "Write the results as Parquet and result.json into this folder "
                + "(a path, or a URI such as hdfs://... on a cluster).")
        String out;

        @Option(names = "--timings", description = "Print the seconds of each stage on stderr.")
        boolean timings;

        final Stages stages = new Stages();

        /** Prints the JSON or the summary, writes result.json, and the stage times when asked. */
        void finish(SparkSession spark, CommandSpec spec, Map<String, Object> result, String summary) throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (this.out != null) {
                new Storage(spark).write(this.out, "result.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            }
            if (json) {
                out.println(JSON.writeValueAsString(result));
            } else {
                out.print(summary);
            }
            if (timings) {
                spec.commandLine().getErr().print(stages.lines());
            }
            out.flush();
        }

        SparkSession session() {
            return stages.time("start Spark", () -> Session.start(master));
        }

        /** Writes rows as one Parquet file set {@code name} under --out. */
        void parquet(SparkSession spark, String name, StructType schema, List<Row> rows) {
            if (out != null) {
                stages.run("write Parquet", () -> spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
                        .parquet(Storage.child(out, name)));
            }
        }
    }

    @Command(name = "bt", mixinStandardHelpOptions = true,
            description = "Bradley-Terry strengths from pairwise comparisons (winner,loser[,weight,tie]; CSV or Parquet): "
                    + "the JSON of 'polity aggregate FILE --model bradley-terry --method ilsr --alpha 0 --json'.")
    static final class Bt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Run run;

        @Parameters(paramLabel = "FILE", description = "Pairwise comparisons: a CSV with header winner,loser[,weight,tie,...], or Parquet.")
        String file;

        @Option(names = "--fit", defaultValue = "auto", description = "Where the fit runs: driver (I-LSR on the summed pairs), "
                + "distributed (MM over partitions), or auto (distributed above " + PairwiseJob.DRIVER_PAIRS + " distinct pairs; default).")
        String fit;

        @Option(names = "--groups", split = ",", description = "Rater attributes defining groups, e.g. country,age_group (crossed when several), "
                + "as 'aggregate --groups': each group's fit, the collective ranking under every welfare function, who is worst off.")
        List<String> groups = new ArrayList<>();

        @Option(names = "--welfare", defaultValue = "utilitarian", description = "utilitarian, egalitarian, leximin or nash (default: ${DEFAULT-VALUE}).")
        String welfare;

        @Option(names = "--weights", defaultValue = "equal", description = "Group weights: equal or proportional (default: ${DEFAULT-VALUE}).")
        String weights;

        @Override
        public Integer call() throws IOException {
            Welfare w = Welfare.byId(welfare);
            GroupAnalysis.Weights mode = switch (weights) {
                case "equal" -> GroupAnalysis.Weights.EQUAL;
                case "proportional" -> GroupAnalysis.Weights.PROPORTIONAL;
                default -> throw new InvalidInputException(null, "--weights: expected equal or proportional, got '" + weights
                        + "' (weights from a file: polity aggregate)");
            };
            PairwiseJob.Where where = switch (fit.toLowerCase(Locale.ROOT)) {
                case "auto" -> PairwiseJob.Where.AUTO;
                case "driver" -> PairwiseJob.Where.DRIVER;
                case "distributed" -> PairwiseJob.Where.DISTRIBUTED;
                default -> throw new InvalidInputException(null, "--fit: expected auto, driver or distributed, got '" + fit + "'");
            };
            SparkSession spark = run.session();
            PairwiseJob.Result r = PairwiseJob.run(spark, file, where, groups, run.stages);
            Map<String, Object> json = AggregateJson.model(r.items(), r.fit(), "bradley-terry", 0, null, null);
            if (r.groups() != null) {
                GroupAnalysis.GroupInput in = r.groups();
                double[] wt = GroupAnalysis.weights(mode, in.groups(), in.sizes(), Map.of());
                json.put("groups", AggregateJson.groups(GroupAnalysis.of(r.items(), in.groups(), in.utility(), in.observed(), in.sizes(), wt, w),
                        groups, weights));
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < r.items().size(); i++) {
                rows.add(RowFactory.create(String.valueOf(r.items().get(i)), r.fit().theta()[i]));
            }
            run.parquet(spark, "strengths.parquet", new StructType().add("item", DataTypes.StringType).add("theta", DataTypes.DoubleType), rows);
            int best = 0;
            for (int i = 1; i < r.items().size(); i++) {
                best = r.fit().theta()[i] > r.fit().theta()[best] ? i : best;
            }
            String summary = String.format(Locale.ROOT, "%s: %d comparisons of %d items (%d pairs), fitted %s in %d iterations%s; strongest: %s%n",
                    file, r.comparisons(), r.items().size(), r.pairs(), r.distributed() ? "by MM over partitions" : "by I-LSR on the driver",
                    r.fit().iterations(), r.fit().converged() ? "" : " (NOT converged)", r.items().get(best));
            run.finish(spark, spec, json, summary);
            for (String note : r.unconverged()) {
                spec.commandLine().getErr().println("warning: " + file + ": " + note + "; the strengths are approximate");
            }
            // as 'aggregate': the numbers are printed, but a fit that stopped short is a check that failed
            return r.unconverged().isEmpty() ? ExitCode.DONE.code() : ExitCode.CHECK_FAILED.code();
        }
    }

    /** What the jobs on a conversation share: where they run, what they read. */
    abstract static class ConversationJob implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Run run;

        @Mixin
        ConversationInput input;
    }

    @Command(name = "deliberate", mixinStandardHelpOptions = true,
            description = "Opinion groups, repness and group-informed consensus of a Polis export (votes.csv[, comments.csv]) "
                    + "or a participant,statement,vote table (CSV or Parquet): those sections of 'polity deliberate DIR --json'.")
    static final class Deliberate extends ConversationJob {
        @Option(names = "--groups", paramLabel = "FILE", description = "Given opinion groups, participant,group (CSV or Parquet); "
                + "without it groups are computed (PCA and k-means, as 'polity deliberate').")
        String groups;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = run.session();
            DeliberationJob.Result r = DeliberationJob.run(spark, input.read(spark, run.stages), input.options(), groups, run.stages);
            run.parquet(spark, "statements.parquet", DeliberationJob.STATEMENT_SCHEMA, r.statementRows());
            run.parquet(spark, "participants.parquet", DeliberationJob.PARTICIPANT_SCHEMA, r.participantRows());
            run.finish(spark, spec, r.json(), String.format(Locale.ROOT, "%s: %d participants, %d statements analysed, %d opinion groups%n",
                    r.conversation().name(), r.conversation().participants().size(), r.columns().length, r.k()));
            return ExitCode.DONE.code();
        }
    }

    @Command(name = "bridge", mixinStandardHelpOptions = true,
            description = "Bridging scores by matrix factorisation (alternating least squares with intercepts, partitioned by "
                    + "participant and by statement): the bridging sections of 'polity deliberate DIR --json'.")
    static final class Bridge extends ConversationJob {
        @Override
        public Integer call() throws IOException {
            SparkSession spark = run.session();
            BridgingJob.Result r = BridgingJob.run(spark, input.read(spark, run.stages), input.options().seed(), run.stages);
            run.parquet(spark, "bridging.parquet", BridgingJob.SCHEMA, r.statementRows());
            run.finish(spark, spec, r.json(), String.format(Locale.ROOT, "%s: %d bridging statements of %d analysed, %d sweeps%n",
                    r.conversation().name(), r.bridgingCount(), r.conversation().columns().length, r.bridging().sweeps()));
            return ExitCode.DONE.code();
        }
    }
}
