package org.dpspark.loop;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.ingest.extxyz.ExtxyzWriter;

/**
 * Labels structures (rows of a trajectories table) in parallel over executors: one Spark task per group of frames,
 * each frame labelled by the {@link Labeler}. Writes under {@code dir}: {@code labels/} (Parquet: frames-table
 * columns + {@code label_error_reason}, {@code label_error_message}; every candidate, labelled or not),
 * {@code rejects/} (the failures as a rejects table) and {@code labelled.xyz} (the labelled frames, what ingest then
 * appends to the frames table). The frames' provenance: dataset = {@code dataset}, source file = trajectory id,
 * source index = MD step. A labeler of T threads per calculation gets at most cores / T tasks (partitions), so that
 * the calculations running at once use the executors' cores and no more. {@code label_reused} marks labels read
 * from a calculation published earlier (QM labelers: a retried task or a resumed loop recomputes nothing).
 */
final class LabelStep {
    private LabelStep() {}

    static final String REASON = "label_error_reason";
    static final String MESSAGE = "label_error_message";
    static final String REUSED = "label_reused";
    static final StructType SCHEMA = FramesTable.SCHEMA.struct().add(REASON, DataTypes.StringType, true)
            .add(MESSAGE, DataTypes.StringType, true).add(REUSED, DataTypes.BooleanType, false);

    /**
     * Counts of one labelling; {@code reused}: outcomes read from calculations published before, not computed;
     * {@code firstFailure}: the reason and message of one failed structure, or null when none failed.
     */
    record Result(long candidates, long labelled, long failed, long reused, String firstFailure) {}

    static Result run(SparkSession spark, Labeler labeler, Dataset<Row> structures, String dataset, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        long n = structures.count();
        if (n > 0) {
            checkFirstInput(labeler, structures.first(), dataset);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int threads = labeler.threads();
        long slots = threads == 1 ? 2L * jsc.defaultParallelism() : Math.max(1, jsc.defaultParallelism() / threads);
        int parts = (int) Math.max(1, Math.min(n, slots));
        Broadcast<Labeler> lb = jsc.broadcast(labeler);
        DataSplit none = new DataSplit(1.0, 0.0); // the split column is assigned again by ingest
        JavaRDD<Row> rows = structures.javaRDD().repartition(parts).mapPartitions((Iterator<Row> it) -> {
            Labeler l = lb.value();
            List<Row> out = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                Frame f = structure(r, dataset);
                Labeler.Outcome o = l.label(f, task(r));
                Frame g = o.frame() != null ? o.frame() : f;
                Row fr = FrameRows.toRow(g, none);
                Object[] v = new Object[fr.length() + 3];
                for (int k = 0; k < fr.length(); k++) v[k] = fr.get(k);
                v[fr.length()] = o.reason() == null ? null : o.reason().code();
                v[fr.length() + 1] = o.message();
                v[fr.length() + 2] = o.reused();
                out.add(RowFactory.create(v));
            }
            return out.iterator();
        });
        String labels = dir.resolve("labels").toString();
        spark.createDataFrame(rows, SCHEMA).write().mode(SaveMode.Overwrite).parquet(labels);
        Dataset<Row> all = spark.read().parquet(labels);
        List<Row> bad = all.filter(col(REASON).isNotNull()).collectAsList();
        List<Row> rejects = new ArrayList<>();
        for (Row r : bad) {
            rejects.add(FrameRows.toRow(new Reject(dataset, r.getAs(FramesTable.SOURCE_FILE), r.<Integer>getAs(FramesTable.SOURCE_INDEX),
                    null, "loop-label", org.dpspark.core.RejectReason.valueOf(r.<String>getAs(REASON).toUpperCase(java.util.Locale.ROOT)),
                    r.getAs(MESSAGE))));
        }
        spark.createDataFrame(rejects, RejectsTable.SCHEMA.struct()).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(dir.resolve("rejects").toString());
        long good = 0;
        Path xyz = dir.resolve("labelled.xyz");
        try (ExtxyzWriter w = ExtxyzWriter.create(xyz)) {
            Iterator<Row> it = all.filter(col(REASON).isNull())
                    .orderBy(col(FramesTable.SOURCE_FILE), col(FramesTable.SOURCE_INDEX)).toLocalIterator();
            while (it.hasNext()) {
                w.write(FrameRows.fromRow(it.next()));
                good++;
            }
        }
        long reused = all.filter(col(REUSED)).count();
        String first = bad.isEmpty() ? null : bad.get(0).<String>getAs(REASON) + ": " + bad.get(0).<String>getAs(MESSAGE);
        return new Result(n, good, bad.size(), reused, first);
    }

    /** The unlabelled structure of a trajectory row, with the labelling's provenance. */
    private static Frame structure(Row r, String dataset) {
        return FrameRows.fromRow(r).toBuilder().dataset(dataset).sourceFile(r.getAs(TrajectoryFramesTable.TRAJECTORY_ID))
                .sourceIndex((int) (long) r.<Long>getAs(TrajectoryFramesTable.STEP)).energy(null).forces(null).virial(null).build();
    }

    /** The name of a row's labelling task: trajectory id and MD step. */
    private static String task(Row r) {
        return r.<String>getAs(TrajectoryFramesTable.TRAJECTORY_ID) + "-" + r.<Long>getAs(TrajectoryFramesTable.STEP);
    }

    /**
     * Renders the program input of the first structure on the driver before any labelling task: a template that
     * cannot serve these structures (a periodic code for a molecule, a bad placeholder) stops the step with one line
     * instead of failing every calculation.
     */
    private static void checkFirstInput(Labeler labeler, Row first, String dataset) throws IOException {
        try {
            labeler.checkInput(structure(first, dataset));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("labeler: cannot write the program input for the first structure ("
                    + task(first) + "): " + e.getMessage() + "; nothing was labelled (fix loop.labeler and run the loop"
                    + " again: it resumes at this step)");
        }
    }
}
