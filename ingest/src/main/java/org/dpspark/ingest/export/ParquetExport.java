package org.dpspark.ingest.export;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.dpspark.core.table.FramesTable;

/**
 * {@code export --format parquet}: the rows of a frames table version (or of some datasets / one split) as plain
 * Parquet files {@code <output>/frames/part-*.parquet}, with the frames table's columns in its declared order and
 * types, the not-null columns written as Parquet {@code required} (the Delta table itself records every column as
 * nullable) and without the {@code ingest_run} partition column. Only the rows of that one version are written, so
 * tools that read a folder of Parquet files (pyarrow, polars, DuckDB's {@code read_parquet}, pandas) count each frame
 * once, which they would not on the Delta table's folder (files of replaced or unfinished commits live there too).
 */
final class ParquetExport {
    private ParquetExport() {}

    /** The folder of the Parquet files inside the export folder. */
    static final String FOLDER = "frames";

    /** Writes the rows; returns {@code frames} → rows written. */
    static Map<String, Long> write(SparkSession spark, Dataset<Row> rows, Path out) {
        StructField[] fields = FramesTable.SCHEMA.struct().fields();
        Column[] columns = Arrays.stream(fields).map(f -> col(f.name())).toArray(Column[]::new);
        Dataset<Row> ordered = rows.select(columns)
                .orderBy(col(FramesTable.DATASET), col(FramesTable.SOURCE_FILE), col(FramesTable.SOURCE_INDEX));
        Dataset<Row> typed = spark.createDataFrame(ordered.javaRDD(), FramesTable.SCHEMA.struct());
        String target = out.resolve(FOLDER).toString();
        typed.write().parquet(target);
        long n = spark.read().parquet(target).count();
        return Map.of(FOLDER, n);
    }
}
