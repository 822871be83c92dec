package org.dpspark.simulate.potential;

/** Central finite differences of a potential's energy, for force and virial tests. */
final class FiniteDifference {
    private FiniteDifference() {}

    static double energy(Potential p, Structure s) {
        return p.evaluate(s).energy;
    }

    /** −∂E/∂r_k by central differences with step h (Å), shape natoms×3, eV/Å. */
    static double[] forces(Potential p, Structure s, double h) {
        double[] x = s.positions();
        double[] f = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            double x0 = x[k];
            x[k] = x0 + h;
            double ep = energy(p, s.withPositions(x));
            x[k] = x0 - h;
            double em = energy(p, s.withPositions(x));
            x[k] = x0;
            f[k] = -(ep - em) / (2 * h);
        }
        return f;
    }

    /**
     * −∂E/∂ε_αβ (eV, 3×3 row-major) under the homogeneous deformation r_α → r_α + ε r_β applied to every
     * position and every cell vector, by central differences with step eps.
     */
    static double[] strainDerivative(Potential p, Structure s, double eps) {
        double[] w = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double ep = energy(p, deform(s, a, b, eps));
                double em = energy(p, deform(s, a, b, -eps));
                w[3 * a + b] = -(ep - em) / (2 * eps);
            }
        }
        return w;
    }

    static Structure deform(Structure s, int a, int b, double eps) {
        double[] x = s.positions();
        double[] h = s.cell();
        for (int i = 0; i < x.length / 3; i++) {
            x[3 * i + a] += eps * s.position(i, b);
        }
        for (int r = 0; r < 3; r++) {
            h[3 * r + a] += eps * s.cell(r, b);
        }
        return s.withPositionsAndCell(x, h);
    }
}
