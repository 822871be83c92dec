package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.ReferenceEvaluators;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.TrainFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with a frame and an atomic parameter (numb_fparam 1, numb_aparam 1: be-fparam.yaml of the model tests,
 * golden values from DeePMD-kit's NumPy backend in BeFParamGoldenTest) through the command line on a local Spark, on
 * DeePMD-kit's examples/fparam beryllium data (../shared/data/deepmd/Be-multiset, 300 frames with fparam and aparam):
 * ingest, import-model, {@code test} (each frame's fparam/aparam from the frames table: predictions equal to the
 * reference evaluator's to round-off, and to DeePMD-kit's energies), {@code test} refused on frames without fparam
 * (naming the dataset); {@code train} with numb-fparam 1 and numb-aparam 1 (the parameters' statistics in the model,
 * {@code test} of the trained model equal to the reference evaluator, training refused on frames without fparam); {@code simulate} NVE of frame 0 (as extxyz) with a constant fparam and per-element aparam (the
 * step-0 energy is the evaluator's with those parameters, energy conserved), a kernel execution and a wrong fparam
 * refused.
 */
class FParamPipelineIT {

    private static Path resource(String name) {
        return Path.of(System.getProperty("dpspark.root"), "model/src/test/resources/org/dpspark/model/eval", name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void testReadsEachFramesParameters(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/Be-multiset").toString(), "-o", table.toString(),
                "--set", "ingest.type-map=[Be]");
        Path model = tmp.resolve("models/be");
        StringWriter err = new StringWriter();
        assertEquals(0, Cli.main(err, "import-model", "--from", resource("be-fparam.yaml").toString(), "-o", model.toString()),
                err.toString());
        DeepPotModel m = DeepPotModel.load(model);
        assertEquals(1, m.fitting().numbFparam());

        // ---- test: every frame's fparam/aparam from the table
        String test = Cli.run("test", "--model", model.toString(), "--frames", table.toString());
        assertTrue(test.contains("element:Be"), test);
        Map<String, Double> predicted = new HashMap<>();
        for (Row r : spark.read().parquet(model.resolve("test/predictions").toString()).collectAsList()) {
            predicted.put(r.getAs("frame_id"), r.getAs("energy_pred"));
        }
        List<TrainFrame> frames = FrameSource.frames(FrameSource.select(spark, table.toString(), List.of(), List.of()),
                m.typeMap()).collect();
        assertEquals(300, frames.size());
        assertEquals(frames.size(), predicted.size());
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        for (TrainFrame f : frames) {
            assertNotNull(f.fparam(), f.id());
            double e = ev.evaluate(f.positions(), f.cell(), f.types(), f.fparam(), f.aparam(), false).energy();
            // test runs the training kernel (the numbers training validates with), which sums in another order than the
            // reference evaluator: round-off of a −168 eV sum of 54 atomic energies, far below the 1e-10 eV of the
            // DeePMD-kit comparison below
            assertEquals(e, predicted.get(f.id()), 1e-10, "test's prediction of " + f.id() + " is the reference's");
        }
        // DeePMD-kit's energies of frame 0 of each set (same float32 coordinates): round-off of a −124 eV sum, 1e-10
        Map<String, Object> ref = new ObjectMapper(new YAMLFactory()).readValue(resource("be-fparam-reference.yaml").toFile(), Map.class);
        int matched = 0;
        for (Map<String, Object> g : ((List<Map<String, Object>>) ref.get("frames")).subList(0, 3)) {
            double[] coord = ((List<Number>) g.get("coord")).stream().mapToDouble(Number::doubleValue).toArray();
            for (TrainFrame f : frames) {
                if (Arrays.equals(coord, f.positions())) {
                    assertEquals(((Number) g.get("energy")).doubleValue(), predicted.get(f.id()), 1e-10, f.id());
                    matched++;
                }
            }
        }
        assertEquals(3, matched, "the golden frames are in the table");

        // ---- test on frames without fparam: one line naming the dataset
        Path bare = tmp.resolve("frames-no-fparam");
        DeltaTables.read(spark, table.toString())
                .withColumn(FramesTable.FPARAM, functions.lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)))
                .withColumn(FramesTable.DATASET, functions.lit("Be-no-fparam"))
                .write().format("delta").save(bare.toString());
        String refused = Cli.fail("test", "--model", model.toString(), "--frames", bare.toString(), "--master", "local[2]",
                "-o", tmp.resolve("t2").toString());
        assertTrue(refused.contains("dataset Be-no-fparam") && refused.contains("numb_fparam = 1"), refused);
        assertEquals(1, refused.strip().lines().count(), refused);
    }

    /**
     * Training with frame and atomic parameters, 20 steps of small nets on the 300 Be frames: the model takes
     * numb_fparam = numb_aparam = 1 with DeePMD-kit's statistics (the data's one value 0.25852028 as the mean; its
     * standard deviation 0 raised to the protection 1e-2, so inv_std = 100), {@code test} of it equals the reference
     * evaluator with each frame's parameters, and a table without fparam is refused before training, naming the dataset.
     */
    @Test
    void trainsWithFrameAndAtomicParameters(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        Path table = tmp.resolve("frames");
        Cli.run("ingest", "-i", SharedData.path("deepmd/Be-multiset").toString(), "-o", table.toString(),
                "--set", "ingest.type-map=[Be]");
        Path model = tmp.resolve("models/be");
        String[] conf = {"--set", "train.model.neuron=[4,8]", "--set", "train.model.axis-neuron=2",
                "--set", "train.model.fitting-neuron=[8,8]", "--set", "model.sel=auto", "--set", "train.steps=20",
                "--set", "train.disp-freq=10", "--set", "train.save-freq=1000", "--set", "train.data.valid-max-frames=4",
                "--set", "train.parallel.engine=rdd", "--set", "train.model.numb-fparam=1", "--set", "train.model.numb-aparam=1"};
        String out = Cli.run(concat(new String[] {"train", "--frames", table.toString(), "-o", model.toString()}, conf));
        assertTrue(out.contains("fparam avg [0.258520]"), out);
        DeepPotModel m = DeepPotModel.load(model);
        assertEquals(1, m.fitting().numbFparam());
        assertEquals(1, m.fitting().numbAparam());
        assertEquals(0.25852028, m.fitting().fparamAvg()[0], 1e-7, "the data's fparam (float32 in the npy files)");
        assertEquals(100.0, m.fitting().fparamInvStd()[0], 1e-9, "1/protection for a constant parameter");
        assertEquals(100.0, m.fitting().aparamInvStd()[0], 1e-9);
        Cli.run("test", "--model", model.toString(), "--frames", table.toString(), "--set", "test.splits=[test]");
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        Map<String, TrainFrame> byId = new HashMap<>();
        for (TrainFrame f : FrameSource.frames(FrameSource.select(spark, table.toString(), List.of(), List.of("test")),
                m.typeMap()).collect()) byId.put(f.id(), f);
        List<Row> pred = spark.read().parquet(model.resolve("test/predictions").toString()).collectAsList();
        assertEquals(byId.size(), pred.size());
        assertTrue(pred.size() > 10, "test frames: " + pred.size());
        for (Row r : pred) {
            TrainFrame f = byId.get(r.<String>getAs("frame_id"));
            double e = ev.evaluate(f.positions(), f.cell(), f.types(), f.fparam(), f.aparam(), false).energy();
            assertEquals(e, r.<Double>getAs("energy_pred"), 1e-10, "kernel vs reference evaluator, " + f.id());
        }
        Path bare = tmp.resolve("frames-no-fparam");
        DeltaTables.read(spark, table.toString())
                .withColumn(FramesTable.FPARAM, functions.lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType)))
                .withColumn(FramesTable.DATASET, functions.lit("Be-no-fparam"))
                .write().format("delta").save(bare.toString());
        String refused = Cli.fail(concat(new String[] {"train", "--frames", bare.toString(), "-o", tmp.resolve("m2").toString()}, conf));
        assertTrue(refused.contains("dataset Be-no-fparam") && refused.contains("numb_fparam = 1"), refused);
        assertEquals(1, refused.strip().lines().count(), refused);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The beryllium frame 0 of set.000 (DeePMD-kit's examples/fparam data, as in be-fparam-reference.yaml) as extxyz. */
    @SuppressWarnings("unchecked")
    private static Path berylliumXyz(Path tmp) throws Exception {
        Map<String, Object> ref = new ObjectMapper(new YAMLFactory()).readValue(resource("be-fparam-reference.yaml").toFile(), Map.class);
        Map<String, Object> f = ((List<Map<String, Object>>) ref.get("frames")).get(0);
        List<Number> c = (List<Number>) f.get("coord"), b = (List<Number>) f.get("box");
        StringBuilder sb = new StringBuilder().append(c.size() / 3).append("\nLattice=\"");
        for (int k = 0; k < 9; k++) sb.append(k == 0 ? "" : " ").append(b.get(k).doubleValue());
        sb.append("\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n");
        for (int i = 0; i < c.size() / 3; i++) {
            sb.append("Be ").append(c.get(3 * i).doubleValue()).append(' ').append(c.get(3 * i + 1).doubleValue()).append(' ')
                    .append(c.get(3 * i + 2).doubleValue()).append('\n');
        }
        return java.nio.file.Files.writeString(tmp.resolve("be.xyz"), sb.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void simulateWithConstantFrameParameters(@TempDir Path tmp) throws Exception {
        SparkSession spark = LocalSpark.get();
        Path model = resource("be-fparam.yaml");
        DeepPotModel m = DeepPotModel.importDeepmd(model);
        DeepPotCalculator ev = ReferenceEvaluators.of(m);
        String structure = "simulate.structures=[{extxyz=\"" + berylliumXyz(tmp) + "\"}]";
        // ---- simulate: NVE with a constant fparam and a per-element aparam
        Path md = tmp.resolve("md");
        String printed = Cli.run("simulate", "--conf", Path.of(System.getProperty("dpspark.root"), "conf/ensemble-water-dp.conf").toString(),
                "--output", md.toString(), "--set", structure,
                "--set", "simulate.potentials=[{type=deep-potential, model=\"" + model + "\", fparam=[0.6], aparam={Be=[0.35]}}]",
                "--set", "simulate.integrator.steps=100", "--set", "simulate.integrator.dt=0.5",
                "--set", "simulate.temperatures=[300]", "--set", "simulate.seeds=1");
        assertTrue(printed.contains("trajectories: 1 (completed 1"), printed);
        Row s = spark.read().parquet(md.resolve("summary").toString()).collectAsList().get(0);
        double drift = s.getAs(TrajectorySummaryTable.ENERGY_DRIFT);
        System.out.println("fparam simulate: " + s.getAs(TrajectorySummaryTable.POTENTIAL) + ", "
                + s.getAs(TrajectorySummaryTable.EXECUTION_MODE) + ", energy drift " + drift + " eV/atom/ps");
        String potential = s.getAs(TrajectorySummaryTable.POTENTIAL);
        assertTrue(potential.contains("fparam=[0.6]"), potential);
        assertTrue(Math.abs(drift) < DRIFT_LIMIT, "energy drift " + drift);
        Row step0 = DeltaTables.read(spark, md.resolve("trajectories").toString()).filter("step = 0").collectAsList().get(0);
        double[] pos = ((List<Double>) (List<?>) step0.getList(step0.fieldIndex(FramesTable.POSITIONS))).stream()
                .mapToDouble(Double::doubleValue).toArray();
        double[] cell = ((List<Double>) (List<?>) step0.getList(step0.fieldIndex(FramesTable.CELL))).stream()
                .mapToDouble(Double::doubleValue).toArray();
        int[] types = new int[pos.length / 3];
        double[] ap = new double[types.length];
        Arrays.fill(ap, 0.35);
        double e0 = ev.evaluate(pos, cell, types, new double[] {0.6}, ap, false).energy();
        double eData = ev.evaluate(pos, cell, types, new double[] {0.25852028}, ap, false).energy();
        // the MD path (evaluateInto with the engine's Verlet list) gives the same sums in the same order: equal to round-off
        assertEquals(e0, (double) step0.getAs(FramesTable.ENERGY), 1e-9, "step-0 energy with fparam 0.6, aparam 0.35");
        assertTrue(Math.abs(e0 - eData) > 1.0, "the trajectory's fparam matters: " + e0 + " vs " + eData);

        // ---- refusals: the Aparapi kernels, and a fparam of the wrong length (one line naming the key)
        String kernel = Cli.fail("simulate", "--conf", Path.of(System.getProperty("dpspark.root"), "conf/ensemble-water-dp.conf").toString(),
                "--output", tmp.resolve("md2").toString(), "--set", structure, "--master", "local[2]",
                "--set", "simulate.potentials=[{type=deep-potential, model=\"" + model + "\", fparam=[0.6], aparam=[0.3], execution=jtp}]");
        assertTrue(kernel.contains("execution jtp") && kernel.contains("fparam/aparam"), kernel);
        String wrong = Cli.fail("simulate", "--conf", Path.of(System.getProperty("dpspark.root"), "conf/ensemble-water-dp.conf").toString(),
                "--output", tmp.resolve("md3").toString(), "--set", structure, "--master", "local[2]",
                "--set", "simulate.potentials=[{type=deep-potential, model=\"" + model + "\", fparam=[0.6, 1], aparam=[0.3]}]");
        assertTrue(wrong.contains("fparam has 2 values") && wrong.contains("numb_fparam = 1"), wrong);
        assertFalse(wrong.strip().contains("\n"), wrong);
    }

    /**
     * NVE, 50 fs at dt = 0.5 fs, 54 Be atoms at 300 K: the model's forces are weak (max |F| 0.024 eV/Å on the data
     * frame, BeFParamGoldenTest), so velocity Verlet's bounded dt² error in E_tot is ≪ 1e-6 eV/atom and its least-squares
     * slope over 0.05 ps ≪ 2e-5 eV/atom/ps; 1e-4 eV/atom/ps is the bound SeRPipelineIT uses for the same check. That the
     * trajectory's parameters reach the MD evaluations is checked by the step-0 energy, not by the drift.
     */
    private static final double DRIFT_LIMIT = 1e-4;
}
