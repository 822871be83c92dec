package org.dpspark.core.table;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;

/**
 * The frames table: one row per labelled structure, written by {@code ingest} (and by {@code loop}
 * when it labels new frames). Arrays are flat and row-major; natoms = n.
 *
 * <p>Layout on disk: a Delta Lake table (Parquet files plus the transaction log {@code _delta_log/}) partitioned
 * by {@code ingest_run}: each ingest adds its frames in one commit that also records the run (see
 * {@link DeltaAppend}); {@code _rejects/} holds the rejects table (Delta too). Counts and the type map are
 * derived from the rows ({@link FramesTableInfo}), the runs from the log ({@link TableHistory}).
 */
public final class FramesTable {
    private FramesTable() {}

    public static final String FRAME_ID = "frame_id";
    public static final String DATASET = "dataset";
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_INDEX = "source_index";
    public static final String NATOMS = "natoms";
    public static final String FORMULA = "formula";
    public static final String ATOMIC_NUMBERS = "atomic_numbers";
    public static final String TYPE_LABELS = "type_labels";
    public static final String POSITIONS = "positions";
    public static final String CELL = "cell";
    public static final String PBC = "pbc";
    public static final String ENERGY = "energy";
    public static final String FORCES = "forces";
    public static final String VIRIAL = "virial";
    public static final String FPARAM = "fparam";
    public static final String APARAM = "aparam";
    public static final String SPLIT = "split";
    /** Partition column: the ingest run that added the row (folder {@code ingest_run=<id>}), not in {@link #SCHEMA}. */
    public static final String INGEST_RUN = "ingest_run";

    public static final TableSchema SCHEMA = new TableSchema("frames", 1,
            "One row per labelled structure. A Delta Lake table written by `dpspark ingest`: each run adds its frames"
                    + " (partition `ingest_run=<id>`) and its record in one commit of `_delta_log/`; `_rejects/` holds"
                    + " the rejects table.",
            List.of(
                    new Column(FRAME_ID, StringType, false, "-", "-",
                            "128-bit content hash (hex) of atoms, positions, cell, pbc and labels; same data, same id"),
                    new Column(DATASET, StringType, false, "-", "-", "dataset name given at ingest"),
                    new Column(SOURCE_FILE, StringType, false, "-", "-", "file or system folder the frame came from"),
                    new Column(SOURCE_INDEX, IntegerType, false, "-", "-", "0-based frame index within the source"),
                    new Column(NATOMS, IntegerType, false, "-", "-", "number of atoms n"),
                    new Column(FORMULA, StringType, false, "-", "-", "Hill formula, e.g. H128O64"),
                    new Column(ATOMIC_NUMBERS, createArrayType(IntegerType, false), false, "-", "n",
                            "atomic number Z per atom"),
                    new Column(TYPE_LABELS, createArrayType(StringType, false), false, "-", "n",
                            "the dataset's type label per atom (O, Fe1, HW)"),
                    new Column(POSITIONS, createArrayType(DoubleType, false), false, "Å", "n×3",
                            "Cartesian positions, row-major"),
                    new Column(CELL, createArrayType(DoubleType, false), true, "Å", "3×3",
                            "cell vectors as rows, row-major; null for molecules"),
                    new Column(PBC, createArrayType(BooleanType, false), false, "-", "3",
                            "periodic along each cell vector"),
                    new Column(ENERGY, DoubleType, true, "eV", "-", "total potential energy"),
                    new Column(FORCES, createArrayType(DoubleType, false), true, "eV/Å", "n×3", "forces, row-major"),
                    new Column(VIRIAL, createArrayType(DoubleType, false), true, "eV", "3×3",
                            "virial Ξ = −V·σ (σ positive when tensile), row-major; null when absent"),
                    new Column(FPARAM, createArrayType(DoubleType, false), true, "-", "nfparam",
                            "per-frame parameters (e.g. electronic temperature); null when absent"),
                    new Column(APARAM, createArrayType(DoubleType, false), true, "-", "n×naparam",
                            "per-atom parameters, row-major; null when absent"),
                    new Column(SPLIT, StringType, false, "-", "-",
                            "train, valid or test, from the frame id's hash and the configured fractions")));
}
