package org.dpspark.model.stats;

import java.io.Serializable;

/**
 * Per-type energy bias by least squares of frame energies on per-type atom counts, as DeePMD-kit's
 * {@code compute_stats_from_redu} ({@code numpy.linalg.lstsq(natoms, energy, rcond)}: minimum-norm solution,
 * singular values below rcond·σ_max ignored; rcond = null means NumPy's default ε·max(nframes, ntypes)).
 *
 * <p>Mergeable without keeping the rows: a streaming QR (Givens rotations) keeps the ntypes×ntypes triangular
 * factor R and z = Qᵀb, plus the residual sum of squares of the rows already folded in. ‖Ax − b‖² = ‖Rx − z‖² +
 * rss for every x, and A and R have the same singular values, so the solution (via an SVD of R) is the
 * lstsq one; no normal equations (whose squaring of the condition number would defeat the rcond cut).
 */
public final class EnergyBias implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int nt;
    private final double[] r;  // nt×nt upper triangular
    private final double[] z;
    private double rss;
    private long frames;
    private final double[] sumA;
    private double sumB;

    public EnergyBias(int ntypes) {
        nt = ntypes;
        r = new double[nt * nt];
        z = new double[nt];
        sumA = new double[nt];
    }

    /** Adds a frame: per-type atom counts (ntypes) and its energy (eV). */
    public EnergyBias add(double[] counts, double energy) {
        if (counts.length != nt) throw new IllegalArgumentException("need " + nt + " counts");
        frames++;
        for (int t = 0; t < nt; t++) sumA[t] += counts[t];
        sumB += energy;
        foldRow(counts.clone(), energy);
        return this;
    }

    /** Adds a frame given the type of every atom. */
    public EnergyBias addFrame(int[] types, double energy) {
        double[] c = new double[nt];
        for (int t : types) c[t]++;
        return add(c, energy);
    }

    private void foldRow(double[] a, double b) {
        for (int k = 0; k < nt; k++) {
            if (a[k] == 0) continue;
            double rk = r[k * nt + k];
            double rho = Math.hypot(rk, a[k]);
            double c = rk / rho, s = a[k] / rho;
            for (int j = k; j < nt; j++) {
                double x = r[k * nt + j], y = a[j];
                r[k * nt + j] = c * x + s * y;
                a[j] = -s * x + c * y;
            }
            double zk = z[k];
            z[k] = c * zk + s * b;
            b = -s * zk + c * b;
        }
        rss += b * b;
    }

    /** Folds another partial into this one (returns this). */
    public EnergyBias merge(EnergyBias o) {
        if (o.nt != nt) throw new IllegalArgumentException("ntypes mismatch");
        for (int k = 0; k < nt; k++) {
            double[] row = new double[nt];
            System.arraycopy(o.r, k * nt, row, 0, nt);
            foldRow(row, o.z[k]);
        }
        rss += o.rss;
        frames += o.frames;
        for (int t = 0; t < nt; t++) sumA[t] += o.sumA[t];
        sumB += o.sumB;
        return this;
    }

    public long frames() { return frames; }

    /** Bias per type (eV/atom) with NumPy's default rcond. */
    public double[] solve() {
        return solve(Math.ulp(1.0) * Math.max(frames, nt));
    }

    /** Bias per type (eV/atom), minimum-norm least squares ignoring singular values &lt; rcond·σ_max. */
    public double[] solve(double rcond) {
        double[] u = r.clone();
        double[] v = new double[nt * nt];
        for (int k = 0; k < nt; k++) v[k * nt + k] = 1;
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < nt; p++) {
                for (int q = p + 1; q < nt; q++) {
                    double al = 0, be = 0, ga = 0;
                    for (int i = 0; i < nt; i++) {
                        al += u[i * nt + p] * u[i * nt + p];
                        be += u[i * nt + q] * u[i * nt + q];
                        ga += u[i * nt + p] * u[i * nt + q];
                    }
                    if (Math.abs(ga) <= 1e-15 * Math.sqrt(al * be) || ga == 0) continue;
                    rotated = true;
                    double zeta = (be - al) / (2 * ga);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.sqrt(1 + t * t), s = c * t;
                    for (int i = 0; i < nt; i++) {
                        double x = u[i * nt + p], y = u[i * nt + q];
                        u[i * nt + p] = c * x - s * y;
                        u[i * nt + q] = s * x + c * y;
                        x = v[i * nt + p];
                        y = v[i * nt + q];
                        v[i * nt + p] = c * x - s * y;
                        v[i * nt + q] = s * x + c * y;
                    }
                }
            }
            if (!rotated) break;
        }
        double[] sigma = new double[nt];
        double smax = 0;
        for (int j = 0; j < nt; j++) {
            double s2 = 0;
            for (int i = 0; i < nt; i++) s2 += u[i * nt + j] * u[i * nt + j];
            sigma[j] = Math.sqrt(s2);
            smax = Math.max(smax, sigma[j]);
        }
        double[] x = new double[nt];
        for (int j = 0; j < nt; j++) {
            if (!(sigma[j] > rcond * smax) || sigma[j] == 0) continue;
            double uz = 0;
            for (int i = 0; i < nt; i++) uz += u[i * nt + j] * z[i]; // u column = σ·(unit left vector)
            double coef = uz / (sigma[j] * sigma[j]);
            for (int i = 0; i < nt; i++) x[i] += v[i * nt + j] * coef;
        }
        return x;
    }

    /** Standard deviation over frames of E − counts·bias (eV), as DeePMD's {@code rest_redu.std()}. */
    public double residualStd(double[] bias) {
        if (frames == 0) return 0;
        double ss = rss;
        for (int k = 0; k < nt; k++) {
            double rx = -z[k];
            for (int j = k; j < nt; j++) rx += r[k * nt + j] * bias[j];
            ss += rx * rx;
        }
        double sres = sumB;
        for (int t = 0; t < nt; t++) sres -= sumA[t] * bias[t];
        double m = sres / frames;
        return Math.sqrt(Math.max(0, ss / frames - m * m));
    }
}
