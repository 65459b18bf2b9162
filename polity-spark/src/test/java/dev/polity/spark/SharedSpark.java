package dev.polity.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for every test in the JVM (starting one costs seconds): two threads, two shuffle
 * partitions, so that every job runs on more than one partition, as on a cluster.
 */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = Session.start("local[2]");
            session.conf().set("spark.sql.shuffle.partitions", "2");
        }
        return session;
    }
}
