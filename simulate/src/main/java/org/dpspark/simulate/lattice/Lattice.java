package org.dpspark.simulate.lattice;

import org.dpspark.simulate.potential.Structure;

/**
 * Periodic crystals built from a cubic conventional cell repeated nx×ny×nz times (orthorhombic box,
 * periodic in all three directions, atoms ordered cell by cell with x fastest, basis innermost).
 */
public final class Lattice {
    private Lattice() {}

    /** Conventional fcc basis, fractional. */
    static final double[][] FCC = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};

    /** Conventional diamond basis (fcc + fcc shifted by ¼,¼,¼), fractional. */
    static final double[][] DIAMOND = {
        {0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5},
        {0.25, 0.25, 0.25}, {0.75, 0.75, 0.25}, {0.75, 0.25, 0.75}, {0.25, 0.75, 0.75}};

    /** Silicon's diamond lattice constant, Å (room temperature experiment; also the Si.sw minimum 5.431). */
    public static final double SILICON_A = 5.431;

    /**
     * fcc crystal of one element.
     *
     * @param a cubic lattice constant, Å
     * @param nx repetitions along x (also ny, nz)
     * @param atomicNumber element
     * @return 4·nx·ny·nz atoms, cell diag(nx·a, ny·a, nz·a)
     */
    public static Structure fcc(double a, int nx, int ny, int nz, int atomicNumber) {
        return build(FCC, a, nx, ny, nz, atomicNumber);
    }

    /** fcc lattice constant of reduced density ρ* = ρσ³ (4 atoms per a³): a = σ·(4/ρ*)^(1/3), Å. */
    public static double fccConstantForReducedDensity(double sigma, double reducedDensity) {
        return sigma * Math.cbrt(4.0 / reducedDensity);
    }

    /** Diamond crystal (8 atoms per conventional cell) of one element, a in Å. */
    public static Structure diamond(double a, int nx, int ny, int nz, int atomicNumber) {
        return build(DIAMOND, a, nx, ny, nz, atomicNumber);
    }

    /** Diamond silicon at a = 5.431 Å. */
    public static Structure silicon(int nx, int ny, int nz) {
        return diamond(SILICON_A, nx, ny, nz, 14);
    }

    private static Structure build(double[][] basis, double a, int nx, int ny, int nz, int z) {
        if (nx < 1 || ny < 1 || nz < 1 || !(a > 0)) {
            throw new IllegalArgumentException("need a > 0 and at least one cell per direction");
        }
        int nb = basis.length;
        int n = nb * nx * ny * nz;
        double[] pos = new double[3 * n];
        int q = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    for (double[] b : basis) {
                        pos[q++] = (i + b[0]) * a;
                        pos[q++] = (j + b[1]) * a;
                        pos[q++] = (k + b[2]) * a;
                    }
                }
            }
        }
        double[] cell = {nx * a, 0, 0, 0, ny * a, 0, 0, 0, nz * a};
        return Structure.of(pos, cell, new boolean[] {true, true, true}, new int[n], new int[] {z});
    }
}
