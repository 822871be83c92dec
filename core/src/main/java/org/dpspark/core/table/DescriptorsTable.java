package org.dpspark.core.table;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.util.List;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The descriptors table: one row per atom of every frame, with a fixed-length invariant descriptor
 * (Behler–Parrinello G2/G4 or se_e2_r features), for dataset analysis. Written by {@code dpspark featurize}
 * into {@code <output>/descriptors/}; the feature names are in the sidecar ({@code feature_names}) and in the
 * {@code descriptor} column's metadata ({@code feature_names}).
 */
public final class DescriptorsTable {
    private DescriptorsTable() {}

    public static final String FRAME_ID = "frame_id";
    public static final String DATASET = "dataset";
    public static final String ATOM_INDEX = "atom_index";
    public static final String ELEMENT = "element";
    public static final String TYPE_LABEL = "type_label";
    public static final String DESCRIPTOR = "descriptor";
    /** Folder of the table inside a featurize output folder. */
    public static final String FOLDER = "descriptors";

    public static final TableSchema SCHEMA = new TableSchema("descriptors", 1,
            "One row per atom: a rotation-, translation- and permutation-invariant descriptor. Written by"
                    + " `dpspark featurize` into `<output>/descriptors/` (a Delta table, replaced"
                    + " in one commit per run); feature names in the commit's run record and in the `descriptor` column"
                    + " metadata.",
            List.of(
                    new Column(FRAME_ID, StringType, false, "-", "-", "id of the frame in the frames table"),
                    new Column(DATASET, StringType, false, "-", "-", "dataset name of the frame"),
                    new Column(ATOM_INDEX, IntegerType, false, "-", "-", "0-based index of the atom in the frame"),
                    new Column(ELEMENT, StringType, false, "-", "-", "element symbol of the atom"),
                    new Column(TYPE_LABEL, StringType, false, "-", "-", "the dataset's type label of the atom"),
                    new Column(DESCRIPTOR, createArrayType(DoubleType, false), false, "G2/G4: -; se_e2_r: Å⁻¹",
                            "dim", "descriptor vector; G2/G4: per neighbour element (pair), in feature-name order;"
                            + " se_e2_r: s(r) = w(r)/r of the sel[t] nearest type-t neighbours, zero-padded")));

    /** The Spark schema with the feature names in the descriptor column's metadata. */
    public static StructType struct(List<String> featureNames) {
        StructField[] fields = SCHEMA.struct().fields().clone();
        int k = SCHEMA.index(DESCRIPTOR);
        Metadata md = new MetadataBuilder().withMetadata(fields[k].metadata())
                .putStringArray("feature_names", featureNames.toArray(String[]::new)).build();
        fields[k] = new StructField(DESCRIPTOR, fields[k].dataType(), false, md);
        return new StructType(fields);
    }
}
