package org.dpspark.model.descriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.neighbor.NeighborList;

/**
 * Test-only se_e2_a descriptor D = (1/N²) Gᵀ R̃ R̃ᵀ G_< (N = nnei, DeePMD-kit's {@code gr /= nnei} then
 * {@code gr·gr1ᵀ}) with a random 1→H→M tanh embedding net per neighbour type, built on {@link SeAEnvironment};
 * its analytic gradient is the chain rule through the embedding and the environment-matrix derivative.
 */
final class SeADescriptorForTest implements AtomicDescriptor {
    static final int H = 5, M = 6, ML = 3;
    private final SeAEnvironment env;
    private final int nnei;
    private final double[] davg, dstd;
    private final double[][] w1, b1, w2, b2;
    private final double[] R, dR, rt, drt, g, dg, T;
    private final int[] entries;

    SeADescriptorForTest(double rcut, double rcutSmth, int[] sel, long seed) {
        env = new SeAEnvironment(rcut, rcutSmth, sel);
        nnei = env.nnei();
        int nt = sel.length;
        Random rng = new Random(seed);
        davg = new double[nt * nnei * 4];
        dstd = new double[nt * nnei * 4];
        for (int t = 0; t < nt; t++) {
            double avg = 0.05 + 0.1 * rng.nextDouble(), sdr = 0.1 + 0.1 * rng.nextDouble(), sda = 0.05 + 0.1 * rng.nextDouble();
            for (int s = 0; s < nnei; s++) {
                int o = (t * nnei + s) * 4;
                davg[o] = avg;
                dstd[o] = sdr;
                dstd[o + 1] = dstd[o + 2] = dstd[o + 3] = sda;
            }
        }
        w1 = new double[nt][H]; b1 = new double[nt][H]; w2 = new double[nt][M * H]; b2 = new double[nt][M];
        for (int t = 0; t < nt; t++) {
            for (int h = 0; h < H; h++) { w1[t][h] = rng.nextGaussian(); b1[t][h] = rng.nextGaussian(); }
            for (int k = 0; k < M * H; k++) w2[t][k] = rng.nextGaussian() / Math.sqrt(H);
            for (int k = 0; k < M; k++) b2[t][k] = 0.3 * rng.nextGaussian();
        }
        R = new double[nnei * 4]; dR = new double[nnei * 12]; rt = new double[nnei * 4]; drt = new double[nnei * 12];
        g = new double[nnei * M]; dg = new double[nnei * M]; T = new double[4 * M];
        entries = new int[nnei];
    }

    @Override public double rcut() { return env.rcut(); }
    @Override public int dim() { return M * ML; }

    @Override
    public List<String> featureNames() {
        List<String> n = new ArrayList<>();
        for (int m = 0; m < M; m++) for (int k = 0; k < ML; k++) n.add("D[" + m + "][" + k + "]");
        return n;
    }

    @Override
    public void compute(int i, int[] types, NeighborList nl, double[] out, int outOff, double[] grad) {
        env.computeAtom(i, types, nl, R, 0, dR, 0, null, 0, null, 0, entries, 0, null);
        int base = types[i] * nnei * 4;
        for (int k = 0; k < nnei * 4; k++) {
            rt[k] = (R[k] - davg[base + k]) / dstd[base + k];
            for (int b = 0; b < 3; b++) drt[3 * k + b] = dR[3 * k + b] / dstd[base + k];
        }
        java.util.Arrays.fill(T, 0.0);
        for (int s = 0; s < nnei; s++) {
            int nt = typeOfSlot(s);
            double x = rt[4 * s];
            double[] hid = new double[H];
            double[] dhid = new double[H];
            for (int h = 0; h < H; h++) {
                hid[h] = Math.tanh(w1[nt][h] * x + b1[nt][h]);
                dhid[h] = (1 - hid[h] * hid[h]) * w1[nt][h];
            }
            for (int m = 0; m < M; m++) {
                double z = b2[nt][m], dz = 0;
                for (int h = 0; h < H; h++) { z += w2[nt][m * H + h] * hid[h]; dz += w2[nt][m * H + h] * dhid[h]; }
                double gm = Math.tanh(z);
                g[s * M + m] = gm;
                dg[s * M + m] = (1 - gm * gm) * dz;
                for (int c = 0; c < 4; c++) T[c * M + m] += rt[4 * s + c] * gm;
            }
        }
        double inv = 1.0 / ((double) nnei * nnei);
        for (int m = 0; m < M; m++) {
            for (int n = 0; n < ML; n++) {
                double v = 0;
                for (int c = 0; c < 4; c++) v += T[c * M + m] * T[c * M + n];
                out[outOff + m * ML + n] = v * inv;
            }
        }
        if (grad == null) return;
        int cnt = nl.count(i), start = nl.start(i);
        java.util.Arrays.fill(grad, 0, dim() * cnt * 3, 0.0);
        double[] dT = new double[4 * M * 3];
        for (int s = 0; s < nnei; s++) {
            if (entries[s] < 0) continue;
            int k = entries[s] - start;
            for (int c = 0; c < 4; c++) {
                for (int q = 0; q < M; q++) {
                    for (int b = 0; b < 3; b++) {
                        dT[(c * M + q) * 3 + b] = drt[(4 * s + c) * 3 + b] * g[s * M + q]
                                + rt[4 * s + c] * dg[s * M + q] * drt[(4 * s) * 3 + b];
                    }
                }
            }
            for (int m = 0; m < M; m++) {
                for (int n = 0; n < ML; n++) {
                    int f = m * ML + n;
                    for (int b = 0; b < 3; b++) {
                        double v = 0;
                        for (int c = 0; c < 4; c++) {
                            v += T[c * M + n] * dT[(c * M + m) * 3 + b] + T[c * M + m] * dT[(c * M + n) * 3 + b];
                        }
                        grad[(f * cnt + k) * 3 + b] += v * inv;
                    }
                }
            }
        }
    }

    private int typeOfSlot(int s) {
        int t = 0;
        while (t + 1 < env.ntypes() && s >= env.selOffset(t + 1)) t++;
        return t;
    }
}
