package org.dpspark.model.descriptor;

import java.util.ArrayList;
import java.util.List;

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

    /** Default radial η grid, Å⁻² (r_s = 0): Gaussian widths 1/√η from 32 Å (≈ smooth coordination number) to 0.8 Å. */
    public static final double[] DEFAULT_G2_ETA = {0.001, 0.01, 0.03, 0.06, 0.15, 0.3, 0.6, 1.5};
    /** Default angular η, Å⁻². */
    public static final double[] DEFAULT_ANGULAR_ETA = {0.001, 0.01, 0.05};
    /** Default ζ (angular resolution: larger ζ focuses on θ near 0 (λ=+1) or π (λ=−1)). */
    public static final double[] DEFAULT_ZETA = {1, 2, 4, 16};

    /**
     * The documented default set: cos cutoff; 8 G2 (η = {@link #DEFAULT_G2_ETA}, r_s = 0); 24 G4
     * (η × ζ × λ = {@link #DEFAULT_ANGULAR_ETA} × {@link #DEFAULT_ZETA} × {−1, +1}); no G5.
     * The pattern (centred G2 of increasing η; G4 with ζ = 1, 2, 4, 16 and both λ) is the usual n2p2/RuNNer
     * starting set; the numbers are dpspark's choice, in Å⁻² for r_c ≈ 6 Å. Per atom the vector has
     * 8·T G2 + 24·T(T+1)/2 G4 features for T types (2 types: 16 + 72 = 88).
     */
    public static SymmetryFunctionSet defaults(double rcut) {
        List<Radial> g2 = new ArrayList<>();
        for (double eta : DEFAULT_G2_ETA) g2.add(new Radial(eta, 0.0));
        return new SymmetryFunctionSet(rcut, CutoffFunction.COS, g2, defaultAngular(), List.of());
    }

    /** {@link #defaults} plus the same angular grid as G5. */
    public static SymmetryFunctionSet defaultsWithG5(double rcut) {
        SymmetryFunctionSet d = defaults(rcut);
        return new SymmetryFunctionSet(rcut, d.cutoff(), d.g2(), d.g4(), defaultAngular());
    }

    private static List<Angular> defaultAngular() {
        List<Angular> a = new ArrayList<>();
        for (double eta : DEFAULT_ANGULAR_ETA) {
            for (double zeta : DEFAULT_ZETA) {
                for (double lambda : new double[] {-1, 1}) a.add(new Angular(eta, zeta, lambda));
            }
        }
        return a;
    }
}
