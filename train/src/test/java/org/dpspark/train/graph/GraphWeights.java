package org.dpspark.train.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeADescriptor;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Graph weights → {@link DeepPotModel} (the artifact that {@code simulate} loads without DL4J). The other direction is
 * the {@link DeepPotGraph} constructor, which takes its initial weights from a model.
 */
public final class GraphWeights {
    private GraphWeights() {}

    /** {@code template} with the weights of {@code graph} (same architecture; davg/dstd and biases from the template). */
    public static DeepPotModel toModel(DeepPotGraph graph, DeepPotModel template) {
        SameDiff sd = graph.sameDiff();
        SeADescriptor d = template.seA();
        List<DenseNet> emb = new ArrayList<>();
        for (int k = 0; k < d.embeddings().size(); k++) {
            int kk = k;
            emb.add(copy(sd, d.embeddings().get(k), (l, w) -> GraphNames.embedding(kk, l, w)));
        }
        List<DenseNet> fit = new ArrayList<>();
        EnerFitting f = template.fitting();
        for (int t = 0; t < f.ntypes(); t++) {
            int tt = t;
            fit.add(copy(sd, f.nets().get(t), (l, w) -> GraphNames.fitting(tt, l, w)));
        }
        return template.withNets(emb, fit);
    }

    private static DenseNet copy(SameDiff sd, DenseNet net, BiFunction<Integer, String, String> name) {
        List<NetLayer> layers = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            NetLayer x = net.layers().get(l);
            double[] w = values(sd, name.apply(l, "w"));
            double[] b = x.b() == null ? null : values(sd, name.apply(l, "b"));
            double[] idt = x.idt() == null ? null : values(sd, name.apply(l, "idt"));
            layers.add(new NetLayer(x.nIn(), x.nOut(), w, b, idt, x.activation(), x.resnet(), x.precision()));
        }
        return new DenseNet(net.kind(), net.inDim(), net.outDim(), net.neuron(), net.activation(), net.resnetDt(),
                net.precision(), net.bias(), layers);
    }

    private static double[] values(SameDiff sd, String name) {
        return sd.getVariable(name).getArr().dup('c').data().asDouble();
    }
}
