/**
 * Ingest benchmarks: {@link org.dpspark.bench.ingest.IngestBench} ({@code bench ingest}: frames/s against the direct
 * Parquet write of {@link org.dpspark.bench.ingest.DirectParquetFloor}), reader MB/s against a raw read
 * ({@link org.dpspark.bench.ingest.ReaderThroughput}) and the extxyz parse speed
 * ({@link org.dpspark.bench.ingest.ExtxyzParseBench}, compared with ASE by {@code bench/extxyz-vs-ase.sh});
 * docs/benchmarks.md#ingest.
 */
package org.dpspark.bench.ingest;
