package org.dpspark.train.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dpspark.model.Activation;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.UnsupportedModelException;

/**
 * DPA-1 (se_atten) without attention layers trained by the se_e2_a {@link DeepPotKernel}: the type embedding folded
 * into first-layer biases. With attn_layer = 0 and tebd_input_mode concat, the embedding net's first layer on the input
 * [s̃_j, τ_{t_j}, τ_{t_i}] (τ_{t_i} only without type_one_side) is
 * <pre>  z = s̃_j·W₀[0,:] + (b₀ + τ_{t_j}·W₀[1..d,:] + τ_{t_i}·W₀[d+1..2d,:])</pre>
 * which is se_e2_a's embedding net for the type pair (t_i, t_j) (or neighbour type t_j with type_one_side) with the
 * 1-input weight W₀[0,:] and the bracket as its bias, the deeper layers shared; the one (mixed_types) fitting net on
 * [D, τ_{t_i}] is likewise a per-type fitting net on D with bias b_F + τ_{t_i}·W_F[MM&lt;.., :] (frame and atomic
 * parameters, the last inputs of both, keep their rows). se_atten keeps the N
 * nearest neighbours of any type and divides gr by N; the se_e2_a model here has per-type slot blocks summing to the
 * same N, so with davg = 0 (set_davg_zero, DeePMD-kit's se_atten default) its padding rows R̃ = 0 add nothing and the
 * two give the same energies, forces and virials whenever no block overflows (the data's neighbour counts per type
 * within each block's size, as sel = auto makes them).
 *
 * <p>Parameters: the se_atten model's own flat vector θ (type embedding net, embedding net, the fitting net; per layer
 * w (nIn×nOut, row-major), b, idt when present) is what Adam trains; {@link #expand} maps it to the kernel's flat vector
 * (θ_e: {@link ModelParams}' layout of {@link #expanded()}), {@link #reduce} maps ∂L/∂θ_e back to ∂L/∂θ by the chain
 * rule (shared weights sum over their copies; the bias terms give ∂L/∂W₀[1..,:] = τ ⊗ ∂L/∂b and ∂L/∂τ = W₀[1..,:]·∂L/∂b,
 * then the type embedding net's reverse). Cost: T (or T²) copies of the first layer per step, nothing per atom.
 */
public final class SeAttenFold {
    private final DeepPotModel template;
    private final SeAttenDescriptor d;
    private final DeepPotModel expanded;
    /** T, type embedding width d, M·M&lt;, and P = numb_fparam + numb_aparam (the fitting input's last P columns). */
    private final int ntypes, td, dimD, np;
    private final DenseNet tebdNet, embNet, fitNet;
    /** Offsets of each layer's {w, b, idt} (−1: absent) in θ: type embedding, embedding, fitting. */
    private final int[][] tebdOff, embOff, fitOff;
    /** Offsets of each layer's {w, b, idt} in θ_e: per expanded embedding net (se_e2_a order), per type's fitting net. */
    private final int[][][] eEmb, eFit;
    private final int paramCount, expandedCount;

    /**
     * @param atten a se_atten model with attn_layer 0, concat type embedding, davg = 0, one fitting net for all types
     * @param blocks the se_e2_a slot block per neighbour type (Σ = the model's sel)
     * @throws UnsupportedModelException naming the first option this path does not train
     */
    public SeAttenFold(DeepPotModel atten, int[] blocks) {
        if (!(atten.descriptor() instanceof SeAttenDescriptor sd)) {
            throw new UnsupportedModelException("SeAttenFold takes a se_atten model, got " + atten.descriptor().type());
        }
        template = atten;
        d = sd;
        ntypes = atten.ntypes();
        td = d.tebdDim();
        dimD = d.embeddingWidth() * d.axisNeuron();
        np = atten.fitting().numbFparam() + atten.fitting().numbAparam();
        String no = "training se_atten is implemented for ";
        if (!d.attentionLayers().isEmpty()) {
            throw new UnsupportedModelException(no + "attn_layer = 0 only, the model has attn_layer = " + d.attentionLayers().size());
        }
        if (d.v2() || d.stripped()) throw new UnsupportedModelException(no + "tebd_input_mode concat only, not strip (se_atten_v2)");
        if (!Boolean.TRUE.equals(atten.deepmdOptions().get("fitting.mixed_types"))) {
            throw new UnsupportedModelException(no + "one fitting net shared by every type (fitting mixed_types) only");
        }
        for (double v : d.davg()) {
            if (v != 0.0) throw new UnsupportedModelException(no + "davg = 0 (set_davg_zero, DeePMD-kit's se_atten default) only");
        }
        checkSlotConstant(d.dstd(), d.nnei());
        if (blocks == null || blocks.length != ntypes || java.util.Arrays.stream(blocks).sum() != d.nnei()) {
            throw new IllegalArgumentException("se_atten training needs one slot block per type summing to sel = " + d.nnei()
                    + ", got " + (blocks == null ? "none" : java.util.Arrays.toString(blocks)));
        }
        tebdNet = d.typeEmbedding();
        embNet = d.embedding();
        fitNet = atten.fitting().nets().get(0);
        for (DenseNet f : atten.fitting().nets()) {
            if (f != fitNet && !sameWeights(f, fitNet)) throw new UnsupportedModelException(no + "one fitting net shared by every type only");
        }
        if (tebdNet.layers().size() != 1) throw new UnsupportedModelException(no + "a one-layer type embedding net only");
        Activation ta = tebdNet.layers().get(0).act();
        if (ta != Activation.LINEAR && ta != Activation.TANH) {
            throw new UnsupportedModelException(no + "a type embedding net with activation linear or tanh, not " + ta);
        }
        if (embNet.layers().get(0).skip() != 0 || fitNet.layers().get(0).skip() != 0) {
            throw new UnsupportedModelException(no + "first embedding/fitting layers without a skip connection (neuron[0] = "
                    + embNet.layers().get(0).nOut() + ", fitting neuron[0] = " + fitNet.layers().get(0).nOut() + ")");
        }
        int[] p = {0};
        tebdOff = offsets(tebdNet, p);
        embOff = offsets(embNet, p);
        fitOff = offsets(fitNet, p);
        paramCount = p[0];
        DeepPotModel shell = shell(blocks);
        int[] q = {0};
        SeADescriptor e = shell.seAWithParams();
        eEmb = new int[e.embeddings().size()][][];
        for (int k = 0; k < eEmb.length; k++) eEmb[k] = offsets(e.embeddings().get(k), q);
        eFit = new int[ntypes][][];
        for (int t = 0; t < ntypes; t++) eFit[t] = offsets(shell.fitting().nets().get(t), q);
        expandedCount = q[0];
        expanded = ModelParams.toModel(expand(flat(atten)), shell);
    }

    /** The se_e2_a model of the same function for the kernel (weights of the template's θ). */
    public DeepPotModel expanded() { return expanded; }

    /** Size of θ, the se_atten model's trainable parameters. */
    public int paramCount() { return paramCount; }

    /** θ of {@code atten} (same architecture as the template): type embedding, embedding, fitting net. */
    public double[] flat(DeepPotModel atten) {
        SeAttenDescriptor a = (SeAttenDescriptor) atten.descriptor();
        double[] out = new double[paramCount];
        int[] o = {0};
        for (DenseNet net : List.of(a.typeEmbedding(), a.embedding(), atten.fitting().nets().get(0))) {
            for (NetLayer l : net.layers()) {
                for (double[] part : new double[][] {l.w(), l.b(), l.idt()}) {
                    if (part == null) continue;
                    System.arraycopy(part, 0, out, o[0], part.length);
                    o[0] += part.length;
                }
            }
        }
        if (o[0] != paramCount) throw new IllegalArgumentException("the model has " + o[0] + " parameters, the template " + paramCount);
        return out;
    }

    /** The template with θ's weights (the se_atten model that `test`, `simulate` and export read). */
    public DeepPotModel toModel(double[] theta) {
        int[] o = {0};
        DenseNet te = ModelParams.copy(tebdNet, theta, o);
        DenseNet emb = ModelParams.copy(embNet, theta, o);
        DenseNet fit = ModelParams.copy(fitNet, theta, o);
        if (o[0] != theta.length) throw new IllegalArgumentException("se_atten has " + o[0] + " parameters, the vector " + theta.length);
        SeAttenDescriptor d2 = new SeAttenDescriptor(d.rcut(), d.rcutSmth(), d.ntypes(), d.nnei(), d.neuron(), d.axisNeuron(),
                d.tebdDim(), d.stripped(), d.v2(), d.resnetDt(), d.typeOneSide(), d.attn(), d.attnDotr(), d.normalize(),
                d.scalingFactor(), d.temperature(), d.trainableLn(), d.lnEps(), d.smooth(), d.concatOutputTebd(), d.activation(),
                d.precision(), d.setDavgZero(), d.trainable(), d.useTebdBias(), d.davg(), d.dstd(), te, emb, null, List.of());
        EnerFitting f = template.fitting().withNets(Collections.nCopies(ntypes, fit));
        return new DeepPotModel(template.typeMap(), d2, f, template.outBias(), template.outStd(), template.modelDefScript(),
                template.deepmdOptions(), template.provenance(), template.training());
    }

    /** τ (T×d) of θ; {@code zOut} (T×d, or null) receives the pre-activations. */
    private double[] typeEmbedding(double[] theta, double[] zOut) {
        NetLayer l = tebdNet.layers().get(0);
        boolean tanh = l.act() == Activation.TANH;
        int[] off = tebdOff[0];
        double[] tau = new double[ntypes * td];
        for (int t = 0; t < ntypes; t++) {
            for (int c = 0; c < td; c++) {
                double z = theta[off[0] + t * td + c] + (off[1] >= 0 ? theta[off[1] + c] : 0.0);
                if (zOut != null) zOut[t * td + c] = z;
                double a = tanh ? Math.tanh(z) : z;
                if (off[2] >= 0) a *= theta[off[2] + c];
                if (l.skip() > 0 && c % ntypes == t) a += 1.0; // y += one-hot (skip 1) or [one-hot, one-hot] (skip 2)
                tau[t * td + c] = a;
            }
        }
        return tau;
    }

    /** θ_e (the kernel's parameters, {@link #expanded()}'s layout) of θ. */
    public double[] expand(double[] theta) {
        check(theta.length, paramCount);
        double[] tau = typeEmbedding(theta, null);
        double[] out = new double[expandedCount];
        int n1 = embNet.layers().get(0).nOut(), f1 = fitNet.layers().get(0).nOut();
        for (int k = 0; k < eEmb.length; k++) {
            int tj = d.typeOneSide() ? k : k / ntypes, ti = d.typeOneSide() ? -1 : k % ntypes;
            int[] w = embOff[0], e = eEmb[k][0];
            System.arraycopy(theta, w[0], out, e[0], n1); // W₀[0,:]
            for (int o = 0; o < n1; o++) {
                double b = w[1] >= 0 ? theta[w[1] + o] : 0.0;
                for (int c = 0; c < td; c++) {
                    b += tau[tj * td + c] * theta[w[0] + (1 + c) * n1 + o];
                    if (ti >= 0) b += tau[ti * td + c] * theta[w[0] + (1 + td + c) * n1 + o];
                }
                out[e[1] + o] = b;
            }
            if (w[2] >= 0) System.arraycopy(theta, w[2], out, e[2], n1);
            copyDeeper(theta, embOff, out, eEmb[k], embNet);
        }
        for (int t = 0; t < ntypes; t++) {
            int[] w = fitOff[0], e = eFit[t][0];
            System.arraycopy(theta, w[0], out, e[0], dimD * f1); // W_F[0..MM<, :]
            // the parameter rows: after D and τ in se_atten's input, after D in the expanded one
            System.arraycopy(theta, w[0] + (dimD + tdOut()) * f1, out, e[0] + dimD * f1, np * f1);
            for (int o = 0; o < f1; o++) {
                double b = w[1] >= 0 ? theta[w[1] + o] : 0.0;
                if (d.concatOutputTebd()) for (int c = 0; c < td; c++) b += tau[t * td + c] * theta[w[0] + (dimD + c) * f1 + o];
                out[e[1] + o] = b;
            }
            if (w[2] >= 0) System.arraycopy(theta, w[2], out, e[2], f1);
            copyDeeper(theta, fitOff, out, eFit[t], fitNet);
        }
        return out;
    }

    /** ∂L/∂θ from θ and ∂L/∂θ_e (the kernel's gradient at {@link #expand}(θ)). */
    public double[] reduce(double[] theta, double[] gExp) {
        check(theta.length, paramCount);
        check(gExp.length, expandedCount);
        double[] z = new double[ntypes * td];
        double[] tau = typeEmbedding(theta, z);
        double[] g = new double[paramCount], gTau = new double[ntypes * td];
        int n1 = embNet.layers().get(0).nOut(), f1 = fitNet.layers().get(0).nOut();
        for (int k = 0; k < eEmb.length; k++) {
            int tj = d.typeOneSide() ? k : k / ntypes, ti = d.typeOneSide() ? -1 : k % ntypes;
            int[] w = embOff[0], e = eEmb[k][0];
            for (int o = 0; o < n1; o++) {
                g[w[0] + o] += gExp[e[0] + o];
                double db = gExp[e[1] + o];
                if (w[1] >= 0) g[w[1] + o] += db;
                if (w[2] >= 0) g[w[2] + o] += gExp[e[2] + o];
                for (int c = 0; c < td; c++) {
                    int rj = w[0] + (1 + c) * n1 + o;
                    g[rj] += tau[tj * td + c] * db;
                    gTau[tj * td + c] += theta[rj] * db;
                    if (ti >= 0) {
                        int ri = w[0] + (1 + td + c) * n1 + o;
                        g[ri] += tau[ti * td + c] * db;
                        gTau[ti * td + c] += theta[ri] * db;
                    }
                }
            }
            addDeeper(gExp, eEmb[k], g, embOff, embNet);
        }
        for (int t = 0; t < ntypes; t++) {
            int[] w = fitOff[0], e = eFit[t][0];
            for (int q = 0; q < dimD * f1; q++) g[w[0] + q] += gExp[e[0] + q];
            for (int q = 0; q < np * f1; q++) g[w[0] + (dimD + tdOut()) * f1 + q] += gExp[e[0] + dimD * f1 + q];
            for (int o = 0; o < f1; o++) {
                double db = gExp[e[1] + o];
                if (w[1] >= 0) g[w[1] + o] += db;
                if (w[2] >= 0) g[w[2] + o] += gExp[e[2] + o];
                if (!d.concatOutputTebd()) continue;
                for (int c = 0; c < td; c++) {
                    int r = w[0] + (dimD + c) * f1 + o;
                    g[r] += tau[t * td + c] * db;
                    gTau[t * td + c] += theta[r] * db;
                }
            }
            addDeeper(gExp, eFit[t], g, fitOff, fitNet);
        }
        // type embedding net: τ_t = φ(W[t,:] + b)∘idt (+ skip)
        boolean tanh = tebdNet.layers().get(0).act() == Activation.TANH;
        int[] off = tebdOff[0];
        for (int t = 0; t < ntypes; t++) {
            for (int c = 0; c < td; c++) {
                double a = tanh ? Math.tanh(z[t * td + c]) : z[t * td + c];
                double da = gTau[t * td + c];
                if (off[2] >= 0) {
                    g[off[2] + c] += da * a;
                    da *= theta[off[2] + c];
                }
                double dz = tanh ? da * (1 - a * a) : da;
                g[off[0] + t * td + c] += dz;
                if (off[1] >= 0) g[off[1] + c] += dz;
            }
        }
        return g;
    }

    /** Width of the centre's type embedding in se_atten's fitting input (d with concat_output_tebd, else 0). */
    private int tdOut() { return d.concatOutputTebd() ? td : 0; }

    /** The se_e2_a architecture of the fold (first layers of width 1 and M·M&lt;; weights zero until filled). */
    private DeepPotModel shell(int[] blocks) {
        int nets = d.typeOneSide() ? ntypes : ntypes * ntypes;
        List<DenseNet> emb = new ArrayList<>();
        for (int k = 0; k < nets; k++) emb.add(firstLayerFolded(embNet, 1));
        List<DenseNet> fit = new ArrayList<>();
        for (int t = 0; t < ntypes; t++) fit.add(firstLayerFolded(fitNet, dimD + np));
        SeADescriptor sd = new SeADescriptor(d.rcut(), d.rcutSmth(), blocks.clone(), d.neuron(), d.axisNeuron(), d.typeOneSide(),
                d.resnetDt(), d.activation(), "float64", true, true, d.davg(), d.dstd(), emb);
        EnerFitting f = template.fitting().withNets(fit);
        return new DeepPotModel(template.typeMap(), sd, f, template.outBias(), template.outStd(), null, null,
                template.provenance(), null);
    }

    /** A copy of {@code net} whose first layer takes {@code in} inputs (the rest of its rows fold into the bias). */
    private static DenseNet firstLayerFolded(DenseNet net, int in) {
        List<NetLayer> layers = new ArrayList<>(net.layers());
        NetLayer l0 = layers.get(0);
        layers.set(0, new NetLayer(in, l0.nOut(), new double[in * l0.nOut()], new double[l0.nOut()],
                l0.idt() == null ? null : l0.idt().clone(), l0.activation(), false, l0.precision()));
        return new DenseNet(net.kind(), in, net.outDim(), net.neuron(), net.activation(), net.resnetDt(), net.precision(), true,
                layers);
    }

    private static void copyDeeper(double[] theta, int[][] src, double[] out, int[][] dst, DenseNet net) {
        for (int l = 1; l < src.length; l++) {
            NetLayer x = net.layers().get(l);
            for (int p = 0; p < 3; p++) if (src[l][p] >= 0) System.arraycopy(theta, src[l][p], out, dst[l][p], len(x, p));
        }
    }

    private static void addDeeper(double[] gExp, int[][] src, double[] g, int[][] dst, DenseNet net) {
        for (int l = 1; l < src.length; l++) {
            NetLayer x = net.layers().get(l);
            for (int p = 0; p < 3; p++) {
                if (dst[l][p] < 0) continue;
                for (int q = 0; q < len(x, p); q++) g[dst[l][p] + q] += gExp[src[l][p] + q];
            }
        }
    }

    private static int len(NetLayer x, int part) {
        return part == 0 ? x.w().length : x.nOut();
    }

    private static int[][] offsets(DenseNet net, int[] p) {
        int[][] out = new int[net.layers().size()][];
        for (int l = 0; l < out.length; l++) {
            NetLayer x = net.layers().get(l);
            int w = p[0];
            p[0] += x.w().length;
            int b = -1, idt = -1;
            if (x.b() != null) {
                b = p[0];
                p[0] += x.b().length;
            }
            if (x.idt() != null) {
                idt = p[0];
                p[0] += x.idt().length;
            }
            out[l] = new int[] {w, b, idt};
        }
        return out;
    }

    private static boolean sameWeights(DenseNet a, DenseNet b) {
        if (a.layers().size() != b.layers().size()) return false;
        for (int l = 0; l < a.layers().size(); l++) {
            NetLayer x = a.layers().get(l), y = b.layers().get(l);
            if (!java.util.Arrays.equals(x.w(), y.w()) || !java.util.Arrays.equals(x.b(), y.b())
                    || !java.util.Arrays.equals(x.idt(), y.idt())) {
                return false;
            }
        }
        return true;
    }

    private static void checkSlotConstant(double[] a, int nnei) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != a[(i / (nnei * 4)) * nnei * 4 + i % 4]) {
                throw new UnsupportedModelException("training se_atten needs davg/dstd the same on every slot of a centre type");
            }
        }
    }

    private static void check(int got, int need) {
        if (got != need) throw new IllegalArgumentException("need " + need + " parameters, got " + got);
    }
}
