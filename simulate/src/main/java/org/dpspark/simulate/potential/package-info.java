/**
 * Interatomic potentials on neighbour lists: the {@link org.dpspark.simulate.potential.Potential} interface (full list)
 * and its fast half-list path {@link org.dpspark.simulate.potential.HalfListPotential}, with
 * {@link org.dpspark.simulate.potential.LennardJones} and {@link org.dpspark.simulate.potential.StillingerWeber}
 * (LAMMPS' forms and arithmetic); results in a reused {@link org.dpspark.simulate.potential.Evaluation} (energy eV,
 * forces n×3 eV/Å, virial 3×3 eV, Ξ = −Σ r_ij ⊗ ∂E/∂r_ij), configurations as
 * {@link org.dpspark.simulate.potential.Structure}.
 */
package org.dpspark.simulate.potential;
