/**
 * What the line-oriented QM output parsers share: {@link org.dpspark.ingest.text.TextRecordParser} (a lazy generator of
 * records over one file), {@link org.dpspark.ingest.text.LineSource} (lines with their 1-based numbers),
 * {@link org.dpspark.ingest.text.Numbers} (Fortran {@code D} exponents, glued numbers),
 * {@link org.dpspark.ingest.text.ParseFailure} (reject reason + line) and {@link org.dpspark.ingest.text.RecordSink}
 * (a split's provenance for frames and rejects).
 */
package org.dpspark.ingest.text;
