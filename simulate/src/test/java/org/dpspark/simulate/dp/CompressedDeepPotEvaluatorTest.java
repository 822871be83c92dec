package org.dpspark.simulate.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.simulate.lattice.WaterBox;
import org.dpspark.simulate.potential.Structure;
import org.junit.jupiter.api.Test;

/**
 * The compressed model (tabulated embedding nets, {@link BatchedDeepPotEvaluator} with the table kernels) against
 * the same model uncompressed, on DeePMD-kit's water frames with DeePMD-kit's deeppot_sea and on a water box with a
 * random net of the water example's shapes; finite-difference forces of the compressed model; overflow counting.
 *
 * <p>Accuracy bound, derived from the interpolation error: a table of stride t differs from its net by the Hermite
 * remainder ≤ max|G⁽⁶⁾|·(t/2)⁶/6! (EmbeddingTableTest checks the t⁶ law on the nets), and energies, forces and
 * virials are smooth functions of G, so to first order their differences scale as t⁶ too. The test measures the
 * differences at coarse strides 0.4 and 0.2 (both sub-tables scale: 10× the stride beyond the upper bound; finer
 * strides are already at round-off), checks the ratio ≈ 2⁶, and bounds the differences at the default stride 0.01
 * by 4·Δ(0.2)·(0.01/0.2)⁶ (a factor 4 for the higher-order terms) plus the batched evaluator's round-off bound
 * against a reordered evaluation (1e-10 + 1e-12·|x|, {@link BatchedDeepPotEvaluatorTest}): at stride 0.01 the
 * interpolation error (≲ 1e-17 eV) is far below round-off, and the measured differences are round-off (≲ 1e-13).
 */
class CompressedDeepPotEvaluatorTest {

    /** Smallest interatomic distance of a frame, Å (as DeePMD-kit's neighbour statistics). */
    static double minDistance(double[] pos, double[] cell) {
        NeighborList nl = new NeighborListBuilder(2.0).build(pos, cell, null);
        double d = Double.POSITIVE_INFINITY;
        for (int p = 0; p < nl.size(); p++) d = Math.min(d, nl.distance(p));
        return d;
    }

    static DeepPotModel compressed(DeepPotModel m, double rmin, double stride) {
        return m.withCompression(Compression.build(m.seA(), rmin, stride, 5, -1));
    }

    /** Max |a − b| over all components. */
    static double maxDiff(double[] a, double[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
        return w;
    }

    static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s / a.length);
    }

    /** {max|ΔE_i|, max|ΔF|, max|ΔΞ|} of a compressed evaluation against the uncompressed one. */
    static double[] diffs(DeepPotResult c, DeepPotResult u) {
        return new double[] {maxDiff(c.atomEnergy(), u.atomEnergy()), maxDiff(c.forces(), u.forces()),
                maxDiff(c.virial(), u.virial())};
    }

    static void checkAgainstUncompressed(DeepPotModel m, double[] pos, double[] cell, int[] types, String label) {
        double rmin = minDistance(pos, cell);
        DeepPotResult u = new BatchedDeepPotEvaluator(m, 32).evaluate(pos, cell, types);
        double[][] d = new double[3][];
        double[] strides = {0.4, 0.2, 0.01};
        BatchedDeepPotEvaluator last = null;
        DeepPotResult lastR = null;
        for (int k = 0; k < 3; k++) {
            last = new BatchedDeepPotEvaluator(compressed(m, rmin, strides[k]), 32);
            lastR = last.evaluate(pos, cell, types);
            assertEquals(0, last.lastTableOverflow(), label + ": no input outside the table (r_min from the frame)");
            d[k] = diffs(lastR, u);
        }
        System.out.printf("%s compressed vs uncompressed (r_min %.3f Å), max|Δ| atom energy / force / virial:"
                + " stride 0.4 %.2e %.2e %.2e, 0.2 %.2e %.2e %.2e, 0.01 %.2e %.2e %.2e eV(/Å); stride 0.01: |ΔE| %.2e eV,"
                + " rms ΔF %.2e eV/Å%n", label, rmin, d[0][0], d[0][1], d[0][2], d[1][0], d[1][1], d[1][2], d[2][0],
                d[2][1], d[2][2], Math.abs(lastR.energy() - u.energy()), rms(lastR.forces(), u.forces()));
        assertEquals(BatchedDeepPotEvaluator.MODE_COMPRESSED, lastR.executionMode());
        double[][] values = {u.atomEnergy(), u.forces(), u.virial()};
        String[] what = {"atom energies", "forces", "virial"};
        for (int q = 0; q < 3; q++) {
            double ratio = d[0][q] / d[1][q];
            // each G converges as t⁶ (ratio 64, EmbeddingTableTest); an energy, force or virial sums signed interval
            // errors that cancel unevenly from one stride to the other (measured ratios 25–67): accepted 16–130, so a
            // table of lower order (a wrong c3…c5 gives t³, ratio ≤ 8) fails
            assertTrue(ratio > 16 && ratio < 130, label + " " + what[q] + ": convergence ratio " + ratio + " (t⁶: 64)");
            double bound = 4 * d[1][q] * Math.pow(0.01 / 0.2, 6) + 1e-10 + 1e-12 * Numerics.maxAbs(values[q]);
            assertTrue(d[2][q] <= bound, label + " " + what[q] + ": stride 0.01 max|Δ| " + d[2][q] + " > bound " + bound);
        }
    }

    @Test
    void deeppotSeaOnDeepmdWaterFrames() throws Exception {
        DeepPotModel sea = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        for (int f : new int[] {0, 7}) {
            WaterFrame w = WaterFrame.load(f);
            checkAgainstUncompressed(sea, w.coord, w.box, w.types, "deeppot_sea, water data_0 frame " + f);
        }
    }

    @Test
    void waterExampleNetOnWaterBox() {
        DeepPotModel m = DeepPotModels.random(DeepPotModels.Spec.waterExample(), 0.05, 0.08, 0.05,
                new double[] {-93.6, -187.1}, 2);
        Structure s = WaterBox.build(64, 1.0, 1L);
        int[] types = DeepPotPotential.forStructure(new BatchedDeepPotEvaluator(m), s).modelTypes(s.types()).clone();
        checkAgainstUncompressed(m, s.positions(), s.cell(), types, "water-example net, 64-molecule box");
    }

    @Test
    void forcesAndVirialAreTheCompressedEnergysDerivatives() throws Exception {
        // the compressed energy is a C² piecewise quintic in s̃, so central differences apply as in
        // DeepPotDerivativeTest: h = 1e-5 Å, truncation h²/6·|E‴| ≲ 1e-9 eV/Å, round-off ≲ 1e-8 eV/Å; bound 1e-6 eV/Å
        DeepPotModel sea = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        WaterFrame w = WaterFrame.load(7);
        BatchedDeepPotEvaluator ev = new BatchedDeepPotEvaluator(compressed(sea, minDistance(w.coord, w.box), 0.01), 32);
        DeepPotResult r = ev.evaluate(w.coord, w.box, w.types);
        double[] bias = new double[2];
        for (int t = 0; t < 2; t++) bias[t] = sea.fitting().biasAtomE()[t] + sea.outBias()[t];
        java.util.function.BiFunction<double[], double[], Double> e = (pos, cell) -> {
            // Σ (E_i − bias_i): the large constant parts removed before the difference (round-off as in Numerics)
            DeepPotResult q = ev.evaluate(pos, cell, w.types);
            double sum = 0;
            for (int i = 0; i < w.types.length; i++) sum += q.atomEnergy()[i] - bias[w.types[i]];
            return sum;
        };
        double h = 1e-5, worst = 0;
        for (int k : new int[] {0, 5, 63, 64, 100, 191}) {
            for (int b = 0; b < 3; b++) {
                double[] p = w.coord.clone();
                p[3 * k + b] += h;
                double ep = e.apply(p, w.box);
                p[3 * k + b] -= 2 * h;
                double em = e.apply(p, w.box);
                worst = Math.max(worst, Math.abs(-(ep - em) / (2 * h) - r.forces()[3 * k + b]));
            }
        }
        double wv = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                // Ξ_ab = −∂E/∂ε_ab under x → (1 + ε)x, cell → (1 + ε)cell
                double ep = e.apply(Numerics.deform(w.coord, a, b, h), Numerics.deform(w.box, a, b, h));
                double em = e.apply(Numerics.deform(w.coord, a, b, -h), Numerics.deform(w.box, a, b, -h));
                wv = Math.max(wv, Math.abs(-(ep - em) / (2 * h) - r.virial()[3 * a + b]));
            }
        }
        System.out.printf("compressed deeppot_sea, water frame 7: forces vs finite differences max|Δ| %.2e eV/Å,"
                + " virial vs strain differences %.2e eV%n", worst, wv);
        assertTrue(worst < 1e-6, "force max|Δ| " + worst);
        assertTrue(wv < 1e-6, "virial max|Δ| " + wv);
    }

    @Test
    void inputsOutsideTheTableAreCounted() throws Exception {
        DeepPotModel sea = DeepPotModel.importDeepmd(GoldenCase.modelPath());
        WaterFrame w = WaterFrame.load(0);
        // a table made for neighbours no closer than 3 Å, without the extrapolation sub-table: every O–H bond (~1 Å)
        // has s̃ beyond the table's end
        DeepPotModel narrow = sea.withCompression(Compression.build(sea.seA(), 3.0, 0.01, 1, -1));
        BatchedDeepPotEvaluator ev = new BatchedDeepPotEvaluator(narrow, 32);
        ev.evaluate(w.coord, w.box, w.types);
        long bonds = 0;
        NeighborList nl = new NeighborListBuilder(6.0).build(w.coord, w.box, null);
        for (int p = 0; p < nl.size(); p++) if (nl.distance(p) < 1.2) bonds++;
        System.out.printf("narrow table: %d inputs outside, %d neighbour pairs (directed) closer than 1.2 Å%n",
                ev.lastTableOverflow(), bonds);
        assertTrue(ev.lastTableOverflow() >= bonds && bonds > 0, "every close pair counted");
        // the MD path counts the same
        double[] f = new double[w.coord.length];
        ev.evaluateInto(w.coord, w.box, w.types, f, null, null, null);
        assertTrue(ev.lastTableOverflow() >= bonds);
    }
}
