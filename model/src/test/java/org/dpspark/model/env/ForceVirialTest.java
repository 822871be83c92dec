package org.dpspark.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;

/**
 * Forces and virial from ∂E/∂R on a real Be frame (cell 10.4 Å &lt; 2 r_c: an atom meets several images of
 * the same neighbour), for a rotation-invariant test energy of the normalised environment matrix
 * E = Σ_i [α Σ_s R̃_s0² + β |Σ_s R̃_s,1:3|²]. Compared with central finite differences of E (h = 1e-5 Å for
 * positions, 1e-6 for strain): truncation and round-off both ≲ 1e-8 of the force scale; asserted 1e-6 relative.
 */
class ForceVirialTest {
    static final double ALPHA = 0.7, BETA = 1.3;
    static final int[] SEL = {80};

    static final double[] DAVG = new double[80 * 4], DSTD = new double[80 * 4];

    static {
        for (int s = 0; s < 80; s++) {
            DAVG[4 * s] = 0.08;
            DSTD[4 * s] = 0.11;
            DSTD[4 * s + 1] = DSTD[4 * s + 2] = DSTD[4 * s + 3] = 0.07;
        }
    }

    static SeAFrame frame(double[] pos, double[] cell, int[] types) {
        SeAEnvironment env = new SeAEnvironment(6.0, 0.5, SEL);
        SeAFrame f = env.computeFrame(types, new NeighborListBuilder(6.0).build(pos, cell, null), null);
        assertTrue(!f.overflowed());
        EnvNormalization.apply(f, types, DAVG, DSTD);
        return f;
    }

    static double energy(SeAFrame f, double[] dEdR) {
        double e = 0;
        int nn = f.nnei();
        for (int i = 0; i < f.natoms(); i++) {
            double vx = 0, vy = 0, vz = 0;
            for (int s = 0; s < nn; s++) {
                double r0 = f.env(i, s, 0);
                e += ALPHA * r0 * r0;
                if (dEdR != null) dEdR[4 * (i * nn + s)] = 2 * ALPHA * r0;
                vx += f.env(i, s, 1);
                vy += f.env(i, s, 2);
                vz += f.env(i, s, 3);
            }
            e += BETA * (vx * vx + vy * vy + vz * vz);
            if (dEdR != null) {
                for (int s = 0; s < nn; s++) {
                    int o = 4 * (i * nn + s);
                    dEdR[o + 1] = 2 * BETA * vx;
                    dEdR[o + 2] = 2 * BETA * vy;
                    dEdR[o + 3] = 2 * BETA * vz;
                }
            }
        }
        return e;
    }

    @Test
    void forcesAndVirialMatchFiniteDifferences() throws IOException {
        TestFrame tf = DeepmdSystem.read(SharedData.path("deepmd/Be-multiset")).get(0);
        int n = tf.natoms();
        SeAFrame f = frame(tf.positions(), tf.cell(), tf.types());
        double[] dEdR = new double[n * f.nnei() * 4];
        energy(f, dEdR);
        double[] forces = new double[3 * n], virial = new double[9], atomVirial = new double[9 * n];
        ForceVirial.compute(f, dEdR, forces, virial, atomVirial);

        double fscale = 0;
        for (double x : forces) fscale = Math.max(fscale, Math.abs(x));
        assertTrue(fscale > 0);
        double h = 1e-5;
        for (int k = 0; k < 6; k++) {
            for (int b = 0; b < 3; b++) {
                double[] p = tf.positions().clone();
                p[3 * k + b] += h;
                double up = energy(frame(p, tf.cell(), tf.types()), null);
                p[3 * k + b] -= 2 * h;
                double dn = energy(frame(p, tf.cell(), tf.types()), null);
                assertEquals(-(up - dn) / (2 * h), forces[3 * k + b], 1e-6 * fscale, "force on atom " + k + " dir " + b);
            }
        }
        double sumF = 0;
        for (int b = 0; b < 3; b++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += forces[3 * k + b];
            sumF = Math.max(sumF, Math.abs(s));
        }
        assertTrue(sumF <= 1e-12 * n * fscale, "forces must sum to zero (translation invariance)");

        // virial: Ξ[α][β] = −∂E/∂ε_βα under r → r(I+ε), h → h(I+ε)
        double vscale = 0;
        for (double x : virial) vscale = Math.max(vscale, Math.abs(x));
        double eps = 1e-6;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double up = energy(strained(tf, b, a, eps), null);
                double dn = energy(strained(tf, b, a, -eps), null);
                assertEquals(-(up - dn) / (2 * eps), virial[3 * a + b], 1e-6 * vscale, "virial " + a + b);
            }
        }
        // per-atom virials sum to the virial (same terms, other summation order)
        for (int c = 0; c < 9; c++) {
            double s = 0;
            for (int k = 0; k < n; k++) s += atomVirial[9 * k + c];
            assertEquals(virial[c], s, 1e-12 * Math.max(1, vscale) * n);
        }
    }

    static SeAFrame strained(TestFrame tf, int a, int b, double eps) {
        double[] m = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        m[3 * a + b] += eps;
        double[] pos = mul(tf.positions(), m), cell = mul(tf.cell(), m);
        return frame(pos, cell, tf.types());
    }

    static double[] mul(double[] rows, double[] m) {
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            for (int b = 0; b < 3; b++) y[i + b] = rows[i] * m[b] + rows[i + 1] * m[3 + b] + rows[i + 2] * m[6 + b];
        }
        return y;
    }
}
