package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.HybridDescriptor;
import org.dpspark.model.eval.HybridEvaluator;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DeePMD-kit {@code hybrid} model (se_e2_a + se_e2_r, hybrid.yaml of the model module's test resources, made with
 * DeePMD-kit's NumPy backend) through the command line on a local Spark: import-model, test on ingested water frames
 * (the hybrid reference evaluator's predictions), export-model → import-model, simulate an NVE water box with it.
 */
class HybridPipelineIT {

    @Test
    void importTestExportSimulate(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        Path yaml = tmp.resolve("hybrid.yaml");
        try (InputStream in = HybridPipelineIT.class.getResourceAsStream("/org/dpspark/model/eval/hybrid.yaml")) {
            Files.copy(in, yaml);
        }
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_3").toString(), "-o", table.toString());
        Path model = tmp.resolve("models/hybrid");
        StringWriter out = new StringWriter();
        // import-model starts no Spark, so it takes no --master (which Cli.run adds)
        assertEquals(0, Cli.main(out, "import-model", "--from", yaml.toString(), "-o", model.toString()), out.toString());
        DeepPotModel m = DeepPotModel.load(model);
        assertInstanceOf(HybridDescriptor.class, m.descriptor());

        String test = Cli.run("test", "--model", model.toString(), "--frames", table.toString());
        assertTrue(test.contains("dataset:data_3") && test.contains("element:H"), test);
        Map<String, Double> predicted = new HashMap<>();
        for (Row r : spark.read().parquet(model.resolve("test/predictions").toString()).collectAsList()) {
            predicted.put(r.getAs("frame_id"), r.getAs("energy_pred"));
        }
        List<TrainFrame> frames = FrameSource.frames(FrameSource.select(spark, table.toString(), List.of(), List.of()),
                m.typeMap()).collect();
        assertEquals(frames.size(), predicted.size());
        HybridEvaluator ev = new HybridEvaluator(m);
        for (TrainFrame f : frames.subList(0, 3)) {
            // test runs this same evaluator: the same sums in the same order
            assertEquals(ev.evaluate(f.positions(), f.cell(), f.types()).energy(), predicted.get(f.id()), 0.0,
                    "test's prediction of " + f.id());
        }

        Path exported = tmp.resolve("exported.dp");
        assertEquals(0, Cli.main(out, "export-model", "--model", model.toString(), "--to", exported.toString()), out.toString());
        DeepPotModel back = DeepPotModel.importDeepmd(exported);
        TrainFrame f0 = frames.get(0);
        assertEquals(ev.evaluate(f0.positions(), f0.cell(), f0.types()).energy(),
                new HybridEvaluator(back).evaluate(f0.positions(), f0.cell(), f0.types()).energy(), 0.0, "export → import");

        Row s = SeRPipelineIT.simulateWater(spark, model, tmp.resolve("md"));
        // NVE, 10 fs at dt = 0.5 fs on 192 atoms: HybridNveTest measures E_tot fluctuations of ~3e-6 eV (its nets ×0.05) to
        // ~2e-4 eV (these weights), a least-squares slope over 10 fs ≲ 2e-4 eV / (0.01 ps · 192) ≈ 1e-4 eV/atom/ps;
        // 1e-3 still catches forces that are not −∇E (those drift at ≳ 1e-2 eV/atom/ps at these force scales)
        double drift = s.getAs(TrajectorySummaryTable.ENERGY_DRIFT);
        System.out.println("hybrid simulate: " + s.getAs(TrajectorySummaryTable.EXECUTION_MODE) + ", energy drift " + drift);
        assertTrue(Math.abs(drift) < 1e-3, "energy drift " + drift);
    }
}
