package org.dpspark.simulate.ensemble;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.Frame;
import org.dpspark.core.TableFiles;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.simulate.potential.Structure;

/**
 * The ensemble job on the driver: resolves the initial structures, expands structures × potentials ×
 * integrators × temperatures × seeds into trajectories, checks every (structure, potential) pair once here (so a
 * configuration error fails before Spark starts), runs one trajectory per Spark task ({@link EnsembleFn}), and
 * publishes {@code <output>/trajectories} and {@code <output>/summary} (each written to
 * {@code <output>/_staging/<run>/} and renamed into place), their sidecars and {@code <output>/plots/}.
 */
public final class EnsembleJob {
    private EnsembleJob() {}

    public static final String TRAJECTORIES = "trajectories";
    public static final String SUMMARY = "summary";
    public static final String PLOTS = "plots";

    /**
     * What a run produced.
     *
     * @param output output folder
     * @param summaries summary-table rows
     * @param frames frames written
     * @param modes execution modes that ran
     * @param plots files written under plots/
     */
    public record Result(String output, List<Row> summaries, long frames, List<String> modes, List<Path> plots) {

        /** A human-readable report: one line per trajectory and totals. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-16s %-22s %-26s %7s %6s %-10s %8s %8s %12s %10s%n", "trajectory",
                    "structure", "integrator", "T(K)", "seed", "status", "<T>(K)", "frames", "drift(eV/at/ps)",
                    "atom-st/s"));
            long completed = 0;
            for (Row r : summaries) {
                String status = r.getAs(TrajectorySummaryTable.STATUS);
                completed += status.equals("completed") ? 1 : 0;
                Double mt = r.getAs(TrajectorySummaryTable.MEAN_TEMPERATURE);
                Double drift = r.getAs(TrajectorySummaryTable.ENERGY_DRIFT);
                sb.append(String.format(Locale.ROOT, "%-16s %-22s %-26s %7.1f %6d %-10s %8s %8d %12s %10.3g%n",
                        r.<String>getAs(TrajectorySummaryTable.TRAJECTORY_ID),
                        cut(r.getAs(TrajectorySummaryTable.STRUCTURE), 22), cut(r.getAs(TrajectorySummaryTable.INTEGRATOR), 26),
                        r.<Double>getAs(TrajectorySummaryTable.TEMPERATURE_TARGET), r.<Long>getAs(TrajectorySummaryTable.SEED),
                        status, mt == null ? "-" : String.format(Locale.ROOT, "%.1f", mt),
                        r.<Integer>getAs(TrajectorySummaryTable.FRAMES),
                        drift == null ? "-" : String.format(Locale.ROOT, "%.3e", drift),
                        r.<Double>getAs(TrajectorySummaryTable.ATOM_STEPS_PER_SECOND)));
                if (r.getAs(TrajectorySummaryTable.REASON) != null) {
                    sb.append("    reason: ").append(r.<String>getAs(TrajectorySummaryTable.REASON)).append('\n');
                }
            }
            sb.append(String.format(Locale.ROOT, "trajectories: %d (completed %d, stopped %d); frames written: %d;"
                    + " execution: %s%n", summaries.size(), completed, summaries.size() - completed, frames,
                    String.join(", ", modes)));
            sb.append("tables: ").append(output).append('/').append(TRAJECTORIES).append(", ").append(output).append('/')
                    .append(SUMMARY).append('\n');
            if (!plots.isEmpty()) {
                sb.append("plots: ").append(String.join(", ", plots.stream().map(Path::toString).toList())).append('\n');
            }
            return sb.toString();
        }

        private static String cut(String s, int n) {
            return s.length() <= n ? s : s.substring(0, n - 1) + "…";
        }
    }

    /**
     * Runs the ensemble.
     *
     * @param spark session
     * @param settings the simulate settings
     * @param output output folder
     * @param overwrite replace an earlier run's trajectories/, summary/ and plots/ there (once the new run is
     *        complete); otherwise their existence is an error
     * @param commandLine for provenance
     */
    public static Result run(SparkSession spark, SimulateSettings settings, String output, boolean overwrite,
                             String commandLine) {
        TableFiles files = new TableFiles(spark.sparkContext().hadoopConfiguration());
        for (String t : List.of(TRAJECTORIES, SUMMARY)) {
            if (!overwrite && files.exists(output + "/" + t)) {
                throw new IllegalArgumentException(output + "/" + t
                        + " already exists: choose another --output, delete it or add --overwrite");
            }
        }
        List<InitialStructure> structures = resolve(spark, settings);
        List<TrajectorySpec> specs = settings.expand(structures);
        preflight(settings, structures);

        String runId = UUID.randomUUID().toString();
        String staging = output + "/_staging/" + runId;
        JavaRDD<TrajectorySpec> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(specs, specs.size());
        JavaRDD<Row> rows = rdd.mapPartitions(EnsembleFn::call);
        spark.createDataFrame(rows, EnsembleRows.STAGED).write().parquet(staging + "/union");

        Dataset<Row> union = spark.read().parquet(staging + "/union");
        Dataset<Row> frames = union.filter(col(EnsembleRows.KIND).equalTo(EnsembleRows.FRAME)).select("frame.*");
        spark.createDataFrame(frames.javaRDD(), TrajectoryFramesTable.SCHEMA.struct()).write()
                .parquet(staging + "/" + TRAJECTORIES);
        Dataset<Row> summary = union.filter(col(EnsembleRows.KIND).equalTo(EnsembleRows.SUMMARY)).select("summary.*")
                .orderBy(TrajectorySummaryTable.TRAJECTORY_ID);
        spark.createDataFrame(summary.javaRDD(), TrajectorySummaryTable.SCHEMA.struct()).coalesce(1).write()
                .parquet(staging + "/" + SUMMARY);
        List<Row> summaries = spark.read().parquet(staging + "/" + SUMMARY)
                .orderBy(TrajectorySummaryTable.TRAJECTORY_ID).collectAsList();
        List<Row> rdf = union.filter(col(EnsembleRows.KIND).equalTo(EnsembleRows.RDF)).select("rdf.*").collectAsList();
        long nframes = spark.read().parquet(staging + "/" + TRAJECTORIES).count();

        for (String t : List.of(TRAJECTORIES, SUMMARY, PLOTS)) {
            if (overwrite) {
                files.delete(output + "/" + t);
            }
            if (!t.equals(PLOTS)) {
                files.rename(staging + "/" + t, output + "/" + t);
            }
        }
        files.delete(output + "/_staging");
        TreeSet<String> modes = new TreeSet<>();
        summaries.forEach(r -> modes.add(r.getAs(TrajectorySummaryTable.EXECUTION_MODE)));
        List<String> modeList = List.copyOf(modes);
        sidecar(TrajectoryFramesTable.SCHEMA.table(), TrajectoryFramesTable.SCHEMA.version(), runId, commandLine,
                settings, modeList, specs.size(), nframes).write(files, output + "/" + TRAJECTORIES);
        sidecar(TrajectorySummaryTable.SCHEMA.table(), TrajectorySummaryTable.SCHEMA.version(), runId, commandLine,
                settings, modeList, specs.size(), nframes).write(files, output + "/" + SUMMARY);
        List<Path> plots = localPath(output) == null ? List.of()
                : EnsemblePlots.write(localPath(output).resolve(PLOTS), summaries, rdf,
                        "execution: " + String.join(", ", modeList));
        return new Result(output, summaries, nframes, modeList, plots);
    }

    /** The sidecar of an output table, with the execution modes that ran. */
    public static DatasetSidecar sidecar(String table, int version, String runId, String commandLine,
                                         SimulateSettings settings, List<String> modes, int trajectories, long frames) {
        DatasetSidecar sc = DatasetSidecar.create(table, version);
        ArrayNode m = sc.root().putArray("execution_modes");
        modes.forEach(m::add);
        sc.root().put("trajectories", trajectories);
        sc.root().put("frames", frames);
        try {
            sc.addRun(runId, commandLine, DatasetSidecar.json().readTree(settings.configJson()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sc;
    }

    /** A local filesystem path for {@code file:} or scheme-less outputs, else null (plots are local files). */
    public static Path localPath(String output) {
        if (output.startsWith("file:")) {
            return Path.of(java.net.URI.create(output));
        }
        return output.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? null : Path.of(output);
    }

    /** All initial structures, in configuration order. */
    static List<InitialStructure> resolve(SparkSession spark, SimulateSettings settings) {
        List<InitialStructure> out = new ArrayList<>();
        for (StructureSource src : settings.structures()) {
            if (src instanceof StructureSource.LatticeSource l) {
                out.add(l.build());
            } else if (src instanceof StructureSource.WaterBoxSource w) {
                out.add(w.build());
            } else if (src instanceof StructureSource.FramesSource f) {
                out.addAll(frames(spark, f));
            } else if (src instanceof StructureSource.ExtxyzSource x) {
                out.add(ExtxyzStructures.read(x));
            }
        }
        return out;
    }

    private static List<InitialStructure> frames(SparkSession spark, StructureSource.FramesSource f) {
        Dataset<Row> t = org.dpspark.core.table.DeltaTables.read(spark, f.table());
        if (!f.dataset().isEmpty()) {
            t = t.filter(col(FramesTable.DATASET).equalTo(f.dataset()));
        }
        List<Row> rows = t.orderBy(FramesTable.FRAME_ID).limit(f.limit()).collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no frames in " + f.table()
                    + (f.dataset().isEmpty() ? "" : " for dataset " + f.dataset()));
        }
        List<InitialStructure> out = new ArrayList<>();
        for (Row r : rows) {
            Frame fr = FrameRows.fromRow(r);
            String name = (f.name().isEmpty() ? fr.dataset() : f.name()) + "#" + fr.sourceIndex();
            out.add(InitialStructure.of(name, fr));
        }
        return out;
    }

    /** Checks every (structure, potential) pair once, so bad configurations fail here before Spark starts. */
    static void preflight(SimulateSettings settings, List<InitialStructure> structures) {
        for (InitialStructure is : structures) {
            Structure s = is.toStructure();
            for (PotentialSpec p : settings.potentials()) {
                try {
                    p.check(s);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("potential " + p.label() + " on structure " + is.name() + ": "
                            + e.getMessage(), e);
                }
            }
        }
    }
}
