package org.dpspark.simulate.dp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.NetLayer;

/**
 * Copies of a model with the fitting-net weights multiplied by (1 + δ·ξ), ξ standard normal from a seeded
 * stream: a stand-in for an ensemble of independently trained models when testing and demonstrating the
 * model-deviation pipeline (DP-GEN trains n models differing in seed; this only mimics their disagreement).
 */
public final class PerturbedModels {
    private PerturbedModels() {}

    /**
     * @param m the model
     * @param relative δ, relative size of the perturbation (e.g. 0.05)
     * @param seed seed of ξ
     */
    public static DeepPotModel perturbFitting(DeepPotModel m, double relative, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        EnerFitting f = m.fitting();
        List<DenseNet> nets = new ArrayList<>();
        for (DenseNet net : f.nets()) {
            List<NetLayer> layers = new ArrayList<>();
            for (NetLayer l : net.layers()) {
                double[] w = l.w().clone();
                for (int k = 0; k < w.length; k++) {
                    w[k] *= 1.0 + relative * gaussian(rng);
                }
                layers.add(new NetLayer(l.nIn(), l.nOut(), w, l.b(), l.idt(), l.activation(), l.resnet(), l.precision()));
            }
            nets.add(new DenseNet(net.kind(), net.inDim(), net.outDim(), net.neuron(), net.activation(), net.resnetDt(),
                    net.precision(), net.bias(), layers));
        }
        EnerFitting pf = new EnerFitting(f.neuron(), f.resnetDt(), f.activation(), f.precision(), nets, f.biasAtomE(),
                f.trainable(), f.rcond());
        return new DeepPotModel(m.typeMap(), m.descriptor(), pf, m.outBias(), m.outStd(), m.modelDefScript(),
                m.deepmdOptions(), m.provenance(), m.training());
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller with StrictMath: the same numbers on every JVM
        double u = 1.0 - rng.nextDouble(), v = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * v);
    }
}
