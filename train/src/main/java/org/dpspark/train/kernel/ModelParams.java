package org.dpspark.train.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeRDescriptor;

/**
 * A model's trainable weights ↔ the flat parameter vector that training works on, without building the SameDiff
 * graph. The layout is {@code DeepPotOps.parameters}' (the graph's {@code flatParams()}, the kernel's
 * {@link KernelModel}): every embedding net in descriptor order, then the fitting net of each type; per layer w
 * (nIn×nOut, row-major, as {@link NetLayer} stores it), b (if any), idt (if any). davg/dstd, the energy bias and
 * out_bias are not trained and come from the template.
 */
public final class ModelParams {
    private ModelParams() {}

    /** The trainable weights of {@code model} as one flat vector. */
    public static double[] flat(DeepPotModel model) {
        List<DenseNet> nets = nets(model);
        int n = 0;
        for (DenseNet net : nets) for (NetLayer l : net.layers()) n += size(l);
        double[] out = new double[n];
        int o = 0;
        for (DenseNet net : nets) {
            for (NetLayer l : net.layers()) {
                for (double[] part : new double[][] {l.w(), l.b(), l.idt()}) {
                    if (part == null) continue;
                    System.arraycopy(part, 0, out, o, part.length);
                    o += part.length;
                }
            }
        }
        return out;
    }

    /** {@code template} with the trainable weights of {@code flat} (same architecture; the rest from the template). */
    public static DeepPotModel toModel(double[] flat, DeepPotModel template) {
        int[] o = {0};
        List<DenseNet> emb = new ArrayList<>();
        for (DenseNet net : embeddings(template)) emb.add(copy(net, flat, o));
        EnerFitting f = template.fitting();
        List<DenseNet> fit = new ArrayList<>();
        for (DenseNet net : f.nets()) fit.add(copy(net, flat, o));
        if (o[0] != flat.length) {
            throw new IllegalArgumentException("the model has " + o[0] + " trainable parameters, the vector " + flat.length);
        }
        return template.withNets(emb, fit);
    }

    private static List<DenseNet> nets(DeepPotModel model) {
        List<DenseNet> nets = new ArrayList<>(embeddings(model));
        nets.addAll(model.fitting().nets());
        return nets;
    }

    /** The embedding nets of a se_e2_a or se_e2_r model, in the descriptor's order. */
    private static List<DenseNet> embeddings(DeepPotModel model) {
        return model.descriptor() instanceof SeRDescriptor r ? r.embeddings() : model.seAWithParams().embeddings();
    }

    private static int size(NetLayer l) {
        return l.w().length + (l.b() == null ? 0 : l.b().length) + (l.idt() == null ? 0 : l.idt().length);
    }

    static DenseNet copy(DenseNet net, double[] flat, int[] o) {
        List<NetLayer> layers = new ArrayList<>();
        for (NetLayer x : net.layers()) {
            double[] w = take(flat, o, x.w().length);
            double[] b = x.b() == null ? null : take(flat, o, x.b().length);
            double[] idt = x.idt() == null ? null : take(flat, o, x.idt().length);
            layers.add(new NetLayer(x.nIn(), x.nOut(), w, b, idt, x.activation(), x.resnet(), x.precision()));
        }
        return new DenseNet(net.kind(), net.inDim(), net.outDim(), net.neuron(), net.activation(), net.resnetDt(),
                net.precision(), net.bias(), layers);
    }

    private static double[] take(double[] flat, int[] o, int n) {
        if (o[0] + n > flat.length) {
            throw new IllegalArgumentException("the vector has " + flat.length + " parameters, the model needs more");
        }
        double[] out = new double[n];
        System.arraycopy(flat, o[0], out, 0, n);
        o[0] += n;
        return out;
    }
}
