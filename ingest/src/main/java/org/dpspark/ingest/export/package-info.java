/**
 * {@code dpspark export}: {@link org.dpspark.ingest.export.ExportJob} writes a frames table (optionally one dataset or
 * split) as extxyz files or deepmd/npy systems ({@link org.dpspark.ingest.export.ExportFormat}), one output unit per
 * group, streamed by the executors ({@link org.dpspark.ingest.export.ExportPartitionFn}), frames in source order.
 */
package org.dpspark.ingest.export;
