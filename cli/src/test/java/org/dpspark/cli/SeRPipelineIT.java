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
 * anchors and all), test on ingested water frames (predictions of the kernel equal to the se_e2_r reference
 * evaluator's to round-off), export-model → import-model, simulate an NVE water box with it; then train a se_e2_r
 * model, test it and round-trip it through export-model → import-model.
 */
class SeRPipelineIT {

    /**
     * One 20-step NVE trajectory of conf/ensemble-water-dp.conf (dt 0.5 fs, 300 K) with {@code model} through the
     * command line; its one summary row.
     */
    static Row simulateWater(SparkSession spark, Path model, Path md) {
        String printed = Cli.run("simulate", "--conf", Path.of(System.getProperty("dpspark.root"), "conf/ensemble-water-dp.conf").toString(),
                "--output", md.toString(), "--set", "simulate.potentials=[{type=deep-potential, model=\"" + model + "\"}]",
                "--set", "simulate.integrator.steps=20", "--set", "simulate.temperatures=[300]", "--set", "simulate.seeds=1");
        assertTrue(printed.contains("trajectories: 1 (completed 1"), printed);
        List<Row> summary = spark.read().parquet(md.resolve("summary").toString()).collectAsList();
        assertEquals(1, summary.size());
        return summary.get(0);
    }

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
            // test runs the training kernel (se_e2_r's passes in another summation order): round-off of a ~3·10⁴ eV sum
            // of 192 atomic energies, 10³·ε·Σ|E_i| ≈ 7e-9 eV
            assertEquals(r.energy(), predicted.get(f.id()), 1e-8, "test's prediction of " + f.id() + " is the reference's");
        }

        Path exported = tmp.resolve("exported.dp");
        assertEquals(0, Cli.main(err, "export-model", "--model", model.toString(), "--to", exported.toString()), err.toString());
        DeepPotModel back = DeepPotModel.importDeepmd(exported);
        TrainFrame f0 = frames.get(0);
        assertEquals(ev.evaluate(f0.positions(), f0.cell(), f0.types()).energy(),
                new SeREvaluator(back).evaluate(f0.positions(), f0.cell(), f0.types()).energy(), 0.0, "export → import");

        Row s = simulateWater(spark, model, tmp.resolve("md"));
        // NVE, 10 fs at dt = 0.5 fs: SeRNveTest measures E_tot fluctuations of ~6e-6 eV on this 192-atom box, so a
        // least-squares slope over 10 fs is ≲ 6e-6 eV / (0.01 ps · 192) ≈ 3e-6 eV/atom/ps; 1e-4 leaves a margin of 30
        // and still catches forces that are not −∇E (those drift at ≳ 1e-3 eV/atom/ps here)
        double drift = s.getAs(TrajectorySummaryTable.ENERGY_DRIFT);
        System.out.println("se_e2_r simulate: " + s.getAs(TrajectorySummaryTable.EXECUTION_MODE) + ", energy drift " + drift);
        assertTrue(Math.abs(drift) < 1e-4, "energy drift " + drift);

        // ---- train se_e2_r (20 steps of small nets), test it on the kernel, export → import unchanged
        Path conf = Files.writeString(tmp.resolve("r.conf"), String.join("\n", "train.model.descriptor = se_e2_r",
                "train.model.neuron = [4, 8]", "train.model.fitting-neuron = [8, 8]", "model.sel = auto", "train.steps = 20",
                "train.disp-freq = 10", "train.save-freq = 1000", "train.data.valid-max-frames = 4",
                "train.parallel.engine = rdd", "train.data.splits = [train, valid, test]", ""));
        Path trained = tmp.resolve("models/r-trained");
        String out = Cli.run("train", "--frames", table.toString(), "-o", trained.toString(), "--conf", conf.toString());
        assertTrue(out.contains("20 steps"), out);
        DeepPotModel t = DeepPotModel.load(trained);
        assertEquals("se_e2_r", t.descriptor().type());
        Cli.run("test", "--model", trained.toString(), "--frames", table.toString());
        SeREvaluator tev = new SeREvaluator(t);
        // the trained model's type map is the data's in atomic-number order, [H, O]: the frames typed for it
        TrainFrame t0 = FrameSource.frames(FrameSource.select(spark, table.toString(), List.of(), List.of()), t.typeMap()).first();
        Row r0 = spark.read().parquet(trained.resolve("test/predictions").toString()).filter("frame_id = '" + t0.id() + "'").first();
        assertEquals(tev.evaluate(t0.positions(), t0.cell(), t0.types()).energy(), r0.<Double>getAs("energy_pred"), 1e-8,
                "test of the trained model: the kernel equals the reference evaluator");
        Path exportedT = tmp.resolve("trained.yaml");
        assertEquals(0, Cli.main(err, "export-model", "--model", trained.toString(), "--to", exportedT.toString()), err.toString());
        assertEquals(tev.evaluate(t0.positions(), t0.cell(), t0.types()).energy(),
                new SeREvaluator(DeepPotModel.importDeepmd(exportedT)).evaluate(t0.positions(), t0.cell(), t0.types()).energy(), 0.0,
                "trained model: export → import");
    }
}
