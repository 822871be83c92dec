package org.dpspark.model.descriptor;

import java.util.List;
import org.dpspark.model.neighbor.NeighborList;

/**
 * A fixed-length, rotation/translation/permutation-invariant feature vector per atom, depending only on the
 * relative positions r_ij of the neighbours within {@link #rcut()}, and smooth (value and first derivative
 * → 0) as a neighbour reaches the cutoff.
 *
 * <p>Implementations keep scratch buffers and are not thread-safe; use one instance per thread.
 */
public interface AtomicDescriptor {
    /** Cutoff radius, Å; the neighbour list must be built with at least this cutoff. */
    double rcut();

    /** Feature count per atom. */
    int dim();

    /** One name per feature, in output order (column names for the features table). */
    List<String> featureNames();

    /**
     * Features of centre atom i.
     *
     * @param types type index per atom (natoms)
     * @param out receives dim values at {@code outOff}
     * @param grad when non-null, receives ∂feature_f/∂(r_ij)_b for the k-th neighbour entry of i
     *        (p = nl.start(i) + k) at {@code grad[(f·m + k)·3 + b]}, m = nl.count(i); length ≥ dim·m·3.
     *        The derivative with respect to the centre position is minus the sum over k.
     */
    void compute(int i, int[] types, NeighborList nl, double[] out, int outOff, double[] grad);

    /** Features of all atoms, natoms×dim row-major. */
    default double[] computeAll(int[] types, NeighborList nl) {
        double[] out = new double[nl.natoms() * dim()];
        for (int i = 0; i < nl.natoms(); i++) {
            compute(i, types, nl, out, i * dim(), null);
        }
        return out;
    }
}
