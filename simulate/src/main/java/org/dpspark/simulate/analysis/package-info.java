/**
 * Analysis of MD output: radial distribution functions g_ab(r) per species pair
 * ({@link org.dpspark.simulate.analysis.Rdf}, r in Å, periodic structures) and least-squares fits and moments of
 * sampled series ({@link org.dpspark.simulate.analysis.LinearFit}, e.g. the energy drift in eV/atom/ps).
 */
package org.dpspark.simulate.analysis;
