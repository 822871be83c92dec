package org.dpspark.core.table;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;

/**
 * One row per MD trajectory of a {@code dpspark simulate} run: its definition, how it ended, and its
 * statistics over the thermo samples (every {@code thermo-every} steps), which are stored as arrays too.
 *
 * <p>Layout on disk: {@code <output>/summary/}, a Delta table replaced in one commit per run, the run's record (run id,
 * command line, configuration, execution modes) in the commit's {@code userMetadata}.
 */
public final class TrajectorySummaryTable {
    private TrajectorySummaryTable() {}

    public static final String TRAJECTORY_ID = TrajectoryFramesTable.TRAJECTORY_ID;
    public static final String STRUCTURE = "structure";
    public static final String FORMULA = "formula";
    public static final String NATOMS = "natoms";
    public static final String POTENTIAL = "potential";
    public static final String TEMPERATURE_TARGET = "temperature_target";
    public static final String SEED = "seed";
    public static final String INTEGRATOR = "integrator";
    public static final String DT = "dt";
    public static final String STEPS_REQUESTED = "steps_requested";
    public static final String STEPS_DONE = "steps_done";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String FRAMES = "frames";
    public static final String MEAN_TEMPERATURE = "mean_temperature";
    public static final String STD_TEMPERATURE = "std_temperature";
    public static final String ENERGY_DRIFT = "energy_drift";
    public static final String MEAN_PRESSURE = "mean_pressure";
    public static final String EXECUTION_MODE = TrajectoryFramesTable.EXECUTION_MODE;
    public static final String WALL_SECONDS = "wall_seconds";
    public static final String ATOM_STEPS_PER_SECOND = "atom_steps_per_second";
    public static final String THERMO_TIME = "thermo_time";
    public static final String THERMO_CONSERVED = "thermo_conserved";
    public static final String THERMO_TEMPERATURE = "thermo_temperature";
    public static final String THERMO_PRESSURE = "thermo_pressure";

    public static final TableSchema SCHEMA = new TableSchema("summary", 1,
            "One row per trajectory of `dpspark simulate`: definition, status, statistics over the thermo samples"
                    + " (every `thermo-every` steps) and the samples themselves.",
            List.of(
                    new Column(TRAJECTORY_ID, StringType, false, "-", "-", "as in the trajectories table"),
                    new Column(STRUCTURE, StringType, false, "-", "-", "name of the initial structure"),
                    new Column(FORMULA, StringType, false, "-", "-", "Hill formula"),
                    new Column(NATOMS, IntegerType, false, "-", "-", "number of atoms N"),
                    new Column(POTENTIAL, StringType, false, "-", "-", "potential label with its parameters"),
                    new Column(TEMPERATURE_TARGET, DoubleType, false, "K", "-",
                            "thermostat target and Maxwell–Boltzmann temperature of the initial velocities"),
                    new Column(SEED, LongType, false, "-", "-", "seed of the trajectory's random stream"),
                    new Column(INTEGRATOR, StringType, false, "-", "-", "integrator with its parameters, e.g. nve(dt=1.0), langevin(dt=1.0,friction=0.01), bussi(dt=1.0,tau=100.0)"),
                    new Column(DT, DoubleType, false, "fs", "-", "time step"),
                    new Column(STEPS_REQUESTED, LongType, false, "-", "-", "steps asked for"),
                    new Column(STEPS_DONE, LongType, false, "-", "-", "steps done (fewer when the run stopped)"),
                    new Column(STATUS, StringType, false, "-", "-",
                            "completed, nan, overlap, hot, failed (engine error) or stopped"),
                    new Column(REASON, StringType, true, "-", "-", "why it stopped; null when completed"),
                    new Column(FRAMES, IntegerType, false, "-", "-", "frames written to the trajectories table"),
                    new Column(MEAN_TEMPERATURE, DoubleType, true, "K", "-", "mean of the thermo samples"),
                    new Column(STD_TEMPERATURE, DoubleType, true, "K", "-", "standard deviation of the thermo samples"),
                    new Column(ENERGY_DRIFT, DoubleType, true, "eV/atom/ps", "-",
                            "least-squares slope of the conserved energy per atom: E_pot + E_kin (NVE), plus the"
                                    + " energy the thermostat removed (Langevin, Bussi)"),
                    new Column(MEAN_PRESSURE, DoubleType, true, "bar", "-",
                            "mean of (N k_B T + tr Ξ / 3) / V over the thermo samples; null without a cell"),
                    new Column(EXECUTION_MODE, StringType, false, "-", "-",
                            "where the potential ran, as observed over the run (modes joined by \"; \" if it changed), e.g."
                                    + " Java reference (single thread), JTP: Aparapi Java thread pool, OpenCL GPU: <device>"),
                    new Column(WALL_SECONDS, DoubleType, false, "s", "-", "wall time of the trajectory in its task"),
                    new Column(ATOM_STEPS_PER_SECOND, DoubleType, false, "1/s", "-", "N × steps done / wall seconds"),
                    new Column(THERMO_TIME, createArrayType(DoubleType, false), false, "fs", "nsamples",
                            "times of the thermo samples"),
                    new Column(THERMO_CONSERVED, createArrayType(DoubleType, false), false, "eV", "nsamples",
                            "conserved energy at each sample (see energy_drift)"),
                    new Column(THERMO_TEMPERATURE, createArrayType(DoubleType, false), false, "K", "nsamples",
                            "temperature at each sample"),
                    new Column(THERMO_PRESSURE, createArrayType(DoubleType, true), true, "bar", "nsamples",
                            "pressure at each sample; null without a cell")));
}
