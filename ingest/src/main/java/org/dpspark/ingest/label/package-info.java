/**
 * Labelling structures with an external QM program, as the concurrent-learning loop does:
 * {@link org.dpspark.ingest.label.CommandLabeler} writes the code's input from a user template
 * ({@link org.dpspark.ingest.label.QmInput}; lengths Å, Cartesian) into a task folder, runs the command and reads its
 * output back with this module's readers (so units are converted as at ingest); a failure is a
 * {@link org.dpspark.ingest.label.LabelFailure} with a rejects-table reason.
 */
package org.dpspark.ingest.label;
