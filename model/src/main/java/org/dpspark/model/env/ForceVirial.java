package org.dpspark.model.env;

import java.util.Arrays;

/**
 * Forces and virials from the gradient of the energy with respect to the environment matrix, as
 * DeePMD-kit's {@code prod_force_a} / {@code prod_virial_a} (C++ library, {@code source/lib/src}).
 *
 * <p>Per slot (i, s → neighbour j) let g = ∂E/∂r_ij = Σ_c (∂E/∂R_{s,c})·(∂R_{s,c}/∂r_ij) (eV/Å).
 * Only r_ij = r_j − r_i enters, so the slot adds F_j −= g and F_i += g (F = −∂E/∂r), and
 * <pre>
 *   Ξ_αβ        −= g_α · (r_ij)_β                  (total virial, eV; Ξ = −Σ r_ij ⊗ ∂E/∂r_ij, transposed layout)
 *   Ξ^(j)_αβ    −= g_α · (r_ij)_β                  (per-atom virial, assigned to the NEIGHBOUR j)
 * </pre>
 * exactly as {@code prod_virial_a_cpu} ({@code virial[dd0*3+dd1] −= −net_deriv·rij[dd1]·env_deriv[dd0]} with
 * DeePMD's env_deriv = ∂R/∂r_i = −∂R/∂r_ij) and {@code atom_virial[j_idx*9+…]}, with j the owner atom of a
 * periodic image (DeePMD maps ghost indices back to local atoms). The PyTorch/dpmodel backends give the same
 * per-atom virial: F_k⊗r_k over extended atoms plus {@code atomic_virial_corr} equals −Σ_i ∂E_i/∂r_k ⊗ r_ik.
 * Σ_j Ξ^(j) = Ξ. For a rotation-invariant energy Ξ is symmetric, so the layout only matters per atom.
 *
 * <p>{@code dEdR} and the frame's {@code deriv} must refer to the same matrix (both raw, or both
 * normalised with {@link EnvNormalization}).
 */
public final class ForceVirial {
    private ForceVirial() {}

    /**
     * @param frame environment matrices with derivatives
     * @param dEdR ∂E/∂R, n×N×4 (eV·Å)
     * @param forces receives n×3 forces, eV/Å (overwritten)
     * @param virial receives 3×3 virial, eV (overwritten); may be null
     * @param atomVirial receives n×9 per-atom virials, eV (overwritten); may be null
     */
    public static void compute(SeAFrame frame, double[] dEdR, double[] forces, double[] virial, double[] atomVirial) {
        int n = frame.natoms, nnei = frame.nnei;
        Arrays.fill(forces, 0, 3 * n, 0.0);
        if (virial != null) Arrays.fill(virial, 0, 9, 0.0);
        if (atomVirial != null) Arrays.fill(atomVirial, 0, 9 * n, 0.0);
        double[] deriv = frame.deriv, rij = frame.rij;
        int[] nlist = frame.nlist;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < nnei; s++) {
                int slot = i * nnei + s;
                int j = nlist[slot];
                if (j < 0) continue;
                double gx = 0, gy = 0, gz = 0;
                for (int c = 0; c < 4; c++) {
                    double pref = dEdR[4 * slot + c];
                    int d = 3 * (4 * slot + c);
                    gx += pref * deriv[d];
                    gy += pref * deriv[d + 1];
                    gz += pref * deriv[d + 2];
                }
                forces[3 * i] += gx;
                forces[3 * i + 1] += gy;
                forces[3 * i + 2] += gz;
                forces[3 * j] -= gx;
                forces[3 * j + 1] -= gy;
                forces[3 * j + 2] -= gz;
                double rx = rij[3 * slot], ry = rij[3 * slot + 1], rz = rij[3 * slot + 2];
                if (virial != null) {
                    virial[0] -= gx * rx; virial[1] -= gx * ry; virial[2] -= gx * rz;
                    virial[3] -= gy * rx; virial[4] -= gy * ry; virial[5] -= gy * rz;
                    virial[6] -= gz * rx; virial[7] -= gz * ry; virial[8] -= gz * rz;
                }
                if (atomVirial != null) {
                    int v = 9 * j;
                    atomVirial[v] -= gx * rx; atomVirial[v + 1] -= gx * ry; atomVirial[v + 2] -= gx * rz;
                    atomVirial[v + 3] -= gy * rx; atomVirial[v + 4] -= gy * ry; atomVirial[v + 5] -= gy * rz;
                    atomVirial[v + 6] -= gz * rx; atomVirial[v + 7] -= gz * ry; atomVirial[v + 8] -= gz * rz;
                }
            }
        }
    }
}
