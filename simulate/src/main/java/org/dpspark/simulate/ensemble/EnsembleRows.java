package org.dpspark.simulate.ensemble;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dpspark.core.DataSplit;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;
import org.dpspark.core.table.FrameRows;
import org.dpspark.core.table.TrajectoryFramesTable;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.simulate.analysis.Rdf;
import org.dpspark.simulate.potential.Structure;

/**
 * Rows of the ensemble job. Each task emits one staged row per dumped frame, then one with its summary and one
 * with its RDF histogram: {@link #STAGED} is the union ({@code kind} says which struct is set), written once and
 * then split into the trajectories and summary tables, so that the trajectory runs once and streams.
 */
public final class EnsembleRows {
    private EnsembleRows() {}

    public static final String KIND = "kind";
    public static final String FRAME = "frame";
    public static final String SUMMARY = "summary";
    public static final String RDF = "rdf";

    /** Internal RDF histogram of one trajectory (counts and normalisation, merged on the driver). */
    public static final StructType RDF_STRUCT = new StructType(new StructField[] {
        DataTypes.createStructField("trajectory_id", StringType, false),
        DataTypes.createStructField("group", StringType, false),
        DataTypes.createStructField("pairs", createArrayType(StringType, false), false),
        DataTypes.createStructField("r_max", DoubleType, false),
        DataTypes.createStructField("bins", IntegerType, false),
        DataTypes.createStructField("frames", IntegerType, false),
        DataTypes.createStructField("counts", createArrayType(DoubleType, false), false),
        DataTypes.createStructField("norm", createArrayType(DoubleType, false), false)});

    /** The staged union of one task's outputs. */
    public static final StructType STAGED = new StructType(new StructField[] {
        DataTypes.createStructField(KIND, StringType, false),
        DataTypes.createStructField(FRAME, TrajectoryFramesTable.SCHEMA.struct(), true),
        DataTypes.createStructField(SUMMARY, TrajectorySummaryTable.SCHEMA.struct(), true),
        DataTypes.createStructField(RDF, RDF_STRUCT, true)});

    /** Element symbol per atom. */
    static String[] labels(Structure s) {
        String[] l = new String[s.natoms()];
        for (int i = 0; i < l.length; i++) {
            l[i] = Elements.symbol(s.typeAtomicNumbers()[s.type(i)]);
        }
        return l;
    }

    /** The frame as a {@link Frame} (dataset = structure name, source = trajectory id and dump index). */
    public static Frame frame(TrajectoryRun run, DumpedFrame f) {
        Structure s = run.structure();
        int[] z = new int[s.natoms()];
        for (int i = 0; i < z.length; i++) {
            z[i] = s.typeAtomicNumbers()[s.type(i)];
        }
        return Frame.builder().dataset(run.spec().structure().name()).sourceFile(run.id()).sourceIndex(f.index())
                .atomicNumbers(z).typeLabels(labels(s)).positions(f.positions()).cell(s.cell()).pbc(s.pbc())
                .energy(f.energy()).forces(f.forces()).virial(f.virial()).build();
    }

    /** A trajectories-table row. */
    public static Row frameRow(TrajectoryRun run, DumpedFrame f, DataSplit split) {
        Row base = FrameRows.toRow(frame(run, f), split);
        List<Object> v = new ArrayList<>(TrajectoryFramesTable.SCHEMA.columns().size());
        for (int k = 0; k < base.length(); k++) {
            v.add(base.get(k));
        }
        double[] d = f.deviation();
        v.add(run.id());
        v.add(f.step());
        v.add(f.time());
        v.add(f.kineticEnergy());
        v.add(f.temperature());
        v.add(f.pressure());
        v.add(d == null ? null : d[0]);
        v.add(d == null ? null : d[1]);
        v.add(d == null ? null : d[2]);
        v.add(f.executionMode());
        return RowFactory.create(v.toArray());
    }

    /** A summary-table row (after the run finished). */
    public static Row summaryRow(TrajectoryRun run) {
        TrajectorySummary s = run.summary();
        TrajectorySpec spec = run.spec();
        InitialStructure is = spec.structure();
        Structure st = is.toStructure();
        String formula = frameFormula(st);
        return RowFactory.create(s.id(), is.name(), formula, is.natoms(), spec.potential().label(), spec.temperature(),
                spec.seed(), spec.integrator().label(), spec.integrator().dt(), spec.settings().steps(), s.stepsDone(),
                s.status().name().toLowerCase(Locale.ROOT), s.reason(), s.frames(), nullIfNaN(s.meanTemperature()),
                nullIfNaN(s.stdTemperature()), nullIfNaN(s.energyDrift()), nullIfNaN(s.meanPressure()),
                s.executionMode(), s.wallSeconds(), run.atomStepsPerSecond(), s.thermoTime(), s.thermoConserved(),
                s.thermoTemperature(), s.thermoPressure());
    }

    /** The RDF row of a run, or null when it has none. */
    public static Row rdfRow(TrajectoryRun run) {
        Rdf rdf = run.rdf();
        if (rdf == null || rdf.frames() == 0) {
            return null;
        }
        Structure s = run.structure();
        int t = s.ntypes();
        String[] pairs = new String[Rdf.pairs(t)];
        for (int a = 0; a < t; a++) {
            for (int b = a; b < t; b++) {
                pairs[Rdf.pairIndex(a, b, t)] = Elements.symbol(s.typeAtomicNumbers()[a]) + "-"
                        + Elements.symbol(s.typeAtomicNumbers()[b]);
            }
        }
        TrajectorySpec spec = run.spec();
        String group = String.format(Locale.ROOT, "%s, %s, %.0f K", spec.structure().name(), spec.potential().label(),
                spec.temperature());
        return RowFactory.create(run.id(), group, pairs, rdf.rmax(), rdf.bins(), rdf.frames(), rdf.counts(),
                rdf.normalization());
    }

    /** Staged union rows. */
    public static Row staged(String kind, Row payload) {
        return switch (kind) {
            case FRAME -> RowFactory.create(kind, payload, null, null);
            case SUMMARY -> RowFactory.create(kind, null, payload, null);
            default -> RowFactory.create(kind, null, null, payload);
        };
    }

    private static String frameFormula(Structure s) {
        int[] z = new int[s.natoms()];
        for (int i = 0; i < z.length; i++) {
            z[i] = s.typeAtomicNumbers()[s.type(i)];
        }
        return org.dpspark.core.Formula.hill(z);
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
