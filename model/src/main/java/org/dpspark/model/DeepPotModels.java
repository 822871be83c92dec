package org.dpspark.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds se_e2_a + ener (and se_e2_r, se_atten + ener) models with freshly initialised weights; davg/dstd and the
 * energy bias come from the caller (statistics of the data). Two initialisations:
 * <ul>
 *   <li>{@link #random} and friends, for tests and benchmarks: w, b ~ N(0, 1/(nIn + nOut)) (small biases: the
 *       fixed test models and their expected values depend on it);</li>
 *   <li>{@link #forTraining} and {@link #trainingNet}, the starting point of training: DeePMD-kit's own
 *       ({@code MLPLayer._default_normal_init} of its PyTorch backend, {@code one_layer} of its TensorFlow backend):
 *       w ~ N(0, 1/(nIn + nOut)), b ~ N(0, 1). Biases of order one spread the tanh units over their non-linear range,
 *       so that an embedding net of one input (s̃) starts as a set of distinct non-linear functions of r rather than
 *       ~25 nearly linear ones (b ~ N(0, 1/26) would leave every unit of the first layer within ±0.4 of tanh's linear
 *       part for |s̃| ≲ 2).</li>
 * </ul>
 * idt (only on layers with a skip connection when resnet_dt) ~ 0.1 + N(0, 0.001) in both, like DeePMD-kit's timestep
 * init. The last (linear, 1-output) layer of a fitting net keeps the small bias in both: the energy bias per type is the
 * fitting's {@code bias_atom_e}, from the data (DeePMD-kit draws it N(0, 1) around that bias, a constant per type that
 * forces do not see and the first steps remove).
 */
public final class DeepPotModels {
    private DeepPotModels() {}

    /**
     * Hyper-parameters of a se_e2_a + ener model.
     *
     * @param typeMap element per type
     * @param rcut r_c, Å
     * @param rcutSmth r_s, Å
     * @param sel slots per neighbour type
     * @param neuron embedding widths
     * @param axisNeuron M&lt;
     * @param typeOneSide one embedding net per neighbour type (else per type pair)
     * @param embeddingResnetDt timesteps in the embedding nets
     * @param fittingNeuron fitting hidden widths
     * @param fittingResnetDt timesteps in the fitting nets
     * @param activation DeePMD activation name
     */
    public record Spec(List<String> typeMap, double rcut, double rcutSmth, int[] sel, int[] neuron, int axisNeuron,
            boolean typeOneSide, boolean embeddingResnetDt, int[] fittingNeuron, boolean fittingResnetDt, String activation) {

        /** DeePMD-kit's water example (examples/water/se_e2_a): r_c 6, r_s 0.5, sel [46, 92], [25,50,100], axis 16, [240,240,240]. */
        public static Spec waterExample() {
            return new Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92}, new int[] {25, 50, 100}, 16, true, false,
                    new int[] {240, 240, 240}, true, "tanh");
        }
    }

    /**
     * A model with random weights. davg is [s̄, 0, 0, 0] and dstd [σ_s, σ_a, σ_a, σ_a] on every slot, the same for
     * all centre types; biasAtomE per type (eV).
     */
    public static DeepPotModel random(Spec spec, double sMean, double sStd, double aStd, double[] biasAtomE, long seed) {
        return random(spec, sMean, sStd, aStd, biasAtomE, seed, false);
    }

    /**
     * The se_e2_a + ener model training starts from: DeePMD-kit's initialisation of the nets (hidden biases ~ N(0, 1),
     * class comment), davg = 0 and dstd = 1 on every slot (the caller replaces them by the data's), biasAtomE per type
     * (eV).
     */
    public static DeepPotModel forTraining(Spec spec, double[] biasAtomE, long seed) {
        return random(spec, 0, 1, 1, biasAtomE, seed, true);
    }

    private static DeepPotModel random(Spec spec, double sMean, double sStd, double aStd, double[] biasAtomE, long seed,
            boolean deepmdBias) {
        Random rng = new Random(seed);
        int t = spec.typeMap().size();
        int nnei = Arrays.stream(spec.sel()).sum();
        double[] davg = new double[t * nnei * 4];
        double[] dstd = new double[t * nnei * 4];
        for (int k = 0; k < t * nnei; k++) {
            davg[4 * k] = sMean;
            dstd[4 * k] = sStd;
            dstd[4 * k + 1] = dstd[4 * k + 2] = dstd[4 * k + 3] = aStd;
        }
        List<DenseNet> emb = new ArrayList<>();
        int nets = spec.typeOneSide() ? t : t * t;
        for (int k = 0; k < nets; k++) {
            emb.add(net(DenseNet.Kind.EMBEDDING, 1, spec.neuron(), spec.activation(), spec.embeddingResnetDt(), deepmdBias, rng));
        }
        int dimD = spec.neuron()[spec.neuron().length - 1] * spec.axisNeuron();
        List<DenseNet> fit = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            fit.add(net(DenseNet.Kind.FITTING, dimD, spec.fittingNeuron(), spec.activation(), spec.fittingResnetDt(), deepmdBias, rng));
        }
        SeADescriptor d = new SeADescriptor(spec.rcut(), spec.rcutSmth(), spec.sel().clone(), spec.neuron().clone(),
                spec.axisNeuron(), spec.typeOneSide(), spec.embeddingResnetDt(), spec.activation(), "float64", false, true,
                davg, dstd, emb);
        boolean[] trainable = new boolean[spec.fittingNeuron().length + 1];
        Arrays.fill(trainable, true);
        EnerFitting f = new EnerFitting(spec.fittingNeuron().clone(), spec.fittingResnetDt(), spec.activation(), "float64", fit,
                biasAtomE.clone(), trainable, null);
        double[] outStd = new double[t];
        Arrays.fill(outStd, 1.0);
        return new DeepPotModel(spec.typeMap(), d, f, new double[t], outStd, null, null,
                Map.of("created_by", "DeepPotModels.random", "seed", seed), null);
    }

    /**
     * A se_e2_r + ener model with random weights ({@code spec.axisNeuron()} is not used: se_e2_r has no axis matrix).
     * davg = s̄ and dstd = σ_s on every slot, the same for all centre types; biasAtomE per type (eV).
     */
    public static DeepPotModel randomSeR(Spec spec, double sMean, double sStd, double[] biasAtomE, long seed) {
        return randomSeR(spec, sMean, sStd, biasAtomE, seed, false);
    }

    /**
     * The se_e2_r + ener model training starts from: DeePMD-kit's initialisation of the nets ({@link #trainingNet}),
     * davg = 0 and dstd = 1 on every slot (the caller replaces them by the data's), biasAtomE per type (eV).
     */
    public static DeepPotModel forTrainingSeR(Spec spec, double[] biasAtomE, long seed) {
        return randomSeR(spec, 0, 1, biasAtomE, seed, true);
    }

    private static DeepPotModel randomSeR(Spec spec, double sMean, double sStd, double[] biasAtomE, long seed,
            boolean deepmdBias) {
        Random rng = new Random(seed);
        int t = spec.typeMap().size();
        int nnei = Arrays.stream(spec.sel()).sum();
        double[] davg = new double[t * nnei];
        double[] dstd = new double[t * nnei];
        Arrays.fill(davg, sMean);
        Arrays.fill(dstd, sStd);
        List<DenseNet> emb = new ArrayList<>();
        int nets = spec.typeOneSide() ? t : t * t;
        for (int k = 0; k < nets; k++) {
            emb.add(net(DenseNet.Kind.EMBEDDING, 1, spec.neuron(), spec.activation(), spec.embeddingResnetDt(), deepmdBias, rng));
        }
        int dimD = spec.neuron()[spec.neuron().length - 1];
        List<DenseNet> fit = new ArrayList<>();
        for (int k = 0; k < t; k++) {
            fit.add(net(DenseNet.Kind.FITTING, dimD, spec.fittingNeuron(), spec.activation(), spec.fittingResnetDt(), deepmdBias,
                    rng));
        }
        SeRDescriptor d = new SeRDescriptor(spec.rcut(), spec.rcutSmth(), spec.sel().clone(), spec.neuron().clone(),
                spec.typeOneSide(), spec.embeddingResnetDt(), spec.activation(), "float64", false, true, davg, dstd, emb);
        boolean[] trainable = new boolean[spec.fittingNeuron().length + 1];
        Arrays.fill(trainable, true);
        EnerFitting f = new EnerFitting(spec.fittingNeuron().clone(), spec.fittingResnetDt(), spec.activation(), "float64", fit,
                biasAtomE.clone(), trainable, null);
        double[] outStd = new double[t];
        Arrays.fill(outStd, 1.0);
        return new DeepPotModel(spec.typeMap(), d, f, new double[t], outStd, null, null,
                Map.of("created_by", "DeepPotModels.randomSeR", "seed", seed), null);
    }

    /**
     * Hyper-parameters of a DPA-1 (se_atten / se_atten_v2) + ener model.
     *
     * @param typeMap element per type
     * @param rcut r_c, Å
     * @param rcutSmth r_s, Å
     * @param sel N, the one total of neighbour slots
     * @param neuron embedding widths
     * @param axisNeuron M&lt;
     * @param tebdDim type embedding width
     * @param attn attention width
     * @param attnLayer number of attention layers
     * @param v2 se_atten_v2 (stripped type embedding) instead of se_atten's concat
     * @param typeOneSide the centre's type embedding is not an embedding input
     * @param concatOutputTebd append the centre's type embedding to the descriptor
     * @param fittingNeuron widths of the one (mixed_types) fitting net
     */
    public record SeAttenSpec(List<String> typeMap, double rcut, double rcutSmth, int sel, int[] neuron, int axisNeuron,
            int tebdDim, int attn, int attnLayer, boolean v2, boolean typeOneSide, boolean concatOutputTebd,
            int[] fittingNeuron) {}

    /**
     * A DPA-1 model with random weights (attn_dotr, normalize, smooth type embedding, layer norms γ = 1 + N(0, 0.04),
     * β = N(0, 0.01)) and one fitting net shared by every type (DeePMD-kit's mixed_types); davg [s̄, 0, 0, 0] and dstd
     * [σ_s, σ_a, σ_a, σ_a] on every slot (s̄ = 0 is DeePMD-kit's default for se_atten, set_davg_zero, which makes
     * the energy continuous at r_c for neighbours of every type); biasAtomE per type (eV).
     */
    public static DeepPotModel randomSeAtten(SeAttenSpec spec, double sMean, double sStd, double aStd, double[] biasAtomE,
            long seed) {
        Random rng = new Random(seed);
        int t = spec.typeMap().size(), nnei = spec.sel(), m = spec.neuron()[spec.neuron().length - 1];
        double[] davg = new double[t * nnei * 4];
        double[] dstd = new double[t * nnei * 4];
        for (int k = 0; k < t * nnei; k++) {
            davg[4 * k] = sMean;
            dstd[4 * k] = sStd;
            dstd[4 * k + 1] = dstd[4 * k + 2] = dstd[4 * k + 3] = aStd;
        }
        int pair = spec.typeOneSide() ? spec.tebdDim() : 2 * spec.tebdDim();
        DenseNet tebd = net(DenseNet.Kind.EMBEDDING, t, new int[] {spec.tebdDim()}, "linear", false, rng);
        DenseNet emb = net(DenseNet.Kind.EMBEDDING, spec.v2() ? 1 : 1 + pair, spec.neuron(), "tanh", false, rng);
        DenseNet strip = spec.v2() ? net(DenseNet.Kind.EMBEDDING, pair, spec.neuron(), "tanh", false, rng) : null;
        List<AttentionLayer> layers = new ArrayList<>();
        for (int l = 0; l < spec.attnLayer(); l++) {
            double[] g = new double[m], b = new double[m];
            for (int k = 0; k < m; k++) {
                g[k] = 1.0 + 0.2 * rng.nextGaussian();
                b[k] = 0.1 * rng.nextGaussian();
            }
            layers.add(new AttentionLayer(layer(m, 3 * spec.attn(), "none", false, false, rng),
                    layer(spec.attn(), m, "none", false, false, rng), g, b, 1e-5));
        }
        SeAttenDescriptor d = new SeAttenDescriptor(spec.rcut(), spec.rcutSmth(), t, nnei, spec.neuron().clone(),
                spec.axisNeuron(), spec.tebdDim(), spec.v2(), spec.v2(), false, spec.typeOneSide(), spec.attn(), true, true,
                1.0, null, true, 1e-5, true, spec.concatOutputTebd(), "tanh", "float64", sMean == 0.0, true, false, davg, dstd,
                tebd, emb, strip, layers);
        DenseNet fit = net(DenseNet.Kind.FITTING, d.dimOut(), spec.fittingNeuron(), "tanh", true, rng);
        boolean[] trainable = new boolean[spec.fittingNeuron().length + 1];
        Arrays.fill(trainable, true);
        EnerFitting f = new EnerFitting(spec.fittingNeuron().clone(), true, "tanh", "float64",
                java.util.Collections.nCopies(t, fit), biasAtomE.clone(), trainable, null);
        double[] outStd = new double[t];
        Arrays.fill(outStd, 1.0);
        return new DeepPotModel(spec.typeMap(), d, f, new double[t], outStd, null, Map.of("fitting.mixed_types", true),
                Map.of("created_by", "DeepPotModels.randomSeAtten", "seed", seed), null);
    }

    /**
     * {@code m} with fresh random fitting nets that also take F frame and A atomic parameters (DeePMD-kit's
     * numb_fparam/numb_aparam), normalised with the given statistics (F and A values; null when 0).
     */
    public static DeepPotModel withFrameParams(DeepPotModel m, double[] fparamAvg, double[] fparamInvStd, double[] aparamAvg,
            double[] aparamInvStd, long seed) {
        return withFrameParams(m, fparamAvg, fparamInvStd, aparamAvg, aparamInvStd, seed, false);
    }

    /**
     * {@link #withFrameParams(DeepPotModel, double[], double[], double[], double[], long)} with the fitting nets drawn
     * as training starts them ({@code deepmdBias}: DeePMD-kit's initialisation, {@link #trainingNet}) or as
     * {@link #random} draws them.
     */
    public static DeepPotModel withFrameParams(DeepPotModel m, double[] fparamAvg, double[] fparamInvStd, double[] aparamAvg,
            double[] aparamInvStd, long seed, boolean deepmdBias) {
        Random rng = new Random(seed);
        EnerFitting f = m.fitting();
        int nfp = fparamAvg == null ? 0 : fparamAvg.length, nap = aparamAvg == null ? 0 : aparamAvg.length;
        List<DenseNet> fit = new ArrayList<>();
        // one net shared by every type (DeePMD-kit's mixed_types fitting, as DPA-1's) stays one shared net
        boolean shared = f.nets().stream().allMatch(n -> n == f.nets().get(0));
        for (int k = 0; k < m.ntypes(); k++) {
            fit.add(shared && k > 0 ? fit.get(0) : net(DenseNet.Kind.FITTING, f.dimDescrpt() + nfp + nap, f.neuron(),
                    f.activation(), f.resnetDt(), deepmdBias, rng));
        }
        EnerFitting f2 = new EnerFitting(f.neuron(), f.resnetDt(), f.activation(), f.precision(), fit, f.biasAtomE(),
                f.trainable(), f.rcond(), nfp, nap, fparamAvg, fparamInvStd, aparamAvg, aparamInvStd, null);
        return new DeepPotModel(m.typeMap(), m.descriptor(), f2, m.outBias(), m.outStd(), null, m.deepmdOptions(),
                m.provenance(), null);
    }

    /**
     * A net with random weights as {@link #random} draws them (w, b ~ N(0, 1/(nIn + nOut)); idt ~ 0.1 + N(0, 10⁻⁶) on
     * skip layers when resnetDt; a fitting net ends in a linear 1-output layer).
     */
    public static DenseNet randomNet(DenseNet.Kind kind, int inDim, int[] neuron, String act, boolean resnetDt, Random rng) {
        return net(kind, inDim, neuron, act, resnetDt, false, rng);
    }

    /**
     * A net as training starts it, DeePMD-kit's initialisation (class comment): w ~ N(0, 1/(nIn + nOut)), hidden
     * biases ~ N(0, 1), idt ~ 0.1 + N(0, 10⁻⁶) on skip layers when resnetDt; a fitting net ends in a linear 1-output
     * layer with a small bias.
     */
    public static DenseNet trainingNet(DenseNet.Kind kind, int inDim, int[] neuron, String act, boolean resnetDt, Random rng) {
        return net(kind, inDim, neuron, act, resnetDt, true, rng);
    }

    /** Standard deviation of the hidden layers' biases in DeePMD-kit's initialisation (its {@code stddev = 1.0}). */
    static final double DEEPMD_BIAS_STD = 1.0;

    private static DenseNet net(DenseNet.Kind kind, int inDim, int[] neuron, String act, boolean resnetDt, Random rng) {
        return net(kind, inDim, neuron, act, resnetDt, false, rng);
    }

    /** deepmdBias: hidden biases ~ N(0, DEEPMD_BIAS_STD²), else N(0, 1/(nIn + nOut)) like the weights. */
    private static DenseNet net(DenseNet.Kind kind, int inDim, int[] neuron, String act, boolean resnetDt, boolean deepmdBias,
            Random rng) {
        List<NetLayer> layers = new ArrayList<>();
        int in = inDim;
        for (int width : neuron) {
            boolean timestep = resnetDt && (width == in || width == 2 * in);
            layers.add(layer(in, width, act, true, timestep, deepmdBias, rng));
            in = width;
        }
        if (kind == DenseNet.Kind.FITTING) layers.add(layer(in, 1, "none", false, false, false, rng));
        int outDim = kind == DenseNet.Kind.FITTING ? 1 : neuron[neuron.length - 1];
        return new DenseNet(kind, inDim, outDim, neuron.clone(), act, resnetDt, "float64", true, layers);
    }

    private static NetLayer layer(int in, int out, String act, boolean resnet, boolean timestep, Random rng) {
        return layer(in, out, act, resnet, timestep, false, rng);
    }

    private static NetLayer layer(int in, int out, String act, boolean resnet, boolean timestep, boolean deepmdBias,
            Random rng) {
        double scale = 1.0 / Math.sqrt(in + out);
        double[] w = new double[in * out];
        for (int k = 0; k < w.length; k++) w[k] = scale * rng.nextGaussian();
        double[] b = new double[out];
        double bScale = deepmdBias ? DEEPMD_BIAS_STD : scale;
        for (int k = 0; k < out; k++) b[k] = bScale * rng.nextGaussian();
        double[] idt = null;
        if (timestep) {
            idt = new double[out];
            for (int k = 0; k < out; k++) idt[k] = 0.1 + 0.001 * rng.nextGaussian();
        }
        return new NetLayer(in, out, w, b, idt, act, resnet, "float64");
    }
}
