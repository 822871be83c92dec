/**
 * The model as one SameDiff graph ({@code train.compute = samediff}, and the reference the kernel is tested against):
 * {@link org.dpspark.train.graph.DeepPotGraph} over the ops of {@link org.dpspark.train.graph.DeepPotOps}, forces and
 * virials as explicit derivative ops (SameDiff has no second-order autodiff), placeholders built by
 * {@link org.dpspark.train.graph.BatchBuilder} (per centre type one block of A_t rows × N slots, names in
 * {@link org.dpspark.train.graph.GraphNames}), inference through {@link org.dpspark.train.graph.Predictor}s, memory
 * reuse by {@link org.dpspark.train.graph.StepArena} (docs/physics.md#loss-and-schedules).
 */
package org.dpspark.train.graph;
