package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.TestData;
import org.dpspark.train.kernel.SeAttenFold;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training DPA-1 (se_atten, attn_layer 0) on the se_e2_a kernel through {@link SeAttenFold}, on real frames (water
 * data_0/data_1, 192 atoms, periodic; the nopbc CHO molecules C1H4O2 and C3H3O4) typed in the union type map [O, H, C]:
 * the training step's energies, forces and virials equal {@link SeAttenEvaluator}'s (the reference that `test` and
 * `simulate` use), ∂L/∂θ (type embedding net included) equals central finite differences of the loss, and Adam steps
 * lower the error.
 */
class SeAttenTrainTest {
    static final List<String> TYPES = List.of("O", "H", "C");
    /** Slot blocks per type (Σ = sel = 142): water's largest counts within 6 Å are ~35 O and ~70 H, CHO has ≤ 4 C. */
    static final int[] BLOCKS = {46, 92, 4};

    /**
     * A random DPA-1 model, attn_layer 0, d = 5 (≠ T, so that type and embedding indices cannot be confused), davg = 0;
     * embedding [7, 14] (the second layer has a skip), fitting [16, 16] with timesteps; energy bias per type roughly the
     * data's.
     */
    static DeepPotModel dpa1(boolean typeOneSide) {
        return DeepPotModels.randomSeAtten(new DeepPotModels.SeAttenSpec(TYPES, 6.0, 0.5, 142, new int[] {7, 14}, 4, 5, 8, 0,
                false, typeOneSide, true, new int[] {16, 16}), 0.0, 0.3, 0.2, new double[] {-480.0, 5.0, -1000.0}, 11);
    }

    static TrainSettings settings() {
        return TrainSettings.from(JobConfig.load(null, List.of("train.model.descriptor=se_atten", "train.model.attn-layer=0",
                "train.parallel.engine=rdd", "model.type-map=[O,H,C]", "model.sel=[46,92,4]")));
    }

    static List<TrainFrame> frames() throws Exception {
        return List.of(TestData.water(0, 1), TestData.cho("C1H4O2", 0, TYPES), TestData.water(1, 2),
                TestData.cho("C3H3O4", 5, TYPES));
    }

    /**
     * Same function, different arithmetic order (the kernel's BLAS products over per-type slot blocks against the
     * evaluator's loops over distance-sorted slots): agreement to float64 round-off. Energies are sums of ~10² atomic
     * energies of ~10² eV (bias included) each from ~10³-term products, so |ΔE| ≲ 10³·ε·Σ|E_i| ≈ 10⁻⁸ eV for 192
     * atoms; forces and virials (~1 eV/Å, ~10 eV) agree to ~10⁻¹² relative: bounds 10⁻¹⁰ eV/Å and 10⁻⁹ eV leave a
     * factor ~100 over what round-off gives while any modelling slip (a wrong bias row, the 1/N, a padding term) is
     * ≥ 10⁻³.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trainingStepEqualsTheReferenceEvaluator(boolean typeOneSide) throws Exception {
        DeepPotModel m = dpa1(typeOneSide);
        Trainer tr = new Trainer(m, settings());
        List<TrainFrame> frames = frames();
        List<Prediction> p = tr.predict(frames, 4);
        assertEquals(0, tr.batches().neighboursDropped(), "the blocks hold every neighbour (the equality needs it)");
        SeAttenEvaluator ev = new SeAttenEvaluator(m);
        for (int k = 0; k < frames.size(); k++) {
            TrainFrame f = frames.get(k);
            DeepPotResult r = ev.evaluate(f.positions(), f.cell(), f.types());
            assertEquals(r.energy(), p.get(k).energy(), 1e-12 * f.natoms() * 1000, f.id() + " energy");
            for (int i = 0; i < r.forces().length; i++) assertEquals(r.forces()[i], p.get(k).forces()[i], 1e-10, f.id() + " force " + i);
            for (int i = 0; i < 9; i++) assertEquals(r.virial()[i], p.get(k).virial()[i], 1e-9, f.id() + " virial " + i);
        }
        // the model written from the trained parameters is the template (θ ↔ model round trip)
        DeepPotModel back = tr.model();
        DeepPotResult a = ev.evaluate(frames.get(0).positions(), frames.get(0).cell(), frames.get(0).types());
        DeepPotResult b = new SeAttenEvaluator(back).evaluate(frames.get(0).positions(), frames.get(0).cell(), frames.get(0).types());
        assertEquals(a.energy(), b.energy(), 0.0, "model() of the unchanged parameters");
    }

    /**
     * ∂L/∂θ by the kernel + fold against central differences (L − L₋)/2h, h = 10⁻⁵, on every parameter of the type
     * embedding net and a stride over the embedding and fitting nets. Errors: truncation h²·|L'''|/6 ≈ 10⁻¹⁰·|L'''|
     * and round-off ε·|L|/h ≈ 2·10⁻¹¹·|L| per evaluation (16·ε·|L| with the loss's own accumulated round-off), so
     * the bound is 10⁻⁶·(1 + |g|) plus that round-off term computed from the two losses.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientEqualsFiniteDifferences(boolean typeOneSide) throws Exception {
        DeepPotModel m = dpa1(typeOneSide);
        Trainer tr = new Trainer(m, settings());
        TrainFrame w = TestData.water(0, 3);
        double[] vir = {1.5, 0.2, -0.1, 0.2, 0.7, 0.3, -0.1, 0.3, -2.0}; // an arbitrary virial label so the term is live
        TrainFrame wv = new TrainFrame(w.dataset(), w.system(), w.types(), w.positions(), w.cell(), w.pbc(), w.energy(),
                w.forces(), vir, w.id());
        List<TrainFrame> batch = List.of(wv, TestData.cho("C1H4O2", 7, TYPES));
        double[] pref = {0.3, 7.0, 0.05};
        double[] theta = tr.params().clone();
        double[] g = tr.gradient(batch, pref);
        SeAttenFold fold = new SeAttenFold(m, BLOCKS);
        int nTebd = m.ntypes() * 5 + 5; // type embedding w (T×d) and b (d): the first entries of θ
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < nTebd; i++) idx.add(i);
        for (int i = nTebd; i < fold.paramCount(); i += 23) idx.add(i);
        for (int i : idx) GradientCheck.assertComponent(tr, batch, pref, theta, g, i, "(type embedding below " + nTebd + ")");
        assertTrue(idx.size() > 40, "checked " + idx.size() + " parameters");
    }

    /**
     * A short real training run: 100 full-batch Adam steps (4 water and 4 CHO frames every step, lr 3·10⁻³, force loss
     * only, since the water and CHO sets have no common energy reference: a per-element fit of both leaves ~10³ eV
     * residuals). Full batches make the loss a deterministic function of θ, so its fall measures the optimisation and
     * not the sampling: it must end below 80 % of its start.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false})
    void lossFallsInAShortRun(boolean typeOneSide) throws Exception {
        DeepPotModel m = dpa1(typeOneSide);
        Trainer tr = new Trainer(m, settings());
        List<TrainFrame> data = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            data.add(TestData.water(0, k));
            data.add(TestData.cho("C1H4O2", 10 * k, TYPES));
        }
        double[] pref = {0, 1, 0};
        tr.gradient(data, pref);
        double first = tr.lastLoss()[0];
        for (int s = 0; s < 100; s++) tr.step(data, pref, 3e-3);
        tr.gradient(data, pref);
        double last = tr.lastLoss()[0];
        System.out.printf("se_atten attn_layer 0: full-batch force loss %.4f -> %.4f after 100 steps%n", first, last);
        assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
    }
}
