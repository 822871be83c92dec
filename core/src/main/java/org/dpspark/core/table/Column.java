package org.dpspark.core.table;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.Metadata;

/**
 * One column of a table schema: name, Spark type, nullability, and its documentation
 * (meaning, unit, shape) which goes into the Parquet field metadata and into {@code docs/schema.md}.
 */
public record Column(String name, DataType type, boolean nullable, String unit, String shape, String doc) {

    /** The Spark field, with unit, shape and doc attached as metadata. */
    public StructField field() {
        Metadata md = new org.apache.spark.sql.types.MetadataBuilder()
                .putString("unit", unit).putString("shape", shape).putString("doc", doc).build();
        return new StructField(name, type, nullable, md);
    }
}
