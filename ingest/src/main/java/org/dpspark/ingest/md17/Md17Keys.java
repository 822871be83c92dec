package org.dpspark.ingest.md17;

import java.util.List;

/**
 * Array names of the two MD17 {@code .npz} layouts.
 *
 * @param coords  (nframes, natoms, 3) positions
 * @param z       (natoms,) atomic numbers
 * @param energy  (nframes,) or (nframes, 1) energies
 * @param forces  (nframes, natoms, 3) forces
 */
record Md17Keys(String coords, String z, String energy, String forces) {

    /** Original MD17 (sgdml.org): {@code R}, {@code z}, {@code E}, {@code F}. */
    static final Md17Keys MD17 = new Md17Keys("R", "z", "E", "F");
    /** Revised MD17 (rMD17, Christensen & von Lilienfeld): {@code coords}, {@code nuclear_charges}, {@code energies}, {@code forces}. */
    static final Md17Keys RMD17 = new Md17Keys("coords", "nuclear_charges", "energies", "forces");

    /** The layout whose coordinate and atomic-number arrays an archive holds, or null. */
    static Md17Keys detect(List<String> keys) {
        for (Md17Keys k : List.of(MD17, RMD17)) {
            if (keys.contains(k.coords()) && keys.contains(k.z())) {
                return k;
            }
        }
        return null;
    }
}
