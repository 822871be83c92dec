package org.dpspark.train.job;

import static org.apache.spark.sql.types.DataTypes.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesUsed;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeRDescriptor;
import org.dpspark.train.data.FrameSource;
import org.dpspark.train.data.ModelBytes;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.GraphPredictor;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.Predictor;
import org.dpspark.train.graph.ReferencePredictor;
import org.dpspark.train.kernel.KernelPredictor;

/**
 * The test job: a model on frames of a frames table (predictions computed in executors by the training kernel's
 * forward pass, {@link KernelPredictor}, or with {@code train.compute = samediff} through the SameDiff graph; both
 * equal the reference evaluator to round-off, se_e2_r on the kernel too; se_atten models by that reference evaluator,
 * {@link ReferencePredictor}; frame and atomic parameters, each frame's fparam/aparam from the table, are
 * checked first by {@link FrameParamsCheck} and taken by the kernel and the reference evaluator) → per-frame predictions as Parquet, metrics (energy RMSE/MAE per atom,
 * force RMSE/MAE, virial RMSE per atom; overall, per dataset, forces per element) and parity plots. The frames
 * table's version and the tested frame ids' digest are recorded in {@code frames_used.json} ({@link FramesUsed}).
 */
public final class TestJob {
    /** Columns of the predictions table (units: eV, eV/Å, eV; arrays row-major). */
    public static final StructType SCHEMA = new StructType()
            .add("frame_id", StringType, false).add("dataset", StringType, false).add("natoms", IntegerType, false)
            .add("types", createArrayType(IntegerType, false), false)
            .add("energy", DoubleType, true).add("energy_pred", DoubleType, false)
            .add("forces", createArrayType(DoubleType, false), true).add("forces_pred", createArrayType(DoubleType, false), false)
            .add("virial", createArrayType(DoubleType, false), true).add("virial_pred", createArrayType(DoubleType, false), false);

    private TestJob() {}

    /**
     * Runs the test; returns the metrics by key ("all", "dataset:&lt;name&gt;", "element:&lt;symbol&gt;").
     *
     * @param kernel true: predictions by the kernel (train.compute = kernel); false: by the SameDiff graph (samediff)
     */
    public static Map<String, Metrics> run(SparkSession spark, Path modelDir, String table, List<String> datasets,
            List<String> splits, int batchFrames, int parityMax, Path out, boolean kernel) throws IOException {
        DeepPotModel model = DeepPotModel.load(modelDir);
        List<String> typeMap = model.typeMap();
        // one version of the table, recorded beside the metrics (frames_used.json)
        Long version = DeltaTables.versionOrNull(spark, table);
        Dataset<Row> selected = FrameSource.select(spark, table, version, datasets, splits);
        FrameParamsCheck.check(selected, model.fitting());
        FramesUsed.of(table, version, selected).write(out);
        JavaRDD<TrainFrame> frames = FrameSource.frames(selected, typeMap);
        byte[] yaml = ModelBytes.of(model);
        String key = "predict " + RoundTask.key(model, yaml);
        Broadcast<byte[]> mb = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(yaml);
        JavaRDD<Row> rows = frames.mapPartitions((Iterator<TrainFrame> it) -> {
            Nd4jThreads.limitToTask();
            DeepPotModel m = ModelBytes.model(mb.value());
            // the kernel (its buffers) is the executor thread's, kept from partition to partition
            // se_atten, and with compute = samediff se_e2_r and fparam/aparam models (the graph has neither): the
            // reference evaluator, which the kernel and graph equal to round-off. se_e2_a and se_e2_r models are tested by
            // the kernel that validated them in training, so that both print the same RMSE.
            boolean onKernel = m.descriptor() instanceof SeADescriptor || m.descriptor() instanceof SeRDescriptor;
            boolean reference = !onKernel || (!kernel && (m.fitting().hasParams() || m.descriptor() instanceof SeRDescriptor));
            Predictor p = reference ? new ReferencePredictor(m)
                    : kernel ? KernelPredictor.cached(m, key) : GraphPredictor.of(m);
            List<Row> res = new ArrayList<>();
            List<TrainFrame> batch = new ArrayList<>();
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == batchFrames || !it.hasNext()) {
                    List<Prediction> pr = p.predict(batch);
                    for (int k = 0; k < batch.size(); k++) res.add(row(batch.get(k), pr.get(k)));
                    batch.clear();
                }
            }
            return res.iterator();
        });
        Path predictions = out.resolve("predictions");
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(predictions.toString());
        Dataset<Row> pred = spark.read().parquet(predictions.toString());
        Map<String, Metrics> metrics = pred.javaRDD().mapPartitions((Iterator<Row> it) -> {
            Map<String, Metrics> m = new TreeMap<>();
            while (it.hasNext()) addRow(m, it.next(), typeMap);
            return List.of(m).iterator();
        }).collect().stream().reduce(TestJob::merge).orElseThrow(); // merged in partition order, not task completion order
        // parity plots: every frame's energy per atom, a sample of force components
        List<Row> eRows = pred.select("energy", "energy_pred", "natoms").filter("energy is not null").collectAsList();
        double[] el = new double[eRows.size()], ep = new double[eRows.size()];
        for (int k = 0; k < el.length; k++) {
            Row r = eRows.get(k);
            el[k] = r.getDouble(0) / r.getInt(2);
            ep[k] = r.getDouble(1) / r.getInt(2);
        }
        ParityPlot.write(out.resolve("parity_energy.png"), "Energy per atom", "eV/atom", el, ep);
        long nf = pred.count();
        double frac = Math.min(1.0, (double) parityMax / Math.max(1, metrics.getOrDefault("all", new Metrics()).forceCount()));
        List<Row> fRows = pred.filter("forces is not null").sample(false, Math.min(1.0, frac * 1.5 + 1e-9), 7)
                .select("forces", "forces_pred").collectAsList();
        List<double[]> fl = new ArrayList<>();
        for (Row r : fRows) {
            List<Double> a = r.getList(0), b = r.getList(1);
            for (int k = 0; k < a.size(); k++) fl.add(new double[] {a.get(k), b.get(k)});
        }
        double[] fx = new double[fl.size()], fy = new double[fl.size()];
        for (int k = 0; k < fx.length; k++) {
            fx[k] = fl.get(k)[0];
            fy[k] = fl.get(k)[1];
        }
        ParityPlot.write(out.resolve("parity_force.png"), "Force components", "eV/Å", fx, fy);
        Files.writeString(out.resolve("metrics.csv"), csv(metrics));
        return metrics;
    }

    private static Row row(TrainFrame f, Prediction p) {
        return RowFactory.create(f.id(), f.dataset(), f.natoms(), f.types(), f.hasEnergy() ? f.energy() : null, p.energy(),
                f.forces(), p.forces(), f.virial(), p.virial());
    }

    private static void addRow(Map<String, Metrics> m, Row r, List<String> typeMap) {
        List<Integer> types = r.getList(3);
        double[] fl = r.isNullAt(6) ? null : toArray(r.getList(6));
        double[] vl = r.isNullAt(8) ? null : toArray(r.getList(8));
        TrainFrame f = new TrainFrame(r.getString(1), "", types.stream().mapToInt(Integer::intValue).toArray(), null, null, null,
                r.isNullAt(4) ? Double.NaN : r.getDouble(4), fl, vl, r.getString(0));
        Prediction p = new Prediction(r.getDouble(5), toArray(r.getList(7)), toArray(r.getList(9)));
        m.computeIfAbsent("all", k -> new Metrics()).add(f, p);
        m.computeIfAbsent("dataset:" + f.dataset(), k -> new Metrics()).add(f, p);
        if (fl != null) {
            for (int i = 0; i < types.size(); i++) {
                Metrics e = m.computeIfAbsent("element:" + typeMap.get(types.get(i)), k -> new Metrics());
                for (int c = 0; c < 3; c++) e.addForce(p.forces()[3 * i + c] - fl[3 * i + c]);
            }
        }
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int k = 0; k < a.length; k++) a[k] = l.get(k);
        return a;
    }

    private static Map<String, Metrics> merge(Map<String, Metrics> a, Map<String, Metrics> b) {
        for (Map.Entry<String, Metrics> e : b.entrySet()) a.merge(e.getKey(), e.getValue(), Metrics::merge);
        return a;
    }

    /** Metrics as CSV: key, frames with energy, RMSE/MAE of E/atom (meV/atom), force RMSE/MAE (meV/Å), virial RMSE (meV/atom). */
    public static String csv(Map<String, Metrics> metrics) {
        StringBuilder sb = new StringBuilder("scope,frames,rmse_e_mev_atom,mae_e_mev_atom,rmse_f_mev_a,mae_f_mev_a,rmse_v_mev_atom\n");
        for (Map.Entry<String, Metrics> e : metrics.entrySet()) {
            Metrics m = e.getValue();
            sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.3f,%.3f,%.4f%n", e.getKey(), m.energyCount(),
                    1000 * m.energyRmse(), 1000 * m.energyMae(), 1000 * m.forceRmse(), 1000 * m.forceMae(), 1000 * m.virialRmse()));
        }
        return sb.toString();
    }
}
