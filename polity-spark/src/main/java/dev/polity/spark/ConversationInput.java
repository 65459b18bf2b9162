package dev.polity.spark;

import dev.polity.deliberation.Deliberation;
import dev.polity.deliberation.PolisExport;
import dev.polity.input.InvalidInputException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of 'spark deliberate' and 'spark bridge', as 'polity deliberate' has them. */
final class ConversationInput {
    @Parameters(paramLabel = "DIR", description = "Polis export folder (votes.csv or votes.parquet; comments.csv, participants-votes.csv "
            + "when there), or a participant,statement,vote[,timestamp] table (CSV or Parquet).")
    String dir;

    @Option(names = "--meta", paramLabel = "IDS", description = "Meta statements (e.g. demographic questions) to leave out of the analysis: 1,4-14.")
    String meta;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for k-means++ and the factorisation (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-votes", defaultValue = "7", description = "Votes a participant needs to be clustered (default: ${DEFAULT-VALUE}, capped at the number of statements).")
    int minVotes;

    SparkConversation read(SparkSession spark, Stages stages) {
        if (minVotes < 1) {
            throw new InvalidInputException(null, "--min-votes: expected a positive number, got " + minVotes);
        }
        return stages.time("read and check", () -> SparkConversation.read(spark, dir, PolisExport.parseIds(meta)));
    }

    Deliberation.Options options() {
        Deliberation.Options d = Deliberation.Options.DEFAULTS;
        return new Deliberation.Options(seed, d.restarts(), d.baseK(), d.maxGroups(), minVotes, true);
    }
}
