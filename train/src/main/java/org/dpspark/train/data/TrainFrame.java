package org.dpspark.train.data;

import java.io.Serializable;

/**
 * One labelled frame as training needs it (compact, serializable for Spark), with atoms mapped to the model's
 * type indices. n = natoms.
 *
 * @param dataset dataset name (for per-dataset metrics and batching by system)
 * @param system key of the system: frames with the same key have the same atoms in the same order
 * @param types type index per atom into the model's type map, n
 * @param positions n×3, Å
 * @param cell 3×3 rows = cell vectors, Å, or null (molecule)
 * @param pbc periodicity along the cell vectors (3), or null for all periodic
 * @param energy total energy, eV (NaN when absent)
 * @param forces n×3, eV/Å, or null
 * @param virial 3×3, eV, or null
 * @param id frame id from the frames table
 * @param fparam frame parameters (DeePMD-kit's fparam, e.g. an electronic temperature; nfparam), or null
 * @param aparam atomic parameters, n×naparam row-major, or null
 */
public record TrainFrame(String dataset, String system, int[] types, double[] positions, double[] cell, boolean[] pbc,
        double energy, double[] forces, double[] virial, String id, double[] fparam, double[] aparam)
        implements Serializable {

    /** A frame without frame or atomic parameters. */
    public TrainFrame(String dataset, String system, int[] types, double[] positions, double[] cell, boolean[] pbc,
            double energy, double[] forces, double[] virial, String id) {
        this(dataset, system, types, positions, cell, pbc, energy, forces, virial, id, null, null);
    }

    public int natoms() { return types.length; }

    public boolean hasEnergy() { return !Double.isNaN(energy); }
}
