package org.dpspark.core.table;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames dumped by {@code dpspark simulate} every k steps of each MD trajectory: every column of the
 * {@link FramesTable} (energy, forces and virial are the driving potential's predictions; {@code dataset} is the
 * initial structure's name, {@code source_file} the trajectory id and {@code source_index} the dump index) followed by
 * the trajectory's own columns below. The model-deviation columns are what the concurrent-learning loop selects
 * candidate frames on (docs/physics.md#model-deviation-and-concurrent-learning: ε_i = sqrt(⟨|F_i − ⟨F_i⟩|²⟩) over the
 * ensemble).
 *
 * <p>Layout on disk: {@code <output>/trajectories/}, a Delta table replaced in one commit per run, the run's record (run id,
 * command line, configuration, execution modes) in the commit's {@code userMetadata}.
 */
public final class TrajectoryFramesTable {
    private TrajectoryFramesTable() {}

    public static final String TRAJECTORY_ID = "trajectory_id";
    public static final String STEP = "step";
    public static final String TIME = "time";
    public static final String KINETIC_ENERGY = "kinetic_energy";
    public static final String TEMPERATURE = "temperature";
    public static final String PRESSURE = "pressure";
    public static final String MAX_DEVI_F = "max_devi_f";
    public static final String MIN_DEVI_F = "min_devi_f";
    public static final String AVG_DEVI_F = "avg_devi_f";
    public static final String EXECUTION_MODE = "execution_mode";

    public static final TableSchema SCHEMA = new TableSchema("trajectories", 1,
            "Frames dumped every k steps of each MD trajectory by `dpspark simulate`: the frames columns (energy,"
                    + " forces, virial predicted by the driving potential; `dataset` = initial structure name,"
                    + " `source_file` = trajectory id, `source_index` = dump index) plus the trajectory columns.",
            columns());

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>(FramesTable.SCHEMA.columns());
        c.add(new Column(TRAJECTORY_ID, StringType, false, "-", "-",
                "16 hex characters hashed from the trajectory's definition (structure, potential, integrator, T, seed)"));
        c.add(new Column(STEP, LongType, false, "-", "-", "MD step of the frame (0 = initial structure)"));
        c.add(new Column(TIME, DoubleType, false, "fs", "-", "simulated time"));
        c.add(new Column(KINETIC_ENERGY, DoubleType, false, "eV", "-", "½ Σ m v²"));
        c.add(new Column(TEMPERATURE, DoubleType, false, "K", "-",
                "2 E_kin / (f k_B), f = 3N − 3 (momentum-conserving integrators) or 3N (Langevin)"));
        c.add(new Column(PRESSURE, DoubleType, true, "bar", "-",
                "(N k_B T + tr Ξ / 3) / V (docs/physics.md#forces-virial-stress-signs; Ξ the potential virial);"
                        + " null without a cell"));
        c.add(new Column(MAX_DEVI_F, DoubleType, true, "eV/Å", "-",
                "max over atoms of the force model deviation ε_i; null without deviation models"));
        c.add(new Column(MIN_DEVI_F, DoubleType, true, "eV/Å", "-", "min over atoms of ε_i; null without deviation models"));
        c.add(new Column(AVG_DEVI_F, DoubleType, true, "eV/Å", "-", "mean over atoms of ε_i; null without deviation models"));
        c.add(new Column(EXECUTION_MODE, StringType, false, "-", "-",
                "where the potential's evaluation at this step ran, as observed (not requested): Java reference (single"
                        + " thread), JTP: Aparapi Java thread pool, OpenCL CPU: <device>, OpenCL GPU: <device>"));
        return List.copyOf(c);
    }
}
