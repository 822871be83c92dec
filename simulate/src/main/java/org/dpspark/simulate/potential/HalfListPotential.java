package org.dpspark.simulate.potential;

/**
 * A pair potential that can also run on a {@link HalfList} (Newton's third law, ghost atoms): the fast
 * path the MD engine uses. Must give the same results as {@link Potential#compute} up to rounding.
 */
public interface HalfListPotential extends Potential {

    /**
     * Evaluates on a half list whose {@link HalfList#refresh} was called with the current positions.
     * Accumulates forces into {@link HalfList#extendedForces()}, then folds them into {@code out.forces}.
     *
     * @param hl refreshed half list (pairs within cutoff + skin)
     * @param types natoms species indices
     * @param flags request flags of {@link Evaluation}
     * @param out result buffer (reset by this call)
     */
    void computeHalf(HalfList hl, int[] types, int flags, Evaluation out);
}
