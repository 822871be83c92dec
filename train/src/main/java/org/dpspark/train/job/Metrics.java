package org.dpspark.train.job;

import java.io.Serializable;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.Prediction;

/**
 * Mergeable error sums of predictions against labels: energy per atom (eV/atom), force components (eV/Å),
 * virial per atom (eV/atom, 9 components), giving RMSE and MAE. Frames without a label add nothing to that term.
 */
public final class Metrics implements Serializable {
    private static final long serialVersionUID = 1L;
    long nE, nF, nV;
    double sE2, sE1, sF2, sF1, sV2, sV1;

    /** Adds one frame's errors. */
    public Metrics add(TrainFrame f, Prediction p) {
        int n = f.natoms();
        if (f.hasEnergy()) {
            double d = (p.energy() - f.energy()) / n;
            nE++;
            sE2 += d * d;
            sE1 += Math.abs(d);
        }
        if (f.forces() != null) {
            double[] fl = f.forces(), fp = p.forces();
            for (int k = 0; k < fl.length; k++) {
                double d = fp[k] - fl[k];
                sF2 += d * d;
                sF1 += Math.abs(d);
            }
            nF += fl.length;
        }
        if (f.virial() != null) {
            for (int k = 0; k < 9; k++) {
                double d = (p.virial()[k] - f.virial()[k]) / n;
                sV2 += d * d;
                sV1 += Math.abs(d);
            }
            nV += 9;
        }
        return this;
    }

    /** Adds a force component error only (per-element force metrics). */
    public void addForce(double d) {
        sF2 += d * d;
        sF1 += Math.abs(d);
        nF++;
    }

    public Metrics merge(Metrics o) {
        nE += o.nE; nF += o.nF; nV += o.nV;
        sE2 += o.sE2; sE1 += o.sE1; sF2 += o.sF2; sF1 += o.sF1; sV2 += o.sV2; sV1 += o.sV1;
        return this;
    }

    public long energyCount() { return nE; }
    public long forceCount() { return nF; }
    public long virialCount() { return nV; }
    /** RMSE of E/N, eV/atom (NaN without energies). */
    public double energyRmse() { return nE == 0 ? Double.NaN : Math.sqrt(sE2 / nE); }
    public double energyMae() { return nE == 0 ? Double.NaN : sE1 / nE; }
    /** RMSE over force components, eV/Å. */
    public double forceRmse() { return nF == 0 ? Double.NaN : Math.sqrt(sF2 / nF); }
    public double forceMae() { return nF == 0 ? Double.NaN : sF1 / nF; }
    /** RMSE of Ξ/N over components, eV/atom. */
    public double virialRmse() { return nV == 0 ? Double.NaN : Math.sqrt(sV2 / nV); }
    public double virialMae() { return nV == 0 ? Double.NaN : sV1 / nV; }
}
