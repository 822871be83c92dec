/**
 * The model as a DL4J network, for the dl4j-spark engine: {@link org.dpspark.train.dl4j.DeepPotNetwork} (inputs →
 * {@link org.dpspark.train.dl4j.DeepPotVertex}, the whole model as one vertex → loss layer with
 * {@link org.dpspark.train.dl4j.WeightedSquaredError}), its runtime vertex
 * {@link org.dpspark.train.dl4j.DeepPotGraphVertex} (kernel or SameDiff), batches as
 * {@link org.dpspark.train.dl4j.DeepPotBatch}, Adam with a global step ({@link org.dpspark.train.dl4j.StepAdam}) and
 * resident-memory control ({@link org.dpspark.train.dl4j.NativeMemory}; docs/stack.md#nd4j-openblas-and-native-memory).
 */
package org.dpspark.train.dl4j;
