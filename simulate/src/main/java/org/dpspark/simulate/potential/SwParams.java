package org.dpspark.simulate.potential;

/**
 * Stillinger–Weber parameters of one element, in the order and meaning of a LAMMPS {@code .sw} file entry:
 * ε (eV), σ (Å), a, λ, γ, cos θ₀, A, B, p, q, tol (tol is read but unused, as in LAMMPS with tol = 0).
 *
 * <pre>
 *   E = Σ_{i&lt;j} φ₂(r_ij) + Σ_i Σ_{j&lt;k} φ₃(r_ij, r_ik, θ_jik)
 *   φ₂(r) = A ε [B (σ/r)^p − (σ/r)^q] exp(σ / (r − aσ))
 *   φ₃ = λ ε (cos θ_jik − cos θ₀)² exp(γσ/(r_ij − aσ)) exp(γσ/(r_ik − aσ))
 * </pre>
 * cutoff aσ.
 */
public record SwParams(double epsilon, double sigma, double a, double lambda, double gamma, double costheta0,
                       double bigA, double bigB, double p, double q, double tol) {

    /**
     * Silicon as in LAMMPS {@code potentials/Si.sw} (Stillinger and Weber, PRB 31, 5262 (1985)); cos θ₀ is the
     * file's −0.333333333333 (not exactly −1/3) so that energies agree with LAMMPS to rounding.
     */
    public static SwParams siliconLammps() {
        return new SwParams(2.1683, 2.0951, 1.80, 21.0, 1.20, -0.333333333333,
                7.049556277, 0.6022245584, 4.0, 0.0, 0.0);
    }

    /** Cutoff aσ, Å. */
    public double cutoff() {
        return a * sigma;
    }
}
