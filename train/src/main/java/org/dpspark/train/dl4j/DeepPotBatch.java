package org.dpspark.train.dl4j;

import static org.dpspark.train.graph.GraphNames.*;

import java.util.List;
import java.util.Map;
import org.dpspark.train.graph.BatchBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training batch (the placeholders of {@link BatchBuilder}) as the {@link MultiDataSet} that {@link DeepPotVertex}
 * takes: features in {@link DeepPotVertex#inputNames} order, each 2-d with one row per atom, slot or frame except the
 * header [1, 2] (so DL4J counts one example per batch); labels [2, K] = targets (row 0) and weight·prefactor (row 1) for the packed
 * prediction (energies nf, forces 3·natoms, virials 9·nf). Pure Java, no Spark.
 */
public final class DeepPotBatch {
    private DeepPotBatch() {}

    /**
     * @param ph placeholders from {@link BatchBuilder#build}
     * @param prefactors p_e, p_f, p_v (folded into the label weights)
     */
    public static MultiDataSet of(Map<String, INDArray> ph, int ntypes, int nnei, double[] prefactors) {
        int natoms = ph.get(NATOMS).getInt(0);
        int nf = ph.get(NFRAMES).getInt(0);
        INDArray[] features = new INDArray[1 + 7 * ntypes];
        features[0] = Nd4j.create(new double[] {natoms, nf}, new long[] {1, 2}, 'c');
        for (int t = 0; t < ntypes; t++) {
            int o = 1 + 7 * t;
            INDArray env = ph.get(env(t));
            long a = env.size(0);
            features[o] = env.reshape('c', a, nnei * 4L);
            features[o + 1] = ph.get(deriv(t)).reshape('c', a * nnei, 12);
            features[o + 2] = ph.get(rij(t)).reshape('c', a, nnei * 3L);
            features[o + 3] = ph.get(neighbour(t)).castTo(DataType.DOUBLE).reshape('c', a * nnei, 1);
            features[o + 4] = ph.get(centre(t)).castTo(DataType.DOUBLE).reshape('c', a, 1);
            features[o + 5] = ph.get(frameOf(t)).castTo(DataType.DOUBLE).reshape('c', a, 1);
            features[o + 6] = ph.get(mask(t)).reshape('c', a, 1);
        }
        int k = nf + 3 * natoms + 9 * nf;
        double[] lab = new double[2 * k];
        double[] e = ph.get(ENERGY_LABEL).toDoubleVector(), we = ph.get(ENERGY_WEIGHT).toDoubleVector();
        double[] f = ph.get(FORCE_LABEL).dup('c').data().asDouble(), wf = ph.get(FORCE_WEIGHT).dup('c').data().asDouble();
        double[] v = ph.get(VIRIAL_LABEL).dup('c').data().asDouble(), wv = ph.get(VIRIAL_WEIGHT).dup('c').data().asDouble();
        int r = 0;
        for (int i = 0; i < nf; i++, r++) {
            lab[r] = e[i];
            lab[k + r] = we[i] * prefactors[0];
        }
        for (int i = 0; i < 3 * natoms; i++, r++) {
            lab[r] = f[i];
            lab[k + r] = wf[i / 3] * prefactors[1];
        }
        for (int i = 0; i < 9 * nf; i++, r++) {
            lab[r] = v[i];
            lab[k + r] = wv[i / 9] * prefactors[2];
        }
        return new MultiDataSet(features, new INDArray[] {Nd4j.create(lab, new long[] {2, k}, 'c')});
    }

    /** Builds the batch of {@code frames} with {@code builder} and packs it. */
    public static MultiDataSet of(BatchBuilder builder, List<org.dpspark.train.data.TrainFrame> frames, int ntypes, int nnei,
            double[] prefactors) {
        return of(builder.build(frames, new double[] {1, 1, 1}), ntypes, nnei, prefactors);
    }
}
