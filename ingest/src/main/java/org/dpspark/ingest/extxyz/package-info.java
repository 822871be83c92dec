/**
 * Extended XYZ: {@link org.dpspark.ingest.extxyz.ExtxyzReader} (format {@code extxyz}, also plain XYZ
 * and {@code .gz}) and {@link org.dpspark.ingest.extxyz.ExtxyzWriter}.
 *
 * <p>How a file becomes frames:
 * <ul>
 *   <li>{@code ByteLineReader}: lines as slices of one byte buffer, with a short mark/reset look-ahead;</li>
 *   <li>{@code ExtxyzFrameSource}: the per-frame state machine: count line, comment line, atom lines,
 *       rejects and resynchronisation;</li>
 *   <li>{@code CommentLine} + {@code FrameHeader}: key=value pairs (ASE's rules) and what they mean:
 *       Lattice, pbc, energy precedence, virial/stress, fparam;</li>
 *   <li>{@code ExtxyzUnits}: unit keys of the file and units stated by the user;</li>
 *   <li>{@code PropertiesLayout} + {@code AtomLines} + {@code FastDoubleParser}: the hot loop, one pass
 *       per atom line with exact number parsing.</li>
 * </ul>
 * {@link org.dpspark.bench.ingest.ExtxyzParseBench} measures the parse speed
 * ({@code bench/extxyz-vs-ase.sh} compares it with ASE).
 */
package org.dpspark.ingest.extxyz;
