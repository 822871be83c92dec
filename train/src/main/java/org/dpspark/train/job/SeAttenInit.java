package org.dpspark.train.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.DenseNet;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.train.data.TrainStats;

/**
 * A freshly initialised DPA-1 (se_atten, attn_layer 0) model for training, with DeePMD-kit's se_atten defaults where
 * the configuration has no key: sel N = Σ model.sel (one total), davg = 0 (set_davg_zero), dstd from the data, the type
 * embedding net T→d linear without bias (use_tebd_bias false), the embedding net on [s̃, τ_j(, τ_i)], one fitting net
 * on [D(, τ_i)] for every type (mixed_types), the energy bias per type from the data; attention hyper-parameters are
 * DeePMD-kit's defaults (attn 128, attn_dotr, normalize, scaling_factor 1, layer-norm ε 10⁻⁵), unused with no layers.
 */
final class SeAttenInit {
    private SeAttenInit() {}

    static DeepPotModel create(TrainSettings s, TrainStats stats) {
        NetworkSettings n = s.network();
        List<String> typeMap = stats.typeMap();
        int t = typeMap.size(), nnei = Arrays.stream(stats.sel()).sum(), d = n.tebdDim();
        Random rng = new Random(n.seed());
        DenseNet tebd = withoutBias(DeepPotModels.randomNet(DenseNet.Kind.EMBEDDING, t, new int[] {d}, "linear", false, rng));
        int in = 1 + (n.typeOneSide() ? d : 2 * d);
        DenseNet emb = DeepPotModels.trainingNet(DenseNet.Kind.EMBEDDING, in, n.neuron(), n.activation(), n.embeddingResnetDt(), rng);
        int m = n.neuron()[n.neuron().length - 1];
        int dimOut = m * n.axisNeuron() + (n.concatOutputTebd() ? d : 0);
        DenseNet fit = DeepPotModels.trainingNet(DenseNet.Kind.FITTING, dimOut, n.fittingNeuron(), n.activation(), n.fittingResnetDt(), rng);
        double[] davg = new double[t * nnei * 4];
        SeAttenDescriptor desc = new SeAttenDescriptor(s.model().rcut(), s.model().rcutSmth(), t, nnei, n.neuron().clone(),
                n.axisNeuron(), d, false, false, n.embeddingResnetDt(), n.typeOneSide(), 128, true, true, 1.0, null, true, 1e-5,
                false, n.concatOutputTebd(), n.activation(), "float64", true, true, false, davg, stats.dstd(), tebd, emb, null,
                List.of());
        boolean[] trainable = new boolean[n.fittingNeuron().length + 1];
        Arrays.fill(trainable, true);
        EnerFitting f = new EnerFitting(n.fittingNeuron().clone(), n.fittingResnetDt(), n.activation(), "float64",
                Collections.nCopies(t, fit), stats.energyBias().clone(), trainable, null);
        double[] outStd = new double[t];
        Arrays.fill(outStd, 1.0);
        return new DeepPotModel(typeMap, desc, f, new double[t], outStd, null, Map.of("fitting.mixed_types", true),
                Map.of("created_by", "dpspark train (se_atten, attn_layer 0)", "seed", n.seed()), null);
    }

    private static DenseNet withoutBias(DenseNet net) {
        List<NetLayer> layers = new ArrayList<>();
        for (NetLayer l : net.layers()) {
            layers.add(new NetLayer(l.nIn(), l.nOut(), l.w(), null, l.idt(), l.activation(), l.resnet(), l.precision()));
        }
        return new DenseNet(net.kind(), net.inDim(), net.outDim(), net.neuron(), net.activation(), net.resnetDt(), net.precision(),
                false, layers);
    }
}
