package org.dpspark.simulate.potential;

import java.util.SplittableRandom;
import org.dpspark.simulate.lattice.Lattice;

/** Argon-like Lennard-Jones test systems (ε = 0.0104 eV, σ = 3.4 Å, Ar masses). */
public final class LjSystems {
    private LjSystems() {}

    public static final double EPS = 0.0104;
    public static final double SIGMA = 3.4;
    public static final double RC = 2.5 * SIGMA;

    public static LennardJones argon(boolean shift) {
        return new LennardJones(EPS, SIGMA, RC, shift);
    }

    /** fcc argon at reduced density ρ* (4·n³ atoms). */
    public static Structure fcc(int n, double reducedDensity) {
        return Lattice.fcc(Lattice.fccConstantForReducedDensity(SIGMA, reducedDensity), n, n, n, 18);
    }

    /** fcc at ρ* with each coordinate displaced uniformly in [−amp, amp) Å (liquid-like disorder). */
    public static Structure disordered(int n, double reducedDensity, double amp, long seed) {
        Structure s = fcc(n, reducedDensity);
        double[] x = s.positions();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < x.length; k++) {
            x[k] += amp * (2 * rng.nextDouble() - 1);
        }
        return s.withPositions(x);
    }
}
