package org.dpspark.train.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;

/**
 * The graph's forces are −∂E/∂r and its virial is −∂E/∂ε (homogeneous strain of positions and cell), checked by
 * central finite differences of the graph's own energy, on random weights (type_one_side false, resnet_dt on) and on a
 * real water frame; and first-order autodiff through the explicit derivative ops gives ∂loss/∂θ equal to finite
 * differences of the loss (energy + force + virial terms).
 */
class GraphDerivativeTest {
    static final DeepPotModels.Spec SPEC = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
            new int[] {4, 8, 16}, 4, false, true, new int[] {16, 16}, true, "tanh");

    static DeepPotModel model() {
        return DeepPotModels.random(SPEC, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 11);
    }

    static TrainFrame displaced(TrainFrame f, double[] pos, double[] cell) {
        return new TrainFrame(f.dataset(), f.system(), f.types(), pos, cell, f.pbc(), f.energy(), f.forces(), f.virial(), f.id());
    }

    /** Max |F − (−∂E/∂r)_FD| and max |F| over the given atoms (central differences, step h Å). */
    static double[] forceCheck(GraphPredictor g, TrainFrame f, int[] atoms, double h) {
        Prediction p = g.predict(List.of(f)).get(0);
        double maxErr = 0, maxF = 0;
        for (int i : atoms) {
            for (int c = 0; c < 3; c++) {
                double[] plus = f.positions().clone(), minus = f.positions().clone();
                plus[3 * i + c] += h;
                minus[3 * i + c] -= h;
                double ep = g.predict(List.of(displaced(f, plus, f.cell()))).get(0).energy();
                double em = g.predict(List.of(displaced(f, minus, f.cell()))).get(0).energy();
                double fd = -(ep - em) / (2 * h);
                maxErr = Math.max(maxErr, Math.abs(fd - p.forces()[3 * i + c]));
                maxF = Math.max(maxF, Math.abs(p.forces()[3 * i + c]));
            }
        }
        return new double[] {maxErr, maxF};
    }

    @Test
    void forcesAreMinusEnergyGradientOnRandomWeightsAndRealFrames() throws Exception {
        GraphPredictor g = GraphPredictor.of(model());
        // DeePMD-kit's 6-atom test frame: E ~ -500 eV, round-off over 2h ≈ 1e-13/1e-5 = 1e-8 eV/Å
        double[] a = forceCheck(g, TestData.goldenFrame(), new int[] {0, 1, 2, 3, 4, 5}, 1e-5);
        // a real 192-atom water frame: E ≈ -3e4 eV, round-off ≈ ulp(E)/2h ≈ 4e-7 eV/Å
        double[] b = forceCheck(g, TestData.water(1, 3), new int[] {5, 100}, 1e-5);
        System.out.printf("forces vs -dE/dr (FD): golden frame max|Δ| %.2e (max|F| %.3f), water max|Δ| %.2e (max|F| %.3f) eV/Å%n",
                a[0], a[1], b[0], b[1]);
        assertTrue(a[0] < 1e-7, "golden frame force vs finite difference " + a[0]);
        assertTrue(b[0] < 2e-6, "water force vs finite difference " + b[0]);
        assertTrue(a[1] > 1e-3 && b[1] > 1e-3, "forces are not trivially zero");
    }

    @Test
    void virialIsMinusStrainDerivative() throws Exception {
        GraphPredictor g = GraphPredictor.of(model());
        TrainFrame f = TestData.goldenFrame();
        Prediction p = g.predict(List.of(f)).get(0);
        // E(r(I+ε), h(I+ε)) with r, h as rows: Ξ_αβ = -∂E/∂ε_αβ (the model is rotation invariant, Ξ symmetric)
        double e = 1e-6, maxV = 0, vScale = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double ep = g.predict(List.of(strained(f, a, b, e))).get(0).energy();
                double em = g.predict(List.of(strained(f, a, b, -e))).get(0).energy();
                double fd = -(ep - em) / (2 * e);
                maxV = Math.max(maxV, Math.abs(fd - p.virial()[3 * a + b]));
                vScale = Math.max(vScale, Math.abs(p.virial()[3 * a + b]));
            }
        }
        System.out.printf("virial vs -dE/dε (FD): max|Δ| %.2e eV (max|Ξ| %.3f)%n", maxV, vScale);
        // E ~ -5e2 eV: round-off ulp(E)/(2ε) ≈ 1e-13/2e-6 ≈ 5e-8 eV; truncation (ε² times third derivatives) negligible
        assertTrue(maxV < 1e-6, "virial vs strain derivative " + maxV);
        assertTrue(vScale > 1e-3, "virial not trivially zero");
    }

    static TrainFrame strained(TrainFrame f, int a, int b, double e) {
        double[] pos = f.positions(), cell = f.cell();
        double[] p2 = pos.clone(), c2 = cell.clone();
        for (int i = 0; i < pos.length / 3; i++) p2[3 * i + b] += e * pos[3 * i + a];
        for (int k = 0; k < 3; k++) c2[3 * k + b] += e * cell[3 * k + a];
        return displaced(f, p2, c2);
    }

    @Test
    void lossGradientThroughDerivativeOpsMatchesFiniteDifferences() throws Exception {
        DeepPotModel m = model();
        DeepPotGraph graph = new DeepPotGraph(m);
        BatchBuilder bb = new BatchBuilder(m.seA());
        TrainFrame f = TestData.water(2, 0);
        double[] vir = new double[9];
        vir[0] = vir[4] = vir[8] = 1.0; // a virial label so that the virial term is exercised
        TrainFrame fl = new TrainFrame(f.dataset(), f.system(), f.types(), f.positions(), f.cell(), f.pbc(), f.energy(), f.forces(),
                vir, f.id());
        var ph = bb.build(List.of(fl), new double[] {0.5, 100, 0.3});
        double[] loss = new double[4];
        double[] grad = graph.gradient(ph, loss);
        double[] theta = graph.flatParams();
        double h = 1e-6;
        double maxRel = 0;
        int[] probes = {0, 3, 17, 40, theta.length / 3, theta.length / 2, theta.length - 20, theta.length - 1};
        for (int k : probes) {
            double[] tp = theta.clone(), tm = theta.clone();
            tp[k] += h;
            tm[k] -= h;
            graph.setFlatParams(tp);
            double lp = graph.output(ph, GraphNames.LOSS).get(GraphNames.LOSS).getDouble(0);
            graph.setFlatParams(tm);
            double lm = graph.output(ph, GraphNames.LOSS).get(GraphNames.LOSS).getDouble(0);
            double fd = (lp - lm) / (2 * h);
            double rel = Math.abs(fd - grad[k]) / Math.max(1e-3 * loss[0], Math.abs(grad[k]));
            maxRel = Math.max(maxRel, rel);
        }
        graph.setFlatParams(theta);
        System.out.printf("∂loss/∂θ vs FD: max relative |Δ| %.2e (loss %.4e: e %.3e f %.3e v %.3e)%n", maxRel, loss[0], loss[1],
                loss[2], loss[3]);
        // central differences with h = 1e-6 on a loss of O(1–100): truncation ~h² ≈ 1e-12 relative, round-off
        // ~1e-16·loss/h ≈ 1e-8 relative; 1e-5 leaves margin and fails on any missing or wrong term (O(1)).
        assertTrue(maxRel < 1e-5, "gradient relative error " + maxRel);
        assertTrue(loss[1] > 0 && loss[2] > 0 && loss[3] > 0, "all three loss terms active");
    }
}
