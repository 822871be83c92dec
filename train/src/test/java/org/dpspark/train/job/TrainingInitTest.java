package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DenseNet;
import org.dpspark.model.NetLayer;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.train.data.TrainStats;
import org.junit.jupiter.api.Test;

/**
 * Training starts from DeePMD-kit's initialisation (its PyTorch {@code MLPLayer._default_normal_init}, TF
 * {@code one_layer}): weights N(0, 1/(nIn + nOut)), hidden biases N(0, 1), timesteps 0.1 + N(0, 0.001); the last
 * layer of a fitting net linear with a small bias (the energy bias per type comes from the data).
 *
 * <p>Bounds: for n draws of N(0, σ²) the sample standard deviation has a standard error σ/√(2n); every bound below is
 * 5 standard errors (a false failure has probability ~10⁻⁶), and the two initialisations it tells apart differ by far
 * more (hidden biases σ = 1 against σ = 1/√(nIn + nOut) ≤ 0.2 for the first embedding layer of width 25).
 */
class TrainingInitTest {
    private static final List<String> WATER_EXAMPLE = List.of("train.model.neuron=[25,50,100]", "train.model.axis-neuron=16",
            "train.model.fitting-neuron=[240,240,240]", "model.sel=[46,92]");

    private static TrainStats stats(int ntypes, int nnei) {
        double[] davg = new double[ntypes * nnei * 4], dstd = new double[ntypes * nnei * 4];
        Arrays.fill(dstd, 1.0);
        List<String> typeMap = ntypes == 2 ? List.of("O", "H") : List.of("H", "C", "O");
        return new TrainStats(typeMap, 6.0, 0.5, ntypes == 2 ? new int[] {46, 92} : new int[] {40, 8, 20}, new int[ntypes],
                davg, dstd, new double[ntypes], 1);
    }

    /** Hidden-layer biases, weights scaled by √(nIn + nOut), timesteps and last-layer biases of the nets. */
    private record Draws(List<Double> hiddenBias, List<Double> scaledWeight, List<Double> idt, List<Double> lastBias) {
        static Draws of(List<DenseNet> nets) {
            Draws d = new Draws(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (DenseNet net : nets) {
                List<NetLayer> layers = net.layers();
                for (int l = 0; l < layers.size(); l++) {
                    NetLayer layer = layers.get(l);
                    boolean last = net.kind() == DenseNet.Kind.FITTING && l == layers.size() - 1;
                    for (double b : layer.b()) (last ? d.lastBias : d.hiddenBias).add(b);
                    double s = Math.sqrt(layer.nIn() + layer.nOut());
                    for (double w : layer.w()) d.scaledWeight.add(w * s);
                    if (layer.idt() != null) for (double t : layer.idt()) d.idt.add(t);
                }
            }
            return d;
        }
    }

    private static double mean(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double std(List<Double> x) {
        double m = mean(x);
        return Math.sqrt(x.stream().mapToDouble(v -> (v - m) * (v - m)).sum() / (x.size() - 1));
    }

    /** x are draws of N(mu, sigma²): sample mean and standard deviation within 5 standard errors. */
    private static void assertNormal(double mu, double sigma, List<Double> x, String what) {
        assertEquals(mu, mean(x), 5 * sigma / Math.sqrt(x.size()), what + ": mean (" + x.size() + " draws)");
        assertEquals(sigma, std(x), 5 * sigma / Math.sqrt(2.0 * x.size()), what + ": std (" + x.size() + " draws)");
    }

    @Test
    void seE2aStartsFromDeepmdKitsInitialisation() {
        TrainSettings s = TrainSettings.from(JobConfig.load(null, WATER_EXAMPLE));
        DeepPotModel m = ModelInit.create(s, stats(2, 138));
        List<DenseNet> nets = new ArrayList<>(((SeADescriptor) m.descriptor()).embeddings());
        nets.addAll(m.fitting().nets());
        Draws d = Draws.of(nets);
        assertNormal(0.0, 1.0, d.hiddenBias(), "hidden biases ~ N(0, 1)");
        assertNormal(0.0, 1.0, d.scaledWeight(), "weights ~ N(0, 1/(nIn + nOut))");
        assertEquals(2 * 2 * 240, d.idt().size(), "timesteps on the two fitting nets' two 240→240 layers");
        assertNormal(0.1, 0.001, d.idt(), "timesteps ~ 0.1 + N(0, 0.001²)");
        // the last layer's bias stays small: 1/√(240 + 1)
        for (double b : d.lastBias()) assertTrue(Math.abs(b) < 5 / Math.sqrt(241), "last-layer bias " + b);
    }

    @Test
    void seAttenStartsFromDeepmdKitsInitialisation() {
        TrainSettings s = TrainSettings.from(JobConfig.load(null, List.of("train.model.descriptor=se_atten", "train.parallel.engine=rdd",
                "train.model.attn-layer=0", "train.model.neuron=[25,50,100]", "train.model.axis-neuron=16",
                "train.model.fitting-neuron=[240,240,240]")));
        DeepPotModel m = ModelInit.create(s, stats(3, 68));
        SeAttenDescriptor a = (SeAttenDescriptor) m.descriptor();
        List<DenseNet> nets = new ArrayList<>(List.of(a.embedding()));
        nets.add(m.fitting().nets().get(0));
        Draws d = Draws.of(nets);
        assertNormal(0.0, 1.0, d.hiddenBias(), "hidden biases ~ N(0, 1)");
        assertNormal(0.0, 1.0, d.scaledWeight(), "weights ~ N(0, 1/(nIn + nOut))");
        // DeePMD-kit's type embedding has no bias (use_tebd_bias false)
        for (NetLayer l : a.typeEmbedding().layers()) assertNull(l.b());
    }
}
