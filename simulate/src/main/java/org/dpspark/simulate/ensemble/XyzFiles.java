package org.dpspark.simulate.ensemble;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.TableFiles;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.ingest.extxyz.ExtxyzWriter;

/** The extxyz files of an ensemble run, written with ingest's extxyz writer. */
public final class XyzFiles {
    private XyzFiles() {}

    /**
     * One extxyz file per trajectory ({@code xyz/<trajectory id>.xyz}, frames in step order) for OVITO / ASE, with
     * a sidecar naming the execution modes. Streams the table through the driver (one partition at a time).
     */
    public static int write(SparkSession spark, String output, List<String> modes) {
        Path dir = Path.of(output, "xyz");
        try {
            new TableFiles(spark.sparkContext().hadoopConfiguration()).delete(dir.toString()); // an earlier run's
            Files.createDirectories(dir);
            Iterator<Row> it = org.dpspark.core.table.DeltaTables.read(spark, output + "/" + EnsembleJob.TRAJECTORIES)
                    .orderBy(col(TrajectoryFramesTable.TRAJECTORY_ID), col(TrajectoryFramesTable.STEP)).toLocalIterator();
            String current = null;
            ExtxyzWriter w = null;
            int files = 0;
            while (it.hasNext()) {
                Row r = it.next();
                String id = r.getAs(TrajectoryFramesTable.TRAJECTORY_ID);
                if (!id.equals(current)) {
                    if (w != null) {
                        w.close();
                    }
                    w = ExtxyzWriter.create(dir.resolve(id + ".xyz"));
                    current = id;
                    files++;
                }
                w.write(FrameRows.fromRow(r));
            }
            if (w != null) {
                w.close();
            }
            DatasetSidecar sc = DatasetSidecar.create("xyz", 1);
            var m = sc.root().putArray("execution_modes");
            modes.forEach(m::add);
            sc.root().put("files", files);
            sc.write(new TableFiles(spark.sparkContext().hadoopConfiguration()), dir.toString());
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write extxyz files in " + dir, e);
        }
    }
}
