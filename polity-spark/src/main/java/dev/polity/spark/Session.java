package dev.polity.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job. Under spark-submit the cluster's settings stand; run from bin/polity or a
 * test it is local mode, bound to the loopback address with the web UI off, so that nothing listens
 * beyond this machine.
 */
final class Session {
    private Session() {
    }

    /** A session for {@code master} (e.g. {@code local[2]}) unless spark-submit has set one. */
    static SparkSession start(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("polity");
        if (System.getProperty("spark.master") == null) {
            b.master(master)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    // a local job's shuffles are small: one partition per core, not Spark's 200
                    .config("spark.sql.shuffle.partitions", Integer.toString(2 * Runtime.getRuntime().availableProcessors()));
        }
        SparkSession spark = b.config("spark.sql.session.timeZone", "UTC").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
