/**
 * {@code bench train}: {@link org.dpspark.bench.train.TrainBench} times one training step of a 192-atom water frame on
 * one core (kernel, DL4J vertex, SameDiff graph) against a one-thread dgemm peak, the memory of a water batch, and the
 * 1 → 2 worker speed-up of both engines (docs/benchmarks.md#train).
 */
package org.dpspark.bench.train;
