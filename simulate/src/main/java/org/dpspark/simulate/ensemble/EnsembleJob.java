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
import org.dpspark.core.table.DeltaReplace;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.Staging;
import org.dpspark.core.table.TableHistory;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.simulate.potential.Structure;

/**
 * The ensemble job on the driver: resolves the initial structures, expands structures × potentials ×
 * integrators × temperatures × seeds into trajectories, checks every (structure, potential) pair once here (so a
 * configuration error fails before Spark starts), runs one trajectory per Spark task ({@link EnsembleFn}) into
 * {@code <output>/_staging/<run>/}, and commits {@code <output>/trajectories} then {@code <output>/summary} as
 * Delta tables, each replaced in one commit carrying the run's record ({@link DeltaReplace}), then writes
 * {@code <output>/plots/}. {@link #committedRun} checks that both tables come from one run.
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
        Staging staging = Staging.open(files, output, runId);
        try {
            JavaRDD<TrajectorySpec> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(specs, specs.size());
            JavaRDD<Row> rows = rdd.mapPartitions(EnsembleFn::call);
            spark.createDataFrame(rows, EnsembleRows.STAGED).write().parquet(staging.path() + "/union");

            Dataset<Row> union = spark.read().parquet(staging.path() + "/union");
            Dataset<Row> frames = spark.createDataFrame(union.filter(col(EnsembleRows.KIND).equalTo(EnsembleRows.FRAME))
                    .select("frame.*").javaRDD(), TrajectoryFramesTable.SCHEMA.struct());
            Dataset<Row> summary = spark.createDataFrame(union.filter(col(EnsembleRows.KIND)
                    .equalTo(EnsembleRows.SUMMARY)).select("summary.*").orderBy(TrajectorySummaryTable.TRAJECTORY_ID)
                    .javaRDD(), TrajectorySummaryTable.SCHEMA.struct()).coalesce(1);
            List<Row> summaries = summary.orderBy(TrajectorySummaryTable.TRAJECTORY_ID).collectAsList();
            List<Row> rdf = union.filter(col(EnsembleRows.KIND).equalTo(EnsembleRows.RDF)).select("rdf.*")
                    .collectAsList();
            long nframes = union.filter(col(EnsembleRows.KIND).equalTo(EnsembleRows.FRAME)).count();
            TreeSet<String> modes = new TreeSet<>();
            summaries.forEach(r -> modes.add(r.getAs(TrajectorySummaryTable.EXECUTION_MODE)));
            List<String> modeList = List.copyOf(modes);
            String record = runRecord(runId, commandLine, settings, modeList, specs.size(), nframes);
            // trajectories first, the summary last: the summary's run id names a run whose trajectories are committed
            DeltaReplace.replace(spark, frames, output + "/" + TRAJECTORIES, record);
            DeltaReplace.replace(spark, summary, output + "/" + SUMMARY, record);
            if (overwrite) {
                files.delete(output + "/" + PLOTS);
            }
            List<Path> plots = localPath(output) == null ? List.of()
                    : EnsemblePlots.write(localPath(output).resolve(PLOTS), summaries, rdf,
                            "execution: " + String.join(", ", modeList));
            return new Result(output, summaries, nframes, modeList, plots);
        } finally {
            staging.close();
        }
    }

    /**
     * The run's record, committed with each output table (read back with {@code TableHistory.latestRunRecord}):
     * run id, command line, configuration, execution modes that ran, trajectories and frames.
     */
    public static String runRecord(String runId, String commandLine, SimulateSettings settings, List<String> modes,
                                   int trajectories, long frames) {
        DatasetSidecar sc = DatasetSidecar.create("simulate", 1);
        sc.root().put("run_id", runId);
        ArrayNode m = sc.root().putArray("execution_modes");
        modes.forEach(m::add);
        sc.root().put("trajectories", trajectories);
        sc.root().put("frames", frames);
        try {
            sc.addRun(runId, commandLine, DatasetSidecar.json().readTree(settings.configJson()));
            return DatasetSidecar.json().writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(sc.root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run id that wrote the current summary table of {@code output}, after checking that the trajectories
     * table's current version comes from the same run.
     *
     * @throws IllegalStateException (one line) when a run was killed between its two commits
     */
    public static String committedRun(SparkSession spark, String output) {
        String t = runIdOf(TableHistory.latestRunRecord(spark, output + "/" + TRAJECTORIES));
        String s = runIdOf(TableHistory.latestRunRecord(spark, output + "/" + SUMMARY));
        if (t == null || !t.equals(s)) {
            throw new IllegalStateException(output + ": the trajectories (run " + t + ") and the summary (run " + s
                    + ") come from different runs (a run was stopped between its two commits): simulate again with"
                    + " --overwrite");
        }
        return s;
    }

    private static String runIdOf(String record) {
        if (record == null) {
            return null;
        }
        try {
            return DatasetSidecar.json().readTree(record).path("run_id").asText(null);
        } catch (IOException e) {
            return null;
        }
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
