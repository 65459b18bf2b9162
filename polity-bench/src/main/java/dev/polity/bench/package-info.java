/**
 * JMH benchmarks and generators of large inputs for the figures in docs/PERFORMANCE.md.
 */
package dev.polity.bench;
