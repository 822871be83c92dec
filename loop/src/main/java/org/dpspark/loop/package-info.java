/**
 * The concurrent-learning stage (DP-GEN's explore → select → label → train), run on the driver by
 * {@link org.dpspark.loop.LoopRunner} over typed settings ({@link org.dpspark.loop.LoopSettings}: the {@code loop},
 * {@code train} and {@code simulate} sections): MD exploration with the ensemble, model-deviation selection
 * ({@code SelectStep}, trust levels in eV/Å), labelling by a reference potential or a QM program ({@code LabelStep},
 * {@code Labeler}), training the ensemble ({@code TrainStep}, fine-tuning the previous models); resumable from
 * {@code state.json}, reported by {@link org.dpspark.loop.LoopReport} (docs/loop.md,
 * docs/physics.md#model-deviation-and-concurrent-learning).
 */
package org.dpspark.loop;
