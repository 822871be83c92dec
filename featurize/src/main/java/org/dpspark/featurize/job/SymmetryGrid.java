package org.dpspark.featurize.job;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpspark.model.descriptor.CutoffFunction;
import org.dpspark.model.descriptor.SymmetryFunctionSet;

/**
 * The Behler–Parrinello parameter grid of a {@code symmetry-functions} config section, in a serializable form
 * that tasks carry: G2 for every (η, r_s), G4 for every (η, ζ, λ).
 *
 * @param cutoff   {@code cos} or {@code poly5}
 * @param g2Eta    Å⁻²
 * @param g2Rs     Å
 * @param g4Eta    Å⁻²
 * @param g4Zeta   ≥ 1
 * @param g4Lambda ±1
 */
public record SymmetryGrid(String cutoff, double[] g2Eta, double[] g2Rs, double[] g4Eta, double[] g4Zeta,
                           double[] g4Lambda) implements Serializable {

    public static SymmetryGrid fromConfig(Config s) {
        return new SymmetryGrid(s.getString("cutoff"), arr(s, "g2.eta"), arr(s, "g2.rs"), arr(s, "g4.eta"),
                arr(s, "g4.zeta"), arr(s, "g4.lambda"));
    }

    private static double[] arr(Config c, String key) {
        return c.getDoubleList(key).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The symmetry-function set at cutoff r_c (Å). */
    public SymmetryFunctionSet set(double rcut) {
        List<SymmetryFunctionSet.Radial> g2 = new ArrayList<>();
        for (double eta : g2Eta) {
            for (double rs : g2Rs) g2.add(new SymmetryFunctionSet.Radial(eta, rs));
        }
        List<SymmetryFunctionSet.Angular> g4 = new ArrayList<>();
        for (double eta : g4Eta) {
            for (double zeta : g4Zeta) {
                for (double lambda : g4Lambda) g4.add(new SymmetryFunctionSet.Angular(eta, zeta, lambda));
            }
        }
        return new SymmetryFunctionSet(rcut, CutoffFunction.valueOf(cutoff.toUpperCase(Locale.ROOT)), g2, g4, List.of());
    }
}
