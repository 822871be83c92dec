package org.dpspark.cli.bench;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dpspark.ingest.npy.NpyReader;

/**
 * The floor ingest is measured against: Spark reading the same .npy arrays (same frame ranges, same
 * parallelism) and writing them straight to Parquet, with no parsing of formats, ids, validation or splits.
 */
public final class DirectParquetFloor {
    private DirectParquetFloor() {}

    /** A frame range of one system. */
    public record Range(String system, long from, long to) implements Serializable {}

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("source_file", StringType, false),
        DataTypes.createStructField("source_index", IntegerType, false),
        DataTypes.createStructField("positions", createArrayType(DoubleType, false), false),
        DataTypes.createStructField("cell", createArrayType(DoubleType, false), false),
        DataTypes.createStructField("energy", DoubleType, false),
        DataTypes.createStructField("forces", createArrayType(DoubleType, false), false)});

    /** Writes every frame of {@code systems} (ranges of {@code splitFrames}) to {@code output}; returns seconds. */
    public static double run(SparkSession spark, List<Path> systems, long framesPerSystem, int splitFrames,
                             String output) {
        List<Range> ranges = new ArrayList<>();
        for (Path s : systems) {
            for (long from = 0; from < framesPerSystem; from += splitFrames) {
                ranges.add(new Range(s.toString(), from, Math.min(framesPerSystem, from + splitFrames)));
            }
        }
        long t0 = System.nanoTime();
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, ranges.size()).mapPartitions(DirectParquetFloor::rows);
        spark.createDataFrame(rows, SCHEMA).write().parquet(output);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Iterator<Row> rows(Iterator<Range> ranges) throws java.io.IOException {
        List<Row> out = new ArrayList<>();
        while (ranges.hasNext()) {
            Range r = ranges.next();
            Path set = Path.of(r.system()).resolve("set.000");
            double[] coord = NpyReader.readFlat(set.resolve("coord.npy"), r.from(), r.to());
            double[] force = NpyReader.readFlat(set.resolve("force.npy"), r.from(), r.to());
            double[] energy = NpyReader.readFlat(set.resolve("energy.npy"), r.from(), r.to());
            double[] box = NpyReader.readFlat(set.resolve("box.npy"), r.from(), r.to());
            int n = (int) (r.to() - r.from());
            int w = coord.length / n;
            for (int f = 0; f < n; f++) {
                out.add(RowFactory.create(r.system(), (int) (r.from() + f),
                        java.util.Arrays.copyOfRange(coord, f * w, (f + 1) * w),
                        java.util.Arrays.copyOfRange(box, 9 * f, 9 * f + 9), energy[f],
                        java.util.Arrays.copyOfRange(force, f * w, (f + 1) * w)));
            }
        }
        return out.iterator();
    }
}
