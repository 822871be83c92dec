package org.dpspark.cli;

import org.dpspark.core.JobOptions;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.TableFiles;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.ingest.extxyz.ExtxyzReader;
import org.dpspark.ingest.extxyz.ExtxyzWriter;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.simulate.ensemble.EnsembleJob;
import org.dpspark.simulate.ensemble.InitialStructure;
import org.dpspark.simulate.ensemble.SimulateSettings;
import org.dpspark.simulate.ensemble.StructureSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dpspark simulate}: an ensemble of independent MD trajectories, one per Spark task. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run an MD ensemble (structures × potentials × integrators × temperatures × seeds, one trajectory"
                + " per Spark task): trajectories and summary tables, extxyz files and plots under --output.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = {"-o", "--output"}, required = true, description = "output folder (trajectories/, summary/, xyz/, plots/)")
    String output;

    @Option(names = "--overwrite", description = "replace the outputs of an earlier run in --output (after the new run"
            + " completed)")
    boolean overwrite;

    @Override
    public Integer call() {
        Config config = job.config();
        SimulateSettings settings = SimulateSettings.fromConfig(config);
        String cmd = JobOptions.commandLine(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        SparkSession spark = job.spark("simulate");
        EnsembleJob.Result result = EnsembleJob.run(spark, settings, output, overwrite, cmd,
                SimulateCommand::readExtxyz);
        var out = spec.commandLine().getOut();
        out.print(result.render());
        if (settings.xyz() && EnsembleJob.localPath(output) == null) {
            out.println("extxyz: skipped (" + output + " is not on the local file system)");
        } else if (settings.xyz()) {
            int n = writeXyz(spark, output, result.modes());
            out.println("extxyz: " + n + " files in " + output + "/xyz");
        } else if (overwrite) {
            new TableFiles(spark.sparkContext().hadoopConfiguration()).delete(output + "/xyz"); // an earlier run's
        }
        out.flush();
        return 0;
    }

    /** Frame {@code index} of an extxyz file, read with the ingest reader (bad content is an error here). */
    static InitialStructure readExtxyz(StructureSource.ExtxyzSource src) {
        try (RecordStream records = new ExtxyzReader().read(InputSplit.whole(src.file(), "extxyz"),
                ReadOptions.of(src.label()))) {
            int k = 0;
            while (records.hasNext()) {
                ReadRecord r = records.next();
                if (k == src.index()) {
                    if (!r.isFrame()) {
                        throw new IllegalArgumentException("frame " + k + " of " + src.file() + " is unreadable: "
                                + r.reject().message());
                    }
                    return InitialStructure.of(src.label(), r.frame());
                }
                k++;
            }
            throw new IllegalArgumentException(src.file() + " has " + k + " frames, no index " + src.index());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + src.file(), e);
        }
    }

    /**
     * One extxyz file per trajectory ({@code xyz/<trajectory id>.xyz}, frames in step order) for OVITO / ASE, with
     * a sidecar naming the execution modes. Streams the table through the driver (one partition at a time).
     */
    static int writeXyz(SparkSession spark, String output, List<String> modes) {
        Path dir = Path.of(output, "xyz");
        try {
            new TableFiles(spark.sparkContext().hadoopConfiguration()).delete(dir.toString()); // an earlier run's
            Files.createDirectories(dir);
            Iterator<Row> it = spark.read().parquet(output + "/" + EnsembleJob.TRAJECTORIES)
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
