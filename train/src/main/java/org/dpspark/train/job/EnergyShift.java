package org.dpspark.train.job;

import java.util.List;
import org.dpspark.model.stats.EnergyBias;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.Prediction;

/**
 * DeePMD-kit's {@code dp change-bias} (mode change-by-statistic) for a trained model: the per-type shift δ (eV/atom)
 * that minimises Σ_frames (E_label − E_pred − Σ_t n_t δ_t)² over a sample of training frames, by the same
 * minimum-norm least squares as the initial energy bias ({@link EnergyBias}). Adding δ to the model's out_bias moves
 * energies only; forces and virials are unchanged.
 *
 * <p>Why: forces do not see a constant per-type energy, and in a short run whose force prefactor dominates the loss
 * (start_pref_f 1000 against start_pref_e 0.02) the atomic energies drift by a near-constant offset that the energy
 * loss has no time to pull back: measured on the water data after 300 steps, 188 meV/atom RMSE of which all but
 * 6 meV/atom was that offset (docs/training.md#energy-shift).
 */
final class EnergyShift {

    private EnergyShift() {}

    /**
     * @param trainer the trained parameters
     * @param frames  training frames with energies (frames without one are skipped)
     * @param ntypes  number of atom types
     * @return δ per type (eV/atom); zeros when no frame has an energy
     */
    static double[] fit(Trainer trainer, List<TrainFrame> frames, int ntypes) {
        EnergyBias lsq = new EnergyBias(ntypes);
        List<Prediction> pred = trainer.predict(frames, 4);
        for (int i = 0; i < frames.size(); i++) {
            TrainFrame f = frames.get(i);
            if (!f.hasEnergy()) continue;
            lsq.addFrame(f.types(), f.energy() - pred.get(i).energy());
        }
        return lsq.frames() == 0 ? new double[ntypes] : lsq.solve();
    }
}
