/**
 * DeePMD-kit-style model compression of se_e2_a models ({@code dp compress}): each embedding net
 * s̃ → G(s̃) (1 → M) replaced by quintic polynomials per output neuron on equal intervals
 * ({@link org.dpspark.model.compress.EmbeddingTable}), whose coefficients match the net's value, first and second
 * derivative at both knots of every interval ({@link org.dpspark.model.compress.NetDerivatives}); the input range from
 * the model's statistics and the smallest neighbour distance ({@link org.dpspark.model.compress.TableGrid});
 * the whole set per model with its settings ({@link org.dpspark.model.compress.Compression}) and its files in a model
 * directory ({@link org.dpspark.model.compress.CompressionFiles}). The fused evaluation is
 * {@code org.dpspark.model.eval.TabulatedEmbedding}.
 */
package org.dpspark.model.compress;
