package org.dpspark.train.job;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.SeADescriptor;
import org.dpspark.train.data.TrainStats;

/** A freshly initialised model (DeePMD-kit's initialisation, {@link DeepPotModels}) with davg/dstd and energy bias from the data. */
public final class ModelInit {
    private ModelInit() {}

    public static DeepPotModel create(TrainSettings s, TrainStats stats) {
        NetworkSettings n = s.network();
        if (n.seAtten()) return SeAttenInit.create(s, stats);
        DeepPotModels.Spec spec = new DeepPotModels.Spec(stats.typeMap(), s.model().rcut(), s.model().rcutSmth(), stats.sel(),
                n.neuron(), n.axisNeuron(), n.typeOneSide(), n.embeddingResnetDt(), n.fittingNeuron(), n.fittingResnetDt(),
                n.activation());
        DeepPotModel r = DeepPotModels.forTraining(spec, stats.energyBias(), n.seed());
        SeADescriptor d = r.seA();
        SeADescriptor d2 = new SeADescriptor(d.rcut(), d.rcutSmth(), d.sel(), d.neuron(), d.axisNeuron(), d.typeOneSide(),
                d.resnetDt(), d.activation(), d.precision(), d.setDavgZero(), d.trainable(), stats.davg(), stats.dstd(),
                d.embeddings());
        EnerFitting f = r.fitting();
        return new DeepPotModel(r.typeMap(), d2, f, r.outBias(), r.outStd(), null, null, r.provenance(), null);
    }
}
