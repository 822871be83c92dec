package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.ReferenceEvaluator;
import org.dpspark.model.eval.SeREvaluator;
import org.dpspark.model.eval.SeAttenEvaluator;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.TestData;
import org.dpspark.train.kernel.DeepPotKernel;
import org.dpspark.train.kernel.ModelParams;
import org.dpspark.train.kernel.StepBatch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training a se_e2_a model whose fitting takes frame and atomic parameters (DeePMD-kit's numb_fparam = 2,
 * numb_aparam = 1) on the kernel, on real water frames (data_0/data_1, 192 atoms) given parameters that differ from
 * frame to frame and from atom to atom: the training step's energies, forces and virials equal the reference
 * evaluator's (the one `test` and `simulate` use, golden-tested against DeePMD-kit with fparam/aparam), ∂L/∂θ equals
 * central finite differences on every fitting weight that multiplies a parameter, and the float32 nets of
 * {@code train.precision = mixed} agree to float32 round-off; se_e2_r and DPA-1 (attn_layer 0) models take them too.
 */
class FrameParamTrainTest {
    /** Normalisation of the model: fparam (2 values), aparam (1 per atom). */
    static final double[] F_AVG = {0.3, 2.0}, F_INV = {2.0, 0.5}, A_AVG = {0.1}, A_INV = {3.0};

    static DeepPotModel model() {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {4, 8, 16},
                4, false, true, new int[] {20, 20}, true, "tanh");
        DeepPotModel m = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 7);
        return DeepPotModels.withFrameParams(m, F_AVG, F_INV, A_AVG, A_INV, 13, true);
    }

    static TrainSettings settings() {
        return TrainSettings.from(JobConfig.load(null, List.of("train.parallel.engine=rdd", "train.model.numb-fparam=2",
                "train.model.numb-aparam=1", "model.type-map=[O,H]", "model.sel=[46,92]")));
    }

    /** Water frame k of data_set with fparam (f0, f1) and aparam_i = a0 + 0.01·(i mod 7). */
    static TrainFrame withParams(TrainFrame w, double f0, double f1, double a0, double[] virial) {
        double[] ap = new double[w.natoms()];
        for (int i = 0; i < ap.length; i++) ap[i] = a0 + 0.01 * (i % 7);
        return new TrainFrame(w.dataset(), w.system(), w.types(), w.positions(), w.cell(), w.pbc(), w.energy(), w.forces(),
                virial, w.id(), new double[] {f0, f1}, ap);
    }

    static List<TrainFrame> frames() throws Exception {
        return List.of(withParams(TestData.water(0, 1), 0.25, 1.5, 0.05, null), withParams(TestData.water(1, 2), 0.6, 3.0, 0.2, null),
                withParams(TestData.water(0, 4), -0.1, 2.2, 0.12, null));
    }

    /**
     * Same function, different arithmetic order (BLAS products over slot blocks against the evaluator's loops): equal
     * to float64 round-off. Energies are sums of 192 atomic energies of ~10² eV (bias included) from ~10³-term
     * products, |ΔE| ≲ 10³·ε·Σ|E_i| ≈ 10⁻⁸ eV; forces (~1 eV/Å) and virials (~10 eV) to ~10⁻¹² relative. Bounds 10⁻⁸ eV,
     * 10⁻¹⁰ eV/Å and 10⁻⁹ eV; a parameter dropped or normalised wrongly moves the energy by ≥ 10⁻² eV (checked below).
     */
    @Test
    void trainingStepEqualsTheReferenceEvaluator() throws Exception {
        DeepPotModel m = model();
        Trainer tr = new Trainer(m, settings());
        List<TrainFrame> frames = frames();
        List<Prediction> p = tr.predict(frames, 3);
        DeepPotEvaluator ev = new DeepPotEvaluator(m);
        assertEqualsEvaluatorWithParameters(ev, frames, p);
        assertEquals(ev.evaluate(frames.get(0).positions(), frames.get(0).cell(), frames.get(0).types(), frames.get(0).fparam(),
                frames.get(0).aparam(), false).energy(), new DeepPotEvaluator(tr.model()).evaluate(frames.get(0).positions(),
                frames.get(0).cell(), frames.get(0).types(), frames.get(0).fparam(), frames.get(0).aparam(), false).energy(), 0.0,
                "model() of the unchanged parameters keeps the fitting's parameter normalisation");
    }

    /**
     * The same for se_e2_r (fitting input [D, p] with D = (1/5)·mean of the embedding; SeRTrainTest has the descriptor
     * alone): the training step equals {@link SeREvaluator} with each frame's parameters, same bounds and reasons.
     */
    @Test
    void seRTrainingStepTakesTheParameters() throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {5, 10}, 1,
                false, true, new int[] {12, 12}, true, "tanh");
        DeepPotModel m = DeepPotModels.withFrameParams(DeepPotModels.randomSeR(spec, 0.05, 0.1, new double[] {-93.0, -187.0}, 5),
                F_AVG, F_INV, A_AVG, A_INV, 17, true);
        Trainer tr = new Trainer(m, TrainSettings.from(JobConfig.load(null, List.of("train.model.descriptor=se_e2_r",
                "train.parallel.engine=rdd", "train.model.numb-fparam=2", "train.model.numb-aparam=1", "model.type-map=[O,H]",
                "model.sel=[46,92]"))));
        List<TrainFrame> frames = frames();
        List<Prediction> p = tr.predict(frames, 3);
        SeREvaluator ev = new SeREvaluator(m);
        assertEqualsEvaluatorWithParameters(ev, frames, p);
    }

    /**
     * DPA-1 (se_atten, attn_layer 0, on the kernel through SeAttenFold) with the parameters, fitting input
     * [D, τ_i, fparam, aparam] as DeePMD-kit's (SeAttenFParamGoldenTest): the training step equals
     * {@link SeAttenEvaluator} with each frame's parameters (bounds as above), and ∂L/∂θ equals central differences on
     * every weight of the shared fitting net that multiplies a parameter (bound as in the test below).
     */
    @Test
    void dpa1TrainingStepTakesTheParameters() throws Exception {
        DeepPotModel m = DeepPotModels.withFrameParams(SeAttenTrainTest.dpa1(false), F_AVG, F_INV, A_AVG, A_INV, 19, true);
        Trainer tr = new Trainer(m, TrainSettings.from(JobConfig.load(null, List.of("train.model.descriptor=se_atten",
                "train.model.attn-layer=0", "train.parallel.engine=rdd", "train.model.numb-fparam=2", "train.model.numb-aparam=1",
                "model.type-map=[O,H,C]", "model.sel=[46,92,4]"))));
        List<TrainFrame> frames = List.of(withParams(TestData.water(0, 1), 0.25, 1.5, 0.05, null),
                withParams(TestData.cho("C1H4O2", 3, SeAttenTrainTest.TYPES), 0.6, 3.0, 0.2, null));
        List<Prediction> p = tr.predict(frames, 2);
        SeAttenEvaluator ev = new SeAttenEvaluator(m);
        assertEqualsEvaluatorWithParameters(ev, frames, p);
        // θ: type embedding net, embedding net, then the shared fitting net, whose first layer's rows after D (M·M<)
        // and τ_i (d) multiply the 3 parameters
        SeAttenDescriptor d = (SeAttenDescriptor) m.descriptor();
        int off = size(d.typeEmbedding()) + size(d.embedding()), dimIn = d.dimOut(), f1 = m.fitting().nets().get(0).layers().get(0).nOut();
        double[] theta = tr.params().clone();
        double[] pref = {0.3, 7.0, 0.0};
        double[] g = tr.gradient(frames, pref);
        double largest = 0;
        for (int row = dimIn; row < dimIn + 3; row++) {
            for (int c = 0; c < f1; c++) {
                int i = off + row * f1 + c;
                GradientCheck.assertComponent(tr, frames, pref, theta, g, i, "(a parameter row)");
                largest = Math.max(largest, Math.abs(g[i]));
            }
        }
        assertTrue(largest > 1e-3, "the parameter rows get a gradient: largest " + largest);
    }

    /**
     * ∂L/∂θ against central differences (L₊ − L₋)/2h, h = 10⁻⁵, on every first-layer fitting weight that multiplies a
     * parameter (both types' nets: 2 × 3 rows × 20) and a stride over all other parameters. Bound: truncation
     * h²|L'''|/6 within 10⁻⁶·(1 + |g|), plus the round-off of the two loss evaluations (16·ε·|L| each, divided by 2h).
     */
    @Test
    void gradientEqualsFiniteDifferences() throws Exception {
        DeepPotModel m = model();
        Trainer tr = new Trainer(m, settings());
        double[] vir = {1.5, 0.2, -0.1, 0.2, 0.7, 0.3, -0.1, 0.3, -2.0}; // an arbitrary virial label (eV): the term is live
        List<TrainFrame> batch = List.of(withParams(TestData.water(0, 3), 0.4, 2.5, 0.15, vir),
                withParams(TestData.water(1, 0), 0.1, 1.0, 0.0, null));
        double[] pref = {0.3, 7.0, 0.05};
        double[] theta = tr.params().clone();
        double[] g = tr.gradient(batch, pref);
        List<Integer> idx = new ArrayList<>();
        int off = 0;
        for (DenseNet net : m.seAWithParams().embeddings()) off += size(net);
        int dimD = m.fitting().dimDescrpt();
        for (DenseNet net : m.fitting().nets()) {
            NetLayer first = net.layers().get(0);
            int nOut = first.b().length;
            for (int row = dimD; row < dimD + 3; row++) for (int c = 0; c < nOut; c++) idx.add(off + row * nOut + c);
            off += size(net);
        }
        int paramRows = idx.size();
        for (int i = 0; i < theta.length; i += 37) idx.add(i);
        for (int i : idx) GradientCheck.assertComponent(tr, batch, pref, theta, g, i, "(parameter rows: the first " + paramRows + ")");
        double largest = 0;
        for (int k = 0; k < paramRows; k++) largest = Math.max(largest, Math.abs(g[idx.get(k)]));
        assertTrue(largest > 1e-3, "the parameter rows get a gradient: largest " + largest);
        assertEquals(120, paramRows);
    }

    /**
     * The float32 nets ({@code train.precision = mixed}) with parameters: energies, forces and virials to float32
     * round-off of the float64 kernel (MixedPrecisionKernelTest's bound: 6 layers × γ_K with K = M·M&lt; + P = 67
     * inputs, u = 2⁻²⁴), relative to the nets' output scale.
     */
    @Test
    void mixedPrecisionTakesTheParameters() throws Exception {
        DeepPotModel m = model();
        Map<String, INDArray> ph = new BatchBuilder(m).build(frames(), new double[] {0.3, 7.0, 0.0});
        double[] params = ModelParams.flat(m);
        double[][] ref, mix;
        try (DeepPotKernel k = new DeepPotKernel(m)) {
            k.setParams(params);
            ref = copy(k.forward(StepBatch.of(ph, 2)));
        }
        try (DeepPotKernel k = new DeepPotKernel(m, true)) {
            k.setParams(params);
            mix = copy(k.forward(StepBatch.of(ph, 2)));
        }
        double bound = 6 * 67 * Math.scalb(1.0, -24);
        for (int f = 0; f < ref[0].length; f++) {
            double nets = Math.abs(ref[0][f] - (64 * -93.0 + 128 * -187.0)) / 192;
            assertTrue(Math.abs(ref[0][f] - mix[0][f]) / 192 <= bound * nets, "energy, frame " + f);
        }
        double fmax = 0, diff = 0;
        for (int i = 0; i < ref[1].length; i++) {
            fmax = Math.max(fmax, Math.abs(ref[1][i]));
            diff = Math.max(diff, Math.abs(ref[1][i] - mix[1][i]));
        }
        assertTrue(diff <= bound * fmax && diff > 1e-9 * fmax, "forces: " + diff / fmax);
    }

    /** A batch without the parameters a model takes is a one-line error naming the frame. */
    @Test
    void aFrameWithoutParametersIsRefusedByName() throws Exception {
        TrainFrame w = TestData.water(0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatchBuilder(model()).build(List.of(w), new double[] {1, 1, 0}));
        assertTrue(e.getMessage().contains(w.id()) && e.getMessage().contains("numb_fparam = 2"), e.getMessage());
    }

    /** Settings: negative counts, the SameDiff graph and the dl4j-spark engine are refused naming the key. */
    @Test
    void settingsRefuseWhatCannotTrainParameters() {
        String neg = assertThrows(IllegalArgumentException.class, () -> TrainSettings.from(JobConfig.load(null,
                List.of("train.model.numb-aparam=-1")))).getMessage();
        assertTrue(neg.contains("numb-aparam = -1"), neg);
        String dl4j = assertThrows(IllegalArgumentException.class, () -> TrainSettings.from(JobConfig.load(null,
                List.of("train.parallel.engine=dl4j-spark", "train.model.numb-fparam=1")))).getMessage();
        assertTrue(dl4j.contains("engine = dl4j-spark") && dl4j.contains("rdd"), dl4j);
        String sd = assertThrows(IllegalArgumentException.class, () -> TrainSettings.from(JobConfig.load(null,
                List.of("train.parallel.engine=rdd", "train.compute=samediff", "train.model.numb-fparam=1")))).getMessage();
        assertTrue(sd.contains("compute = samediff"), sd);
    }

    /**
     * Predictions {@code p} of {@code frames} equal {@code ev}'s with each frame's parameters (energy 1e-8 eV, forces
     * 1e-10 eV/Å, virial 1e-9 eV: the bounds and reasons of {@link #trainingStepEqualsTheReferenceEvaluator}), and the
     * parameters matter: at the normalisation's centre the energy moves by more than 1e-2 eV.
     */
    private static void assertEqualsEvaluatorWithParameters(ReferenceEvaluator ev, List<TrainFrame> frames, List<Prediction> p) {
        for (int k = 0; k < frames.size(); k++) {
            TrainFrame f = frames.get(k);
            DeepPotResult r = ev.evaluate(f.positions(), f.cell(), f.types(), f.fparam(), f.aparam(), false);
            assertEquals(r.energy(), p.get(k).energy(), 1e-8, f.id() + " energy");
            for (int i = 0; i < r.forces().length; i++) assertEquals(r.forces()[i], p.get(k).forces()[i], 1e-10, f.id() + " force " + i);
            for (int i = 0; i < 9; i++) assertEquals(r.virial()[i], p.get(k).virial()[i], 1e-9, f.id() + " virial " + i);
            DeepPotResult centre = ev.evaluate(f.positions(), f.cell(), f.types(), F_AVG, constant(f.natoms(), A_AVG[0]), false);
            assertTrue(Math.abs(centre.energy() - r.energy()) > 1e-2, f.id() + ": parameters change E by "
                    + Math.abs(centre.energy() - r.energy()));
        }
    }

    private static int size(DenseNet net) {
        int n = 0;
        for (NetLayer l : net.layers()) n += l.w().length + (l.b() == null ? 0 : l.b().length) + (l.idt() == null ? 0 : l.idt().length);
        return n;
    }

    private static double[] constant(int n, double v) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, v);
        return x;
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) c[i] = x[i].clone();
        return c;
    }
}
