/**
 * {@code dpspark ingest}, the Spark job: {@link org.dpspark.ingest.job.IngestJob} discovers inputs
 * ({@link org.dpspark.ingest.job.InputDiscovery}), plans splits on the driver, reads and validates them in executors
 * ({@link org.dpspark.ingest.job.IngestPartitionFn}, {@link org.dpspark.ingest.job.FrameValidator}), writes frames and
 * rejects and publishes the run atomically; settings in {@link org.dpspark.ingest.job.IngestSettings} and per-dataset
 * {@link org.dpspark.ingest.job.DatasetSettings} (type map, units, reader options).
 */
package org.dpspark.ingest.job;
