package org.dpspark.train.job;

import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.dpspark.model.EnerFitting;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.train.data.FrameParamStats;
import org.dpspark.train.data.TrainStats;

/** A freshly initialised model (DeePMD-kit's initialisation, {@link DeepPotModels}) with davg/dstd and energy bias from the data. */
public final class ModelInit {
    private ModelInit() {}

    public static DeepPotModel create(TrainSettings s, TrainStats stats) {
        return create(s, stats, null);
    }

    /**
     * As {@link #create(TrainSettings, TrainStats)}; with {@code train.model.numb-fparam/numb-aparam} &gt; 0 the fitting
     * nets take the frame and atomic parameters, normalised with {@code params} (computed over the training frames).
     */
    public static DeepPotModel create(TrainSettings s, TrainStats stats, FrameParamStats params) {
        NetworkSettings n = s.network();
        if (n.hasFrameParams()) {
            if (params == null) throw new IllegalArgumentException("numb-fparam/numb-aparam > 0 need the parameters' statistics");
            DeepPotModel m = withoutParams(s, stats);
            // the fitting nets drawn again one input wider per parameter (DeePMD-kit's init), from their own seed stream
            return DeepPotModels.withFrameParams(m, params.fparamAvg(), params.fparamInvStd(), params.aparamAvg(),
                    params.aparamInvStd(), n.seed() + 7919, true);
        }
        return withoutParams(s, stats);
    }

    private static DeepPotModel withoutParams(TrainSettings s, TrainStats stats) {
        NetworkSettings n = s.network();
        if (n.seAtten()) return SeAttenInit.create(s, stats);
        if (n.seR()) return seR(s, stats);
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

    /**
     * se_e2_r: DeePMD-kit's initialisation, davg/dstd the s column (column 0) of the se_e2_a statistics, which
     * DeePMD-kit's EnvMatStatSe computes with the same formulas for se_r's one column.
     */
    private static DeepPotModel seR(TrainSettings s, TrainStats stats) {
        NetworkSettings n = s.network();
        DeepPotModels.Spec spec = new DeepPotModels.Spec(stats.typeMap(), s.model().rcut(), s.model().rcutSmth(), stats.sel(),
                n.neuron(), 1, n.typeOneSide(), n.embeddingResnetDt(), n.fittingNeuron(), n.fittingResnetDt(), n.activation());
        DeepPotModel r = DeepPotModels.forTrainingSeR(spec, stats.energyBias(), n.seed());
        SeRDescriptor d = (SeRDescriptor) r.descriptor();
        double[] davg = new double[stats.davg().length / 4], dstd = new double[davg.length];
        for (int k = 0; k < davg.length; k++) {
            davg[k] = stats.davg()[4 * k];
            dstd[k] = stats.dstd()[4 * k];
        }
        SeRDescriptor d2 = new SeRDescriptor(d.rcut(), d.rcutSmth(), d.sel(), d.neuron(), d.typeOneSide(), d.resnetDt(),
                d.activation(), d.precision(), d.setDavgZero(), d.trainable(), davg, dstd, d.embeddings());
        return new DeepPotModel(r.typeMap(), d2, r.fitting(), r.outBias(), r.outStd(), null, null, r.provenance(), null);
    }
}
