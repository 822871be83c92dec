package org.dpspark.ingest.label;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.dpspark.core.Frame;

/**
 * A program that labels one structure in its own calculation folder: the energy (eV), forces (eV/Å, shape
 * natoms × 3, the frame's atom order) and, for periodic cells when the program gives it, the virial (eV, 3 × 3).
 * Implementations are immutable and serializable (shipped to Spark executors).
 */
public interface QmLabeler extends Serializable {
    /**
     * Labels {@code f} in {@code dir} (created; an earlier content is removed first).
     *
     * @return the frame with the program's energy, forces and virial (positions, cell and labels of {@code f})
     * @throws LabelFailure a failure that is data (unconverged, crash, timeout, another structure)
     */
    Frame label(Frame f, Path dir) throws LabelFailure, IOException;

    /**
     * Everything that changes the result besides the structure (program, method, settings), as text: finished
     * results are reused only when it is unchanged.
     */
    String fingerprint();

    /**
     * Builds the program input of {@code f} in memory without running anything (the loop does it once on its first
     * structure before labelling starts).
     *
     * @throws IllegalArgumentException when no input can be written for this structure
     */
    default void checkInput(Frame f) {}

    /** OpenMP threads of one calculation ({@code OMP_NUM_THREADS}): the CPUs a labelling task occupies. */
    int threads();

    /** One line for logs, e.g. {@code cp2k.psmp (PBE, DZVP-MOLOPT-SR-GTH)}. */
    String describe();
}
