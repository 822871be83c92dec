/**
 * DeePMD-kit's training schedule in plain Java: the staircase exponential {@link org.dpspark.train.loss.LearningRate},
 * the loss {@link org.dpspark.train.loss.Prefactors} tied to it (energy, force, virial) and
 * {@link org.dpspark.train.loss.Adam} on a flat parameter vector (docs/physics.md#loss-and-schedules).
 */
package org.dpspark.train.loss;
