package org.dpspark.model.descriptor;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpspark.core.JobConfig;

/**
 * Parameters of Behler–Parrinello symmetry functions (units Å, Å⁻²).
 *
 * @param rcut cutoff radius r_c, Å
 * @param cutoff cutoff function f_c
 * @param g2 radial functions G2 = Σ_j exp(−η(r_ij − r_s)²) f_c(r_ij)
 * @param g4 angular functions G4 = 2^{1−ζ} Σ_{j&lt;k} (1 + λcosθ_ijk)^ζ exp(−η(r_ij² + r_ik² + r_jk²)) f_c(r_ij) f_c(r_ik) f_c(r_jk)
 * @param g5 angular functions G5: as G4 without the r_jk terms
 */
public record SymmetryFunctionSet(double rcut, CutoffFunction cutoff, List<Radial> g2, List<Angular> g4, List<Angular> g5) {

    /** G2 parameters: η (Å⁻²) and shift r_s (Å). */
    public record Radial(double eta, double rs) {
        public Radial {
            if (!(eta >= 0)) throw new IllegalArgumentException("G2 eta must be >= 0: " + eta);
        }
    }

    /** G4/G5 parameters: η (Å⁻²), ζ ≥ 1, λ = ±1. */
    public record Angular(double eta, double zeta, double lambda) {
        public Angular {
            if (!(eta >= 0)) throw new IllegalArgumentException("angular eta must be >= 0: " + eta);
            if (!(zeta >= 1)) throw new IllegalArgumentException("zeta must be >= 1: " + zeta);
            if (lambda != 1.0 && lambda != -1.0) throw new IllegalArgumentException("lambda must be +1 or -1: " + lambda);
        }
    }

    public SymmetryFunctionSet {
        if (!(rcut > 0)) throw new IllegalArgumentException("rcut must be > 0");
        g2 = List.copyOf(g2);
        g4 = List.copyOf(g4);
        g5 = List.copyOf(g5);
    }

    /** Where dpspark-defaults.conf declares the default grid. */
    public static final String DEFAULTS_SECTION = "featurize.symmetry-functions";

    /**
     * The grid of a {@code symmetry-functions} config section at cutoff r_c (Å): cutoff ({@code cos} or
     * {@code poly5}), G2 for every (g2.eta, g2.rs), G4 for every (g4.eta, g4.zeta, g4.lambda); no G5.
     * The one reader of that section.
     */
    public static SymmetryFunctionSet fromConfig(Config section, double rcut) {
        List<Radial> g2 = new ArrayList<>();
        for (double eta : section.getDoubleList("g2.eta")) {
            for (double rs : section.getDoubleList("g2.rs")) g2.add(new Radial(eta, rs));
        }
        List<Angular> g4 = new ArrayList<>();
        for (double eta : section.getDoubleList("g4.eta")) {
            for (double zeta : section.getDoubleList("g4.zeta")) {
                for (double lambda : section.getDoubleList("g4.lambda")) g4.add(new Angular(eta, zeta, lambda));
            }
        }
        CutoffFunction fc = CutoffFunction.valueOf(section.getString("cutoff").toUpperCase(Locale.ROOT));
        return new SymmetryFunctionSet(rcut, fc, g2, g4, List.of());
    }

    /**
     * The default set of dpspark-defaults.conf ({@value #DEFAULTS_SECTION}) at cutoff r_c (Å). The pattern
     * (centred G2 of increasing η; G4 with ζ = 1, 2, 4, 16 and both λ) is the usual n2p2/RuNNer starting set; the
     * numbers are dpspark's choice, in Å⁻² for r_c ≈ 6 Å.
     */
    public static SymmetryFunctionSet defaults(double rcut) {
        return fromConfig(JobConfig.defaults().getConfig(DEFAULTS_SECTION), rcut);
    }
}
