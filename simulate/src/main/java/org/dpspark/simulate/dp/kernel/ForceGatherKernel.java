package org.dpspark.simulate.dp.kernel;

/**
 * Kernel (f), one work item per atom: forces and per-atom virials gathered (no atomics: OpenCL 1.2 has none on
 * doubles) from the per-slot g = ∂E/∂r_ij through the reverse index of {@link ReverseIndex}. Entry
 * e = 2·slot + sign of atom j lists, in increasing slot order, the slots that touch j: its own slots (sign 0,
 * F_j += g) and the slots whose neighbour is j (sign 1, F_j −= g and Ξ^(j) −= g ⊗ r_ij, DeePMD-kit's
 * prod_virial_a convention). The summation order per atom is that of the reference's serial loop over slots, so
 * it is deterministic and independent of the device.
 *
 * <p>Inputs: {@code slotG} n×N×3 eV/Å, {@code rij} n×N×3 Å, {@code start} n+1, {@code entries}. Outputs:
 * {@code forces} n×3 eV/Å, {@code atomVirial} n×9 eV. Range: n work items, {@code count} = n.
 */
final class ForceGatherKernel extends WitnessKernel {
    double[] slotG;
    double[] rij;
    int[] start;
    int[] entries;
    double[] forces;
    double[] atomVirial;
    int count;

    @Override
    public void run() {
        writeWitness();
        int j = getGlobalId();
        if (j < count) {
            double fx = 0.0;
            double fy = 0.0;
            double fz = 0.0;
            double v0 = 0.0;
            double v1 = 0.0;
            double v2 = 0.0;
            double v3 = 0.0;
            double v4 = 0.0;
            double v5 = 0.0;
            double v6 = 0.0;
            double v7 = 0.0;
            double v8 = 0.0;
            for (int k = start[j]; k < start[j + 1]; k++) {
                int e = entries[k];
                int slot = e >> 1;
                double gx = slotG[3 * slot];
                double gy = slotG[3 * slot + 1];
                double gz = slotG[3 * slot + 2];
                if ((e & 1) == 0) {
                    fx += gx;
                    fy += gy;
                    fz += gz;
                } else {
                    fx -= gx;
                    fy -= gy;
                    fz -= gz;
                    double rx = rij[3 * slot];
                    double ry = rij[3 * slot + 1];
                    double rz = rij[3 * slot + 2];
                    v0 -= gx * rx;
                    v1 -= gx * ry;
                    v2 -= gx * rz;
                    v3 -= gy * rx;
                    v4 -= gy * ry;
                    v5 -= gy * rz;
                    v6 -= gz * rx;
                    v7 -= gz * ry;
                    v8 -= gz * rz;
                }
            }
            forces[3 * j] = fx;
            forces[3 * j + 1] = fy;
            forces[3 * j + 2] = fz;
            int v = 9 * j;
            atomVirial[v] = v0;
            atomVirial[v + 1] = v1;
            atomVirial[v + 2] = v2;
            atomVirial[v + 3] = v3;
            atomVirial[v + 4] = v4;
            atomVirial[v + 5] = v5;
            atomVirial[v + 6] = v6;
            atomVirial[v + 7] = v7;
            atomVirial[v + 8] = v8;
        }
    }
}
