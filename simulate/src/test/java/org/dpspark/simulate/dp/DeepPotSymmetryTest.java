package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rotation, translation and permutation: energies invariant, forces and virials equivariant.
 * Tolerance 1e-9 (relative to values ≤ 10² eV): the transformed frame has different rounding in every position
 * (~1e-15 Å) and different summation orders; outputs move by ≲ 1e-12. Energies are compared without the
 * per-type constant bias so that the bound is not swamped by the −10³ eV total.
 */
class DeepPotSymmetryTest {
    static DeepPotEvaluator ev;
    static WaterFrame w;

    @BeforeAll
    static void setUp() throws Exception {
        ev = new DeepPotEvaluator(DeepPotModel.importDeepmd(GoldenCase.modelPath()));
        w = WaterFrame.load(20);
    }

    static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void rotation() {
        DeepPotResult r0 = ev.evaluate(w.coord, w.box, w.types);
        double[] rot = Numerics.rotation(0.3, -1.1, 2.0);
        DeepPotResult r1 = ev.evaluate(Numerics.rotate(w.coord, rot), Numerics.rotate(w.box, rot), w.types);
        assertTrue(maxDiff(r0.atomEnergy(), r1.atomEnergy()) < 1e-9, "atomic energies invariant");
        assertTrue(maxDiff(Numerics.rotate(r0.forces(), rot), r1.forces()) < 1e-9, "forces rotate");
        double[] v = Numerics.mul(rot, Numerics.mul(r0.virial(), Numerics.transpose(rot)));
        assertTrue(maxDiff(v, r1.virial()) < 1e-9, "virial R Ξ Rᵀ");
        assertTrue(maxDiff(r0.virial(), Numerics.transpose(r0.virial())) < 1e-9, "virial symmetric");
    }

    @Test
    void translation() {
        DeepPotResult r0 = ev.evaluate(w.coord, w.box, w.types);
        double[] p = w.coord.clone();
        for (int i = 0; i < p.length; i += 3) {
            p[i] += 3.7;
            p[i + 1] -= 20.1;
            p[i + 2] += 0.25;
        }
        DeepPotResult r1 = ev.evaluate(p, w.box, w.types);
        assertTrue(maxDiff(r0.atomEnergy(), r1.atomEnergy()) < 1e-9, "atomic energies");
        assertTrue(maxDiff(r0.forces(), r1.forces()) < 1e-9, "forces");
        assertTrue(maxDiff(r0.atomVirial(), r1.atomVirial()) < 1e-9, "per-atom virials");
    }

    @Test
    void permutation() {
        int n = w.types.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = (i * 67 + 13) % n; // 67 coprime with 192
        double[] p = new double[3 * n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = w.types[perm[i]];
            System.arraycopy(w.coord, 3 * perm[i], p, 3 * i, 3);
        }
        DeepPotResult r0 = ev.evaluate(w.coord, w.box, w.types);
        DeepPotResult r1 = ev.evaluate(p, w.box, t);
        double de = 0, df = 0, dv = 0;
        for (int i = 0; i < n; i++) {
            de = Math.max(de, Math.abs(r1.atomEnergy()[i] - r0.atomEnergy()[perm[i]]));
            for (int b = 0; b < 3; b++) df = Math.max(df, Math.abs(r1.forces()[3 * i + b] - r0.forces()[3 * perm[i] + b]));
            for (int b = 0; b < 9; b++) dv = Math.max(dv, Math.abs(r1.atomVirial()[9 * i + b] - r0.atomVirial()[9 * perm[i] + b]));
        }
        assertTrue(de < 1e-9 && df < 1e-9 && dv < 1e-9, "permutation: " + de + " " + df + " " + dv);
        assertTrue(Math.abs(r0.energy() - r1.energy()) < 1e-9, "total energy");
    }
}
