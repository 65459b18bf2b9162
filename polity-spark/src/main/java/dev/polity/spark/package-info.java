/**
 * The same aggregations on Apache Spark, for data that outgrows one machine: Bradley-Terry strengths from
 * pairwise comparisons, the deliberation statistics (PCA, opinion groups, repness, group-informed
 * consensus) and the bridging factorisation. Spark reads, validates, aggregates and holds the data in
 * partitions; every formula is polity-core's, called on a partition or on the aggregated statistics, so the
 * two cannot drift apart. {@code polity spark bt|deliberate|bridge} runs a job in local mode (bin/polity);
 * {@link dev.polity.spark.SparkMain} is the entry point for spark-submit (docs/SPARK.md).
 */
package dev.polity.spark;
