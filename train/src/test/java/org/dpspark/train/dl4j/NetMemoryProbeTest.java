package org.dpspark.train.dl4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dpspark.featurize.dpmodel.DeepPotModel;
import org.dpspark.featurize.dpmodel.DeepPotModels;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.BatchBuilder;
import org.dpspark.train.graph.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/** TEMPORARY probe: RSS per fit step of the DL4J network (no Spark). */
@EnabledIfSystemProperty(named = "dpspark.probe", matches = ".+")
class NetMemoryProbeTest {
    @Test
    void probe() throws Exception {
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), 6.0, 0.5, new int[] {46, 92},
                new int[] {8, 16, 32}, 4, false, true, new int[] {32, 32, 32}, true, "tanh");
        DeepPotModel model = DeepPotModels.random(spec, 0.05, 0.1, 0.08, new double[] {-93.0, -187.0}, 5);
        BatchBuilder bb = new BatchBuilder(model.descriptor());
        TrainFrame a = TestData.water(0, 1);
        Map<String, INDArray> ph = bb.build(List.of(a), new double[] {1, 1, 1});
        MultiDataSet mds = DeepPotBatch.of(ph, model.ntypes(), model.descriptor().nnei(), new double[] {1, 1, 1});
        int steps = Integer.getInteger("dpspark.probe.steps", 40);
        int rebuild = Integer.getInteger("dpspark.probe.rebuild", 10);
        ComputationGraph net = null;
        for (int s = 0; s < steps; s++) {
            if (s % rebuild == 0) {
                net = DeepPotNetwork.create(model, 1e-3, 0.9, 0.999, 1e-8, 1);
            }
            long t0 = System.nanoTime();
            net.fit(mds);
            System.out.printf("PROBE step %d %.3f s rss %.0f MB heap %.0f MB%n", s, (System.nanoTime() - t0) / 1e9, rss() / 1e6,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
        }
        System.gc();
        Thread.sleep(1000);
        System.out.printf("PROBE after gc rss %.0f MB%n", rss() / 1e6);
    }

    static long rss() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }
}
