package org.dpspark.simulate.dp.kernel;

/**
 * Kernel (a): the normalised se_e2_a environment matrix and its derivative, one work item per slot of a chunk
 * of atoms. The neighbour list and the type-grouped, distance-sorted slot assignment stay on the host
 * (featurize's {@code SeAEnvironment.computeAtom} gives r_ij and the neighbour index per slot); this kernel
 * evaluates, exactly as {@code SeAEnvironment.writeSlot} + {@code SmoothSwitch} + {@code EnvNormalization}:
 * <pre>
 *   r = |r_ij|, w = switch(r), R = (w/r, w·x/r², w·y/r², w·z/r²),  ∂R/∂r_ij  (4×3)
 *   R̃ = (R − davg[t_i]) / dstd[t_i],  ∂R̃/∂r_ij = (∂R/∂r_ij) / dstd[t_i]
 * </pre>
 * Padding slots get R̃ = −davg/dstd and a zero derivative (they enter DeePMD-kit's sums as constants).
 *
 * <p>Inputs (frame-wide, put once per frame): {@code rij} n×N×3 Å, {@code nlist} n×N, {@code types} n;
 * {@code davg}, {@code dstd} T×N×4. Outputs (chunk-local): {@code env} B×N×4 Å⁻¹ (normalised),
 * {@code deriv} B×N×4×3 Å⁻² (normalised). Range: B·N work items (padded), {@code count} = B·N.
 */
final class EnvMatKernel extends WitnessKernel {
    double[] rij;
    int[] nlist;
    int[] types;
    double[] davg;
    double[] dstd;
    double[] env;
    double[] deriv;
    int nnei;
    int atom0;
    int count;
    double rcut;
    double rcutSmth;

    @Override
    public void run() {
        writeWitness();
        int gid = getGlobalId();
        if (gid < count) {
            int a = gid / nnei;
            int s = gid - a * nnei;
            int fs = atom0 * nnei + gid;
            int base = types[atom0 + a] * nnei * 4 + 4 * s;
            int e = 4 * gid;
            int d = 12 * gid;
            if (nlist[fs] < 0) {
                for (int c = 0; c < 4; c++) {
                    env[e + c] = (0.0 - davg[base + c]) / dstd[base + c];
                }
                for (int k = 0; k < 12; k++) {
                    deriv[d + k] = 0.0;
                }
            } else {
                slot(rij[3 * fs], rij[3 * fs + 1], rij[3 * fs + 2], base, e, d);
            }
        }
    }

    /** One real slot with displacement (x, y, z). */
    void slot(double x, double y, double z, int base, int e, int d) {
        double r = sqrt(x * x + y * y + z * z);
        double w = 1.0;
        double dw = 0.0;
        if (r >= rcut) {
            w = 0.0;
        } else if (r > rcutSmth) {
            double u = (r - rcutSmth) / (rcut - rcutSmth);
            w = u * u * u * (-6.0 * u * u + 15.0 * u - 10.0) + 1.0;
            dw = (3.0 * u * u * (-6.0 * u * u + 15.0 * u - 10.0) + u * u * u * (-12.0 * u + 15.0)) / (rcut - rcutSmth);
        }
        double r2 = r * r;
        double sd0 = dstd[base];
        double sd1 = dstd[base + 1];
        double sd2 = dstd[base + 2];
        double sd3 = dstd[base + 3];
        env[e] = (w / r - davg[base]) / sd0;
        env[e + 1] = (w * (x / r2) - davg[base + 1]) / sd1;
        env[e + 2] = (w * (y / r2) - davg[base + 2]) / sd2;
        env[e + 3] = (w * (z / r2) - davg[base + 3]) / sd3;
        double inr = 1.0 / r;
        double inr2 = inr * inr;
        double inr4 = inr2 * inr2;
        double c0 = (dw * inr - w * inr2) * inr;
        deriv[d] = c0 * x / sd0;
        deriv[d + 1] = c0 * y / sd0;
        deriv[d + 2] = c0 * z / sd0;
        row(0, x, x, y, z, w, dw, inr, inr2, inr4, d + 3, sd1);
        row(1, y, x, y, z, w, dw, inr, inr2, inr4, d + 6, sd2);
        row(2, z, x, y, z, w, dw, inr, inr2, inr4, d + 9, sd3);
    }

    /** Row a of ∂(w u_a/r²)/∂u_b = w(δ_ab/r² − 2u_a u_b/r⁴) + (u_a/r²)·w′·u_b/r, divided by dstd (as writeSlot). */
    void row(int a, double ua, double x, double y, double z, double w, double dw, double inr, double inr2, double inr4,
            int d, double sd) {
        deriv[d] = (w * ((a == 0 ? inr2 : 0.0) - 2.0 * ua * x * inr4) + ua * inr2 * dw * x * inr) / sd;
        deriv[d + 1] = (w * ((a == 1 ? inr2 : 0.0) - 2.0 * ua * y * inr4) + ua * inr2 * dw * y * inr) / sd;
        deriv[d + 2] = (w * ((a == 2 ? inr2 : 0.0) - 2.0 * ua * z * inr4) + ua * inr2 * dw * z * inr) / sd;
    }
}
