package org.dpspark.simulate.dp;

import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;

/** Finite-difference and geometry helpers for the evaluator tests. */
final class Numerics {
    private Numerics() {}

    /** Σ_i (E_i − bias_{t_i}): the energy without the constant per-type offsets (less round-off in differences). */
    static double shiftedEnergy(DeepPotEvaluator ev, double[] pos, double[] cell, int[] types) {
        DeepPotResult r = ev.evaluate(pos, cell, types);
        double[] bias = ev.model().fitting().biasAtomE();
        double[] ob = ev.model().outBias();
        double e = 0;
        for (int i = 0; i < types.length; i++) e += r.atomEnergy()[i] - (bias[types[i]] + ob[types[i]]);
        return e;
    }

    /** −∂E/∂r_{k,b} by central differences with step h (Å). */
    static double fdForce(DeepPotEvaluator ev, double[] pos, double[] cell, int[] types, int k, int b, double h) {
        double[] p = pos.clone();
        p[3 * k + b] = pos[3 * k + b] + h;
        double ep = shiftedEnergy(ev, p, cell, types);
        p[3 * k + b] = pos[3 * k + b] - h;
        double em = shiftedEnergy(ev, p, cell, types);
        return -(ep - em) / (2 * h);
    }

    /** −∂E/∂ε_{αβ} at ε = 0 for the homogeneous deformation x → (I + ε)x of positions and cell vectors. */
    static double fdStrainVirial(DeepPotEvaluator ev, double[] pos, double[] cell, int[] types, int alpha, int beta, double h) {
        double ep = shiftedEnergy(ev, deform(pos, alpha, beta, h), cell == null ? null : deform(cell, alpha, beta, h), types);
        double em = shiftedEnergy(ev, deform(pos, alpha, beta, -h), cell == null ? null : deform(cell, alpha, beta, -h), types);
        return -(ep - em) / (2 * h);
    }

    /** Rows of {@code x} (n×3) mapped by x_α += e·x_β. */
    static double[] deform(double[] x, int alpha, int beta, double e) {
        double[] y = x.clone();
        for (int r = 0; r < x.length / 3; r++) y[3 * r + alpha] += e * x[3 * r + beta];
        return y;
    }

    /** Rows of {@code x} (n×3) rotated: y = R x. */
    static double[] rotate(double[] x, double[] rot) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / 3; r++) {
            for (int a = 0; a < 3; a++) {
                y[3 * r + a] = rot[3 * a] * x[3 * r] + rot[3 * a + 1] * x[3 * r + 1] + rot[3 * a + 2] * x[3 * r + 2];
            }
        }
        return y;
    }

    /** A rotation matrix from Euler-like angles (z, y, x). */
    static double[] rotation(double a, double b, double c) {
        double[] rz = {Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rx = {1, 0, 0, 0, Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c)};
        return mul(rz, mul(ry, rx));
    }

    static double[] mul(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) m = Math.max(m, Math.abs(x));
        return m;
    }
}
