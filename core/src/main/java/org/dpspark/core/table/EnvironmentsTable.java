package org.dpspark.core.table;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;

/**
 * The environments table: the raw (not normalised) se_e2_a environment matrix of every atom, in DeePMD-kit's
 * layout, written by {@code dpspark featurize --environments} into {@code <output>/environments/}. N = nnei = Σ sel;
 * slots grouped by neighbour type (type 0 first), sorted by distance within a type, padded. Big: about
 * 19·N doubles per atom (N = 138 for water's sel [46, 92]: ~21 kB per atom), so meant for small datasets;
 * training otherwise computes the same matrices on the fly with the same library code. Normalise with the
 * davg/dstd of {@code stats.json}: R̃ = (R − davg[type]) / dstd[type], padding included.
 */
public final class EnvironmentsTable {
    private EnvironmentsTable() {}

    public static final String FRAME_ID = "frame_id";
    public static final String ATOM_INDEX = "atom_index";
    public static final String TYPE = "type";
    public static final String ENV = "env";
    public static final String DERIV = "deriv";
    public static final String RIJ = "rij";
    public static final String NLIST = "nlist";
    /** Folder of the table inside a featurize output folder. */
    public static final String FOLDER = "environments";

    public static final TableSchema SCHEMA = new TableSchema("environments", 1,
            "Raw se_e2_a environment matrices, one row per atom (N = nnei = Σ sel). Written by"
                    + " `dpspark featurize --environments` into `<output>/environments/` (a Delta table, replaced in"
                    + " one commit per run); type map, rcut and sel in the commit's run record and `stats.json`.",
            List.of(
                    new Column(FRAME_ID, StringType, false, "-", "-", "id of the frame in the frames table"),
                    new Column(ATOM_INDEX, IntegerType, false, "-", "-", "0-based index of the centre atom"),
                    new Column(TYPE, IntegerType, false, "-", "-", "type index of the centre atom (stats.json type_map)"),
                    new Column(ENV, createArrayType(DoubleType, false), false, "Å⁻¹", "N×4",
                            "rows (s, s·x/r, s·y/r, s·z/r), s = w(r)/r, r_ij = r_j − r_i; padding rows 0"),
                    new Column(DERIV, createArrayType(DoubleType, false), false, "Å⁻²", "N×4×3",
                            "∂env[slot][c]/∂(r_ij)_b (derivative w.r.t. the neighbour; w.r.t. the centre: minus it)"),
                    new Column(RIJ, createArrayType(DoubleType, false), false, "Å", "N×3",
                            "r_j − r_i of each slot (periodic image), 0 for padding"),
                    new Column(NLIST, createArrayType(IntegerType, false), false, "-", "N",
                            "neighbour atom index of each slot, −1 for padding")));
}
