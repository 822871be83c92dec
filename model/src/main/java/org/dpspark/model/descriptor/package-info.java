/**
 * Fixed-length invariant per-atom descriptors for dataset analysis ({@code featurize}, {@code select}), behind
 * {@link org.dpspark.model.descriptor.AtomicDescriptor}: Behler–Parrinello G2/G4/G5
 * ({@link org.dpspark.model.descriptor.BehlerParrinello}, parameters in
 * {@link org.dpspark.model.descriptor.SymmetryFunctionSet}, cutoffs
 * {@link org.dpspark.model.descriptor.CutoffFunction}) and se_e2_r radial features
 * ({@link org.dpspark.model.descriptor.SeE2rFeatures}); r in Å, η in Å⁻²
 * (docs/physics.md#analysis-descriptors-featurize-select). A new one implements {@code AtomicDescriptor} and gets a
 * {@code featurize.descriptor} name in featurize's {@code FeaturizeSettings} and {@code Featurizer}.
 */
package org.dpspark.model.descriptor;
