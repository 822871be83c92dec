package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Encoders;
import org.dpspark.bench.WaterDataGenerator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real Spark standalone cluster (a Master and two Workers of one core each, on loopback)
 * through bin/dpspark-submit — ingest → train with 2 workers → simulate an ensemble — against the same commands on
 * the tests' local Spark (local[2]): the same jar, the same command lines, only the master differs. Small on purpose
 * (two water systems and a VASP water run, a tiny network, 10 training steps, 20 MD steps).
 *
 * <p>No featurize submit: train computes its statistics (sel, davg/dstd, energy bias) with featurize's accumulators,
 * merged from the executors' partitions, and those are compared below; each spark-submit costs ~1-3 min of a 2-core
 * CI machine (three fresh JVMs), and featurize's own output is tested on local Spark (FeaturizeIT).
 */
class ClusterIT {
    private final SparkSession spark = LocalSpark.get();

    @Test
    void pipelineOnAStandaloneClusterAgreesWithTheLocalRun(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("dpspark.root")).toAbsolutePath();
        Path cl = Files.createDirectories(tmp.resolve("cluster"));
        Path lo = Files.createDirectories(tmp.resolve("local"));
        Path simConf = Files.writeString(tmp.resolve("md.conf"), simulateConf(cl));
        List<String> outs = new ArrayList<>();
        List<String> leftOver;
        try (StandaloneCluster cluster = new StandaloneCluster(root, tmp.resolve("spark"), 2, 1, "1g")) {
            // a loaded 2-core machine can starve an executor for minutes: no executor loss for a late heartbeat
            List<String> executor = List.of("--executor-memory", "768m", "--conf", "spark.network.timeout=600s",
                    "--conf", "spark.executor.heartbeatInterval=60s");
            for (String[] command : pipeline(root, cl, simConf)) {
                long t0 = System.nanoTime();
                outs.add(cluster.submit(300, executor, command));
                System.out.printf("ClusterIT: cluster %s %.1f s%n", command[0], (System.nanoTime() - t0) / 1e9);
            }
            assertEquals(2, cluster.maxExecutorsSeen(), "one executor on each of the two workers");
            cluster.close();
            leftOver = cluster.stillAlive();
        }
        assertEquals(List.of(), leftOver, "every process the test started has stopped");
        List<String> local = new ArrayList<>();
        for (String[] command : pipeline(root, lo, simConf)) {
            long t0 = System.nanoTime();
            local.add(Cli.run(command));
            System.out.printf("ClusterIT: local %s %.1f s%n", command[0], (System.nanoTime() - t0) / 1e9);
        }

        // ingest: the same frames (content-hash ids), the same splits, the same printed count
        assertEquals(framesWritten(local.get(0)), framesWritten(outs.get(0)), outs.get(0));
        assertEquals(ids(lo.resolve("frames")), ids(cl.resolve("frames")), "same frames, same ids");
        assertEquals(0, frames(lo).select("frame_id", "split").except(frames(cl).select("frame_id", "split")).count());

        // train: its statistics (featurize's accumulators over the training frames, merged from the executors'
        // partitions): counts exactly; davg/dstd and the energy bias are sums over ~10⁶ environment entries (8 frames
        // × 192 atoms × ~140 slots × 4) merged from per-partition partials: a different merge order changes only the
        // last bits (n·ε for n summands is ~1e-10 at worst for 10⁶; the bias is a least-squares solve of such sums);
        // the model within MODEL_TOLERANCE
        JsonNode tl = DatasetSidecar.json().readTree(lo.resolve("model/stats.json").toFile());
        JsonNode tc = DatasetSidecar.json().readTree(cl.resolve("model/stats.json").toFile());
        for (String exact : List.of("type_map", "sel", "nnei", "frames", "atoms_per_type", "env_samples_per_type",
                "neighbors", "overflow")) {
            assertEquals(tl.get(exact), tc.get(exact), "train stats.json " + exact);
        }
        for (String summed : List.of("davg_per_type", "dstd_per_type", "energy_bias")) {
            assertClose(doubles(tl.get(summed)), doubles(tc.get(summed)), 1e-10, "train stats.json " + summed);
        }
        assertTrue(outs.get(1).contains("step 10/10"), outs.get(1));
        assertEquals(Files.readAllLines(lo.resolve("model/lcurve.csv")).size(),
                Files.readAllLines(cl.resolve("model/lcurve.csv")).size(), "lcurve rows");
        Frame3 probe = probe(lo);
        DeepPotResult rl = new DeepPotEvaluator(DeepPotModel.load(lo.resolve("model"))).evaluate(probe.x, probe.cell, probe.types);
        DeepPotResult rc = new DeepPotEvaluator(DeepPotModel.load(cl.resolve("model"))).evaluate(probe.x, probe.cell, probe.types);
        assertClose(new double[] {rl.energy()}, new double[] {rc.energy()}, MODEL_TOLERANCE, "model energy");
        assertClose(rl.forces(), rc.forces(), MODEL_TOLERANCE, "model forces");

        // simulate (both runs drive the cluster-trained model, so that this comparison is independent of train's):
        // one trajectory per task, seeded, so the same ids, statuses and bitwise the same frames
        assertTrue(outs.get(2).contains("trajectories: 4"), outs.get(2));
        assertEquals(summary(lo), summary(cl), "summary: id, status, steps done, frames");
        Map<String, Row> ml = dumped(lo), mc = dumped(cl);
        assertEquals(ml.keySet(), mc.keySet());
        for (Map.Entry<String, Row> e : ml.entrySet()) {
            for (String col : List.of("positions", "forces")) {
                assertArrayEquals(FrameRows.doubles(e.getValue(), col), FrameRows.doubles(mc.get(e.getKey()), col),
                        e.getKey() + " " + col);
            }
            assertEquals(e.getValue().<String>getAs("frame_id"), mc.get(e.getKey()).<String>getAs("frame_id"));
            assertEquals(e.getValue().<Double>getAs(TrajectoryFramesTable.KINETIC_ENERGY),
                    mc.get(e.getKey()).<Double>getAs(TrajectoryFramesTable.KINETIC_ENERGY), e.getKey());
        }
    }

    /**
     * Scaling figures for docs/cluster.md (run on demand: {@code -Dit.test=ClusterIT -Ddpspark.cluster.scaling=true}):
     * ingest of 50,000 generated water-sized frames (465 MB of deepmd/npy) and two simulate ensembles, on a
     * standalone cluster of 1 and of 2 one-core Workers. Prints wall times of the whole spark-submit (JVM start,
     * executors, job) and the time the job itself reports.
     */
    @Test
    @EnabledIfSystemProperty(named = "dpspark.cluster.scaling", matches = "true")
    void scalingFromOneToTwoWorkers(@TempDir Path tmp) throws Exception {
        Path root = Path.of(System.getProperty("dpspark.root")).toAbsolutePath();
        Path data = tmp.resolve("water-50k");
        long bytes = WaterDataGenerator.write(data, 20, 2500, 1);
        Path sea = tmp.resolve("sea");
        DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml")).save(sea);
        List<String> rows = new ArrayList<>();
        for (int workers = 1; workers <= 2; workers++) {
            Path w = Files.createDirectories(tmp.resolve("w" + workers));
            try (StandaloneCluster cluster = new StandaloneCluster(root, w.resolve("spark"), workers, 1, "2g")) {
                List<String> executor = List.of("--executor-memory", "1536m");
                String[][] commands = {
                    {"ingest", "-i", data.toString(), "-o", w.resolve("frames").toString()},
                    {"simulate", "--conf", root.resolve("conf/ensemble-si-sw.conf").toString(), "--output",
                        w.resolve("md-si").toString(), "--set", "simulate.xyz=false"},
                    {"simulate", "--conf", root.resolve("conf/ensemble-water-dp.conf").toString(), "--output",
                        w.resolve("md-dp").toString(), "--set", "simulate.xyz=false",
                        "--set", "simulate.potentials=[{type=deep-potential, model=\"" + sea + "\"}]"},
                    train(root, w, "dl4j-spark", workers),
                    train(root, w, "rdd", workers),
                };
                for (String[] c : commands) {
                    long t0 = System.nanoTime();
                    String out = cluster.submit(600, executor, c);
                    double wall = (System.nanoTime() - t0) / 1e9;
                    Matcher m = Pattern.compile("in ([0-9.]+) s").matcher(out);
                    String job = m.find() ? "job " + m.group(1) + " s" : "";
                    if (c[0].equals("simulate")) {
                        Row sum = org.dpspark.core.table.DeltaTables.read(spark, c[4] + "/summary").agg(functions.sum("wall_seconds"),
                                functions.count("*")).first();
                        job = String.format(java.util.Locale.ROOT, "%d trajectories, sum of trajectory wall times %.1f s",
                                sum.getLong(1), sum.getDouble(0));
                    }
                    if (c[0].equals("train")) {
                        Matcher t = Pattern.compile("steps in ([0-9.]+) s \\(([0-9.]+) frames/s\\)").matcher(out);
                        job = t.find() ? "training " + t.group(1) + " s, " + t.group(2) + " frames/s" : "";
                    }
                    String what = switch (c[0]) {
                        case "ingest" -> (bytes >> 20) + " MB";
                        case "train" -> "engine " + c[c.length - 1].substring(c[c.length - 1].indexOf('=') + 1);
                        default -> Path.of(c[2]).getFileName().toString();
                    };
                    rows.add(String.format(java.util.Locale.ROOT, "%d worker(s) | %s %s | submit %.1f s | %s",
                            workers, c[0], what, wall, job));
                    System.out.println("ClusterIT scaling: " + rows.get(rows.size() - 1) + "\n" + out.lines()
                            .filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d .*")).collect(java.util.stream.Collectors.joining("\n")));
                }
            }
        }
        rows.forEach(r -> System.out.println("ClusterIT scaling: " + r));
    }

    /**
     * The scaling run's training: the library-default network (train's defaults) on the generated frames, batch 1
     * per worker, 40 steps (8 averaging rounds of 5 steps), one worker per Spark worker; the engine is the last
     * argument (the row label reads it).
     */
    private static String[] train(Path root, Path w, String engine, int workers) {
        return new String[] {"train", "--frames", w.resolve("frames").toString(), "--output",
            w.resolve("model-" + engine).toString(), "--set", "model.type-map=[O,H]", "--set", "model.sel=[46,92]",
            "--set", "train.batch-size=1", "--set", "train.steps=40", "--set", "train.disp-freq=40",
            "--set", "train.save-freq=40", "--set", "train.data.valid-max-frames=2",
            "--set", "train.parallel.averaging-frequency=5", "--set", "train.parallel.workers=" + workers,
            "--set", "train.parallel.engine=" + engine};
    }

    /**
     * Relative bound on the trained models' energies and forces. Both runs train on the same frames in the same
     * two partitions (the repartition is a deterministic round robin of the same input splits) with one batch =
     * the whole partition (train.batch-size above its size), so only the order in which a worker's frames are
     * summed can differ (a shuffle delivers remote blocks in arrival order): ~1e-16 relative per gradient. Adam
     * turns a gradient difference δg into an update difference of at most lr·δg/ε (ε = 1e-8, lr = 0.005 ×2
     * workers); over 10 steps and ~10³ parameters this stays below 1e-9 relative in energy and forces.
     */
    static final double MODEL_TOLERANCE = 1e-9;

    private static String[][] pipeline(Path root, Path dir, Path simConf) {
        String frames = dir.resolve("frames").toString();
        return new String[][] {
            {"ingest", "-o", frames, "-i", SharedData.path("deepmd/water/data_0").toString(),
                SharedData.path("deepmd/water/data_3").toString(), SharedData.path("vasp/OUTCAR.h2o.md").toString()},
            {"train", "--frames", frames, "--output", dir.resolve("model").toString(), "--conf", root.resolve("conf/train.conf").toString(),
                // the valid split of data_0 (8 frames): 4 per worker, each step's batch is a worker's 4 frames
                "--set", "train.data.datasets=[data_0]", "--set", "train.data.splits=[valid]",
                "--set", "train.batch-size=1000", "--set", "model.sel=auto",
                "--set", "train.model.neuron=[4,8]", "--set", "train.model.axis-neuron=2",
                "--set", "train.model.fitting-neuron=[8,8]", "--set", "train.steps=10",
                "--set", "train.learning-rate.start=0.005", "--set", "train.learning-rate.stop=0.001",
                "--set", "train.learning-rate.decay-steps=5", "--set", "train.disp-freq=5", "--set", "train.save-freq=10",
                "--set", "train.parallel.workers=2", "--set", "train.parallel.averaging-frequency=5",
                "--set", "train.data.valid-max-frames=2"},
            {"simulate", "--conf", simConf.toString(), "--output", dir.resolve("md").toString(),
                "--set", "simulate.structures=[{frames=\"" + frames + "\", dataset=data_3, limit=2}]"},
        };
    }

    /** Two data_3 frames (192 atoms) × 2 seeds with the cluster-trained model: 4 trajectories of 20 steps. */
    private static String simulateConf(Path clusterDir) {
        return """
                simulate {
                  temperatures = [300]
                  seeds = 2
                  potentials = [ { type = deep-potential, model = "%s" } ]
                  integrator { type = nve, dt = 0.5, steps = 20 }
                  dump-every = 10
                  thermo-every = 2
                  guard { every = 2, min-distance = 0.1 }
                }
                """.formatted(clusterDir.resolve("model"));
    }

    private static final Pattern WRITTEN = Pattern.compile("frames written: (\\d+)");

    private static long framesWritten(String out) {
        Matcher m = WRITTEN.matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    private org.apache.spark.sql.Dataset<Row> frames(Path dir) {
        return org.dpspark.core.table.DeltaTables.read(spark, dir.resolve("frames").toString());
    }

    private Set<String> ids(Path table) {
        return new TreeSet<>(org.dpspark.core.table.DeltaTables.read(spark, table.toString()).select("frame_id").as(Encoders.STRING())
                .collectAsList());
    }

    private Map<String, String> summary(Path dir) {
        Map<String, String> m = new TreeMap<>();
        for (Row r : org.dpspark.core.table.DeltaTables.read(spark, dir.resolve("md/summary").toString()).collectAsList()) {
            m.put(r.getAs(TrajectorySummaryTable.TRAJECTORY_ID), r.getAs(TrajectorySummaryTable.STATUS) + " "
                    + r.getAs(TrajectorySummaryTable.STEPS_DONE) + " " + r.getAs(TrajectorySummaryTable.FRAMES));
        }
        return m;
    }

    private Map<String, Row> dumped(Path dir) {
        Map<String, Row> m = new TreeMap<>();
        for (Row r : org.dpspark.core.table.DeltaTables.read(spark, dir.resolve("md/trajectories").toString()).collectAsList()) {
            m.put(r.getAs(TrajectoryFramesTable.TRAJECTORY_ID) + "/" + r.getAs(TrajectoryFramesTable.STEP), r);
        }
        return m;
    }

    /** The first data_3 frame by id: positions (natoms×3, Å), cell (3×3, Å), types in the O,H map. */
    private record Frame3(double[] x, double[] cell, int[] types) {}

    private Frame3 probe(Path dir) {
        Row r = frames(dir).where("dataset = 'data_3'").orderBy("frame_id").limit(1).collectAsList().get(0);
        org.dpspark.core.Frame f = FrameRows.fromRow(r);
        String[] labels = f.typeLabels();
        int[] types = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            types[i] = labels[i].equals("O") ? 0 : 1;
        }
        return new Frame3(f.positions(), f.cell(), types);
    }

    private static double[] doubles(JsonNode n) {
        List<Double> v = new ArrayList<>();
        collect(n, v);
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, List<Double> v) {
        if (n.isArray()) {
            n.forEach(c -> collect(c, v));
        } else {
            v.add(n.asDouble());
        }
    }

    /** |a − b| ≤ rel · max|a| elementwise (the scale of the whole array, so that near-zero entries do not fail). */
    private static void assertClose(double[] a, double[] b, double rel, String what) {
        assertEquals(a.length, b.length, what);
        double scale = 0, worst = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        System.out.printf("ClusterIT: %s: largest difference %.3e (scale %.3e)%n", what, worst, scale);
        assertTrue(worst <= rel * scale, what + ": largest difference " + worst + " > " + rel + " × " + scale);
    }
}
