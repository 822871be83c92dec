package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotCalculator;

import java.util.List;

/**
 * Force model deviation of an ensemble of Deep Potential models on one frame (DP-GEN, PHYSICS.md):
 * per atom ε_i = sqrt(⟨|F_i − ⟨F_i⟩|²⟩), the averages over the n models (population, 1/n), and per frame
 * max_devi_f = max_i ε_i, min_devi_f = min_i ε_i, avg_devi_f = mean_i ε_i (eV/Å). This is what the
 * concurrent-learning loop selects candidate frames on.
 */
public final class ModelDeviation {
    private final List<DeepPotCalculator> models;

    /** @param models two or more calculators (one per model), same type map */
    public ModelDeviation(List<DeepPotCalculator> models) {
        if (models.size() < 2) {
            throw new IllegalArgumentException("model deviation needs at least 2 models, got " + models.size());
        }
        List<String> map = models.get(0).model().typeMap();
        for (DeepPotCalculator c : models) {
            if (!c.model().typeMap().equals(map)) {
                throw new IllegalArgumentException("deviation models have different type maps: " + map + " vs "
                        + c.model().typeMap());
            }
        }
        this.models = List.copyOf(models);
    }

    public List<DeepPotCalculator> models() { return models; }

    /**
     * Evaluates every model and returns {max, min, avg} of ε_i, eV/Å.
     *
     * @param positions n×3, Å
     * @param cell 3×3 rows = vectors, Å, or null
     * @param modelTypes model type index per atom, n
     */
    public double[] evaluate(double[] positions, double[] cell, int[] modelTypes) {
        double[][] f = new double[models.size()][];
        for (int m = 0; m < f.length; m++) {
            f[m] = models.get(m).evaluate(positions, cell, modelTypes).forces();
        }
        return summarize(perAtom(f, modelTypes.length));
    }

    /**
     * ε_i per atom from the forces of n models.
     *
     * @param forces n models × (natoms×3), eV/Å
     * @param natoms atoms
     * @return ε, shape natoms, eV/Å
     */
    public static double[] perAtom(double[][] forces, int natoms) {
        int nm = forces.length;
        double[] eps = new double[natoms];
        for (int i = 0; i < natoms; i++) {
            double sum = 0.0;
            for (int b = 0; b < 3; b++) {
                int k = 3 * i + b;
                double mean = 0.0;
                for (double[] f : forces) {
                    mean += f[k];
                }
                mean /= nm;
                for (double[] f : forces) {
                    double d = f[k] - mean;
                    sum += d * d;
                }
            }
            eps[i] = Math.sqrt(sum / nm);
        }
        return eps;
    }

    /** {max, min, avg} of per-atom deviations. */
    public static double[] summarize(double[] eps) {
        double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY, sum = 0.0;
        for (double e : eps) {
            max = Math.max(max, e);
            min = Math.min(min, e);
            sum += e;
        }
        return new double[] {max, min, sum / eps.length};
    }
}
