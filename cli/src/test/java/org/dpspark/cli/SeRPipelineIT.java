package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.SeREvaluator;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeePMD-kit's se_e2_r test model through the command line on a local Spark: import-model of deeppot-r.yaml (PyYAML
 * anchors and all), test on ingested water frames (predictions equal to the se_e2_r reference evaluator's, bit for
 * bit), export-model → import-model, simulate an NVE water box with it, and train refusing se_e2_r.
 */
class SeRPipelineIT {

    @Test
    void importTestExportSimulate(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_3").toString(), "-o", table.toString());
        Path model = tmp.resolve("models/r");
        StringWriter err = new StringWriter();
        // import-model starts no Spark, so it takes no --master (which Cli.run adds)
        assertEquals(0, Cli.main(err, "import-model", "--from", SharedData.path("deepmd-models/deeppot-r.yaml").toString(),
                "-o", model.toString()), err.toString());
        DeepPotModel m = DeepPotModel.load(model);
        assertEquals("se_e2_r", m.descriptor().type());

        String test = Cli.run("test", "--model", model.toString(), "--frames", table.toString());
        assertTrue(test.contains("dataset:data_3") && test.contains("element:H"), test);
        Map<String, Double> predicted = new HashMap<>();
        for (Row r : spark.read().parquet(model.resolve("test/predictions").toString()).collectAsList()) {
            predicted.put(r.getAs("frame_id"), r.getAs("energy_pred"));
        }
        List<TrainFrame> frames = FrameSource.frames(FrameSource.select(spark, table.toString(), List.of(), List.of()),
                m.typeMap()).collect();
        assertEquals(frames.size(), predicted.size());
        SeREvaluator ev = new SeREvaluator(m);
        for (TrainFrame f : frames.subList(0, 3)) {
            DeepPotResult r = ev.evaluate(f.positions(), f.cell(), f.types());
            assertEquals(r.energy(), predicted.get(f.id()), 0.0, "test's prediction of " + f.id() + " is the reference's");
        }

        Path exported = tmp.resolve("exported.dp");
        assertEquals(0, Cli.main(err, "export-model", "--model", model.toString(), "--to", exported.toString()), err.toString());
        DeepPotModel back = DeepPotModel.importDeepmd(exported);
        TrainFrame f0 = frames.get(0);
        assertEquals(ev.evaluate(f0.positions(), f0.cell(), f0.types()).energy(),
                new SeREvaluator(back).evaluate(f0.positions(), f0.cell(), f0.types()).energy(), 0.0, "export → import");

        Path md = tmp.resolve("md");
        String printed = Cli.run("simulate", "--conf", Path.of(System.getProperty("dpspark.root"), "conf/ensemble-water-dp.conf").toString(),
                "--output", md.toString(), "--set", "simulate.potentials=[{type=deep-potential, model=\"" + model + "\"}]",
                "--set", "simulate.integrator.steps=20", "--set", "simulate.temperatures=[300]", "--set", "simulate.seeds=1");
        assertTrue(printed.contains("trajectories: 1 (completed 1"), printed);
        List<Row> summary = spark.read().parquet(md.resolve("summary").toString()).collectAsList();
        assertEquals(1, summary.size());
        Row s = summary.get(0);
        // NVE, 10 fs at dt = 0.5 fs: SeRNveTest measures E_tot fluctuations of ~6e-6 eV on this 192-atom box, so a
        // least-squares slope over 10 fs is ≲ 6e-6 eV / (0.01 ps · 192) ≈ 3e-6 eV/atom/ps; 1e-4 leaves a margin of 30
        // and still catches forces that are not −∇E (those drift at ≳ 1e-3 eV/atom/ps here)
        double drift = s.getAs(TrajectorySummaryTable.ENERGY_DRIFT);
        System.out.println("se_e2_r simulate: " + s.getAs(TrajectorySummaryTable.EXECUTION_MODE) + ", energy drift " + drift);
        assertTrue(Math.abs(drift) < 1e-4, "energy drift " + drift);

        Path conf = Files.writeString(tmp.resolve("r.conf"), "train.model.descriptor = se_e2_r\n");
        String refused = Cli.fail("train", "--frames", table.toString(), "-o", tmp.resolve("t").toString(), "--conf", conf.toString());
        assertTrue(refused.contains("train.model.descriptor = se_e2_r"), refused);
    }
}
