package org.dpspark.train.graph;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.train.data.TrainFrame;

/**
 * Predictions of a {@link Predictor} for one frame of n atoms.
 *
 * @param energy E, eV
 * @param forces n×3, eV/Å
 * @param virial 3×3, eV (Ξ = −Σ_slots g ⊗ r_ij, DeePMD-kit's layout)
 */
public record Prediction(double energy, double[] forces, double[] virial) {

    /**
     * Splits the predictions of a batch into one per frame.
     *
     * @param frames the batch's frames, in order
     * @param e energies, one per frame, eV
     * @param f forces of all atoms, frames concatenated, (Σn)×3, eV/Å
     * @param v virials, one 3×3 per frame, eV
     */
    public static List<Prediction> perFrame(List<TrainFrame> frames, double[] e, double[] f, double[] v) {
        List<Prediction> res = new ArrayList<>(frames.size());
        int base = 0;
        for (int k = 0; k < frames.size(); k++) {
            int n = frames.get(k).natoms();
            double[] fk = new double[3 * n];
            System.arraycopy(f, 3 * base, fk, 0, 3 * n);
            double[] vk = new double[9];
            System.arraycopy(v, 9 * k, vk, 0, 9);
            res.add(new Prediction(e[k], fk, vk));
            base += n;
        }
        return res;
    }
}
