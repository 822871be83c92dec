/**
 * The reader contract of ingest: a {@link org.dpspark.ingest.read.FrameReader} recognises its format from an
 * {@link org.dpspark.ingest.read.InputProbe}, plans {@link org.dpspark.ingest.read.InputSplit}s on the driver and reads
 * each as a lazy {@link org.dpspark.ingest.read.RecordStream} of {@link org.dpspark.ingest.read.ReadRecord}s (a frame
 * in dpspark units or a reject, never a lost good frame). A new format is a reader class in its own package plus one
 * line in {@link org.dpspark.ingest.read.ReaderRegistry}, whose order is the detection order of {@code --format auto}.
 */
package org.dpspark.ingest.read;
