package org.dpspark.bench.ingest;

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
 * parallelism) and writing the same per-frame arrays the frames table holds (positions, forces, cell, energy,
 * atomic numbers, type labels, pbc) straight to Parquet, with no format handling, content ids, validation,
 * formula, split or deduplication.
 */
public final class DirectParquetFloor {
    private DirectParquetFloor() {}

    /** A frame range of one system. */
    public record Range(String system, long from, long to) implements Serializable {}

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("source_file", StringType, false),
        DataTypes.createStructField("source_index", IntegerType, false),
        DataTypes.createStructField("atomic_numbers", createArrayType(IntegerType, false), false),
        DataTypes.createStructField("type_labels", createArrayType(StringType, false), false),
        DataTypes.createStructField("pbc", createArrayType(DataTypes.BooleanType, false), false),
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
            double[] coord = NpyReader.readRows(set.resolve("coord.npy"), r.from(), r.to()).values();
            double[] force = NpyReader.readRows(set.resolve("force.npy"), r.from(), r.to()).values();
            double[] energy = NpyReader.readRows(set.resolve("energy.npy"), r.from(), r.to()).values();
            double[] box = NpyReader.readRows(set.resolve("box.npy"), r.from(), r.to()).values();
            int n = (int) (r.to() - r.from());
            int w = coord.length / n;
            // The per-atom type columns the frames table stores, read from the system like a reader does.
            long[] typeIndex = NpyTypes.types(Path.of(r.system()));
            List<String> names = java.nio.file.Files.readAllLines(Path.of(r.system()).resolve("type_map.raw"));
            int natoms = typeIndex.length;
            for (int f = 0; f < n; f++) {
                int[] z = new int[natoms];
                String[] labels = new String[natoms];
                for (int a = 0; a < natoms; a++) {
                    labels[a] = names.get((int) typeIndex[a]).trim();
                    z[a] = org.dpspark.core.Elements.atomicNumber(labels[a]);
                }
                out.add(RowFactory.create(r.system(), (int) (r.from() + f), z, labels, new boolean[] {true, true, true},
                        java.util.Arrays.copyOfRange(coord, f * w, (f + 1) * w),
                        java.util.Arrays.copyOfRange(box, 9 * f, 9 * f + 9), energy[f],
                        java.util.Arrays.copyOfRange(force, f * w, (f + 1) * w)));
            }
        }
        return out.iterator();
    }
}
