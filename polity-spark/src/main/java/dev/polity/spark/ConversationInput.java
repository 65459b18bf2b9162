package dev.polity.spark;

import dev.polity.cli.DeliberationOptions;
import dev.polity.deliberation.Deliberation;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** What 'spark deliberate' and 'spark bridge' read, with the analysis options of 'polity deliberate'. */
final class ConversationInput {
    @Parameters(paramLabel = "DIR", description = "Polis export folder (votes.csv or votes.parquet; comments.csv, participants-votes.csv "
            + "when there), or a participant,statement,vote[,timestamp] table (CSV or Parquet); a path, or a URI on a cluster.")
    String dir;

    @Mixin
    DeliberationOptions analysis;

    SparkConversation read(SparkSession spark, Stages stages) {
        options();
        return stages.time("read and check", () -> SparkConversation.read(spark, dir, analysis.metaIds()));
    }

    Deliberation.Options options() {
        return analysis.options(true);
    }
}
