package org.dpspark.model.descriptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpspark.model.neighbor.NeighborList;

/**
 * Behler–Parrinello atom-centred symmetry functions G2, G4, G5 (formulas in {@link SymmetryFunctionSet}),
 * resolved by neighbour element: G2 per neighbour type t, G4/G5 per unordered neighbour type pair (t1 ≤ t2).
 * The sum over j &lt; k runs over distinct neighbour entries (periodic images included).
 *
 * <p>Layout per atom (T types, P = T(T+1)/2 pairs in order (0,0),(0,1)…(0,T−1),(1,1)…):
 * [G2: t-major, then parameter] [G4: pair-major, then parameter] [G5: same]. Names like
 * {@code G2[H](eta=0.01,rs=0)}, {@code G4[O,H](eta=0.01,zeta=2,lambda=-1)}.
 */
public final class BehlerParrinello implements AtomicDescriptor {
    private final SymmetryFunctionSet set;
    private final int ntypes;
    private final int npairs;
    private final int[][] pairIndex;
    private final int g4Off;
    private final int g5Off;
    private final int dim;
    private final List<String> names;
    private double[] d = new double[0];
    private double[] r = new double[0];
    private double[] fc = new double[0];
    private double[] dfc = new double[0];
    private int[] t = new int[0];
    private final AngularFast g4Fast;
    private final AngularFast g5Fast;

    public BehlerParrinello(SymmetryFunctionSet set, List<String> typeNames) {
        this.set = set;
        this.ntypes = typeNames.size();
        this.npairs = ntypes * (ntypes + 1) / 2;
        this.pairIndex = new int[ntypes][ntypes];
        int k = 0;
        for (int a = 0; a < ntypes; a++) {
            for (int b = a; b < ntypes; b++) {
                pairIndex[a][b] = k;
                pairIndex[b][a] = k++;
            }
        }
        this.g4Off = ntypes * set.g2().size();
        this.g5Off = g4Off + npairs * set.g4().size();
        this.dim = g5Off + npairs * set.g5().size();
        List<String> n = new ArrayList<>();
        for (int a = 0; a < ntypes; a++) {
            for (SymmetryFunctionSet.Radial p : set.g2()) {
                n.add("G2[" + typeNames.get(a) + "](eta=" + fmt(p.eta()) + ",rs=" + fmt(p.rs()) + ")");
            }
        }
        for (String g : new String[] {"G4", "G5"}) {
            List<SymmetryFunctionSet.Angular> ps = g.equals("G4") ? set.g4() : set.g5();
            for (int a = 0; a < ntypes; a++) {
                for (int b = a; b < ntypes; b++) {
                    for (SymmetryFunctionSet.Angular p : ps) {
                        n.add(g + "[" + typeNames.get(a) + "," + typeNames.get(b) + "](eta=" + fmt(p.eta()) + ",zeta="
                                + fmt(p.zeta()) + ",lambda=" + fmt(p.lambda()) + ")");
                    }
                }
            }
        }
        this.names = List.copyOf(n);
        this.g4Fast = new AngularFast(set.g4(), g4Off, true);
        this.g5Fast = new AngularFast(set.g5(), g5Off, false);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    public SymmetryFunctionSet parameters() { return set; }
    @Override public double rcut() { return set.rcut(); }
    @Override public int dim() { return dim; }
    @Override public List<String> featureNames() { return names; }

    @Override
    public void compute(int i, int[] types, NeighborList nl, double[] out, int outOff, double[] grad) {
        int m = nl.count(i), s = nl.start(i);
        double rc = set.rcut();
        CutoffFunction cf = set.cutoff();
        if (r.length < m) {
            int cap = Math.max(m, 2 * r.length);
            d = new double[3 * cap];
            r = new double[cap];
            fc = new double[cap];
            dfc = new double[cap];
            t = new int[cap];
        }
        Arrays.fill(out, outOff, outOff + dim, 0.0);
        if (grad != null) Arrays.fill(grad, 0, dim * m * 3, 0.0);
        for (int k = 0; k < m; k++) {
            int p = s + k;
            for (int b = 0; b < 3; b++) d[3 * k + b] = nl.vec(p, b);
            r[k] = nl.distance(p);
            fc[k] = cf.value(r[k], rc);
            dfc[k] = cf.derivative(r[k], rc);
            t[k] = types[nl.neighbor(p)];
        }
        radial(m, out, outOff, grad);
        if (grad == null) {
            if (!set.g4().isEmpty()) g4Fast.values(m, out, outOff);
            if (!set.g5().isEmpty()) g5Fast.values(m, out, outOff);
            return;
        }
        if (!set.g4().isEmpty()) angular(m, out, outOff, grad, set.g4(), g4Off, true);
        if (!set.g5().isEmpty()) angular(m, out, outOff, grad, set.g5(), g5Off, false);
    }

    /**
     * Value-only angular sums (no gradient), the same formula as {@link #angular} arranged for speed:
     * exp(−η(r_a² + r_b² + r_ab²)) = e_a·e_b·exp(−η r_ab²) with e_k = exp(−η r_k²) computed once per neighbour and
     * distinct η, (1 + λcosθ)^ζ by repeated multiplication for integer ζ, 2^{1−ζ} once per parameter.
     * Results equal {@link #angular}'s to round-off (a few ulps per term).
     */
    private final class AngularFast {
        private final boolean withJk;
        private final int off;
        private final int np;
        private final double[] etas;      // distinct η
        private final int[] etaOf;        // parameter → index into etas
        private final double[] lambda;
        private final double[] zeta;
        private final int[] zetaInt;      // ζ when a small integer, else −1
        private final double[] norm;
        private double[] ek = new double[0];
        private final double[] ev;

        AngularFast(List<SymmetryFunctionSet.Angular> ps, int off, boolean withJk) {
            this.withJk = withJk;
            this.off = off;
            this.np = ps.size();
            double[] distinct = ps.stream().mapToDouble(SymmetryFunctionSet.Angular::eta).distinct().toArray();
            this.etas = distinct;
            this.etaOf = new int[np];
            this.lambda = new double[np];
            this.zeta = new double[np];
            this.zetaInt = new int[np];
            this.norm = new double[np];
            for (int q = 0; q < np; q++) {
                SymmetryFunctionSet.Angular p = ps.get(q);
                for (int e = 0; e < distinct.length; e++) if (distinct[e] == p.eta()) etaOf[q] = e;
                lambda[q] = p.lambda();
                zeta[q] = p.zeta();
                zetaInt[q] = p.zeta() == Math.rint(p.zeta()) && p.zeta() <= 64 ? (int) p.zeta() : -1;
                norm[q] = Math.pow(2.0, 1.0 - p.zeta());
            }
            this.ev = new double[distinct.length];
        }

        void values(int m, double[] out, int outOff) {
            double rc = set.rcut();
            CutoffFunction cf = set.cutoff();
            int ne = etas.length;
            if (ek.length < m * ne) ek = new double[Math.max(m * ne, 2 * ek.length)];
            for (int k = 0; k < m; k++) {
                for (int e = 0; e < ne; e++) ek[k * ne + e] = Math.exp(-etas[e] * r[k] * r[k]);
            }
            for (int a = 0; a < m; a++) {
                if (r[a] >= rc) continue;
                double ax = d[3 * a], ay = d[3 * a + 1], az = d[3 * a + 2], ra = r[a];
                for (int b = a + 1; b < m; b++) {
                    if (r[b] >= rc) continue;
                    double bx = d[3 * b], by = d[3 * b + 1], bz = d[3 * b + 2];
                    double fcv = 1.0;
                    double rv2 = 0.0;
                    if (withJk) {
                        double vx = bx - ax, vy = by - ay, vz = bz - az;
                        rv2 = vx * vx + vy * vy + vz * vz;
                        double rv = Math.sqrt(rv2);
                        if (rv >= rc) continue;
                        fcv = cf.value(rv, rc);
                    }
                    double cos = (ax * bx + ay * by + az * bz) / (ra * r[b]);
                    double ff = fc[a] * fc[b] * fcv;
                    for (int e = 0; e < ne; e++) {
                        ev[e] = ek[a * ne + e] * ek[b * ne + e] * (withJk ? Math.exp(-etas[e] * rv2) : 1.0) * ff;
                    }
                    int base = outOff + off + pairIndex[t[a]][t[b]] * np;
                    for (int q = 0; q < np; q++) {
                        double x = 1.0 + lambda[q] * cos;
                        double pw;
                        int zi = zetaInt[q];
                        if (zi >= 0) {
                            pw = 1.0;
                            double sq = x;
                            for (int z = zi; z > 0; z >>= 1) {
                                if ((z & 1) != 0) pw *= sq;
                                sq *= sq;
                            }
                        } else {
                            pw = Math.pow(x, zeta[q]);
                        }
                        out[base + q] += norm[q] * pw * ev[etaOf[q]];
                    }
                }
            }
        }
    }

    private void radial(int m, double[] out, int outOff, double[] grad) {
        List<SymmetryFunctionSet.Radial> ps = set.g2();
        int np = ps.size();
        for (int k = 0; k < m; k++) {
            if (r[k] >= set.rcut()) continue;
            for (int q = 0; q < np; q++) {
                SymmetryFunctionSet.Radial p = ps.get(q);
                double x = r[k] - p.rs();
                double e = Math.exp(-p.eta() * x * x);
                int f = t[k] * np + q;
                out[outOff + f] += e * fc[k];
                if (grad != null) {
                    double dr = e * (-2.0 * p.eta() * x * fc[k] + dfc[k]) / r[k];
                    int g = (f * m + k) * 3;
                    grad[g] += dr * d[3 * k];
                    grad[g + 1] += dr * d[3 * k + 1];
                    grad[g + 2] += dr * d[3 * k + 2];
                }
            }
        }
    }

    private void angular(int m, double[] out, int outOff, double[] grad, List<SymmetryFunctionSet.Angular> ps, int off,
            boolean withJk) {
        double rc = set.rcut();
        CutoffFunction cf = set.cutoff();
        int np = ps.size();
        for (int a = 0; a < m; a++) {
            if (r[a] >= rc) continue;
            double ax = d[3 * a], ay = d[3 * a + 1], az = d[3 * a + 2], ra = r[a];
            for (int b = a + 1; b < m; b++) {
                if (r[b] >= rc) continue;
                double bx = d[3 * b], by = d[3 * b + 1], bz = d[3 * b + 2], rb = r[b];
                double vx = bx - ax, vy = by - ay, vz = bz - az;
                double rv2 = vx * vx + vy * vy + vz * vz;
                double rv = Math.sqrt(rv2);
                double fcv = 1.0, dfcv = 0.0;
                if (withJk) {
                    if (rv >= rc) continue;
                    fcv = cf.value(rv, rc);
                    dfcv = cf.derivative(rv, rc);
                }
                double cos = (ax * bx + ay * by + az * bz) / (ra * rb);
                double ff = fc[a] * fc[b] * fcv;
                double sq = ra * ra + rb * rb + (withJk ? rv2 : 0.0);
                int base = off + pairIndex[t[a]][t[b]] * np;
                // geometric derivatives shared by all parameters
                double iab = 1.0 / (ra * rb);
                double dcax = bx * iab - cos * ax / (ra * ra), dcay = by * iab - cos * ay / (ra * ra), dcaz = bz * iab - cos * az / (ra * ra);
                double dcbx = ax * iab - cos * bx / (rb * rb), dcby = ay * iab - cos * by / (rb * rb), dcbz = az * iab - cos * bz / (rb * rb);
                // ∂F/∂a, ∂F/∂b
                double fa = dfc[a] * fc[b] * fcv / ra, fv = withJk ? fc[a] * fc[b] * dfcv / rv : 0.0, fb = fc[a] * dfc[b] * fcv / rb;
                double dFax = fa * ax - fv * vx, dFay = fa * ay - fv * vy, dFaz = fa * az - fv * vz;
                double dFbx = fb * bx + fv * vx, dFby = fb * by + fv * vy, dFbz = fb * bz + fv * vz;
                // ∂(sq)/∂a, ∂(sq)/∂b
                double sax = 2 * ax - (withJk ? 2 * vx : 0), say = 2 * ay - (withJk ? 2 * vy : 0), saz = 2 * az - (withJk ? 2 * vz : 0);
                double sbx = 2 * bx + (withJk ? 2 * vx : 0), sby = 2 * by + (withJk ? 2 * vy : 0), sbz = 2 * bz + (withJk ? 2 * vz : 0);
                for (int q = 0; q < np; q++) {
                    SymmetryFunctionSet.Angular p = ps.get(q);
                    double base1 = 1.0 + p.lambda() * cos;
                    double norm = Math.pow(2.0, 1.0 - p.zeta());
                    double A = Math.pow(base1, p.zeta());
                    double E = Math.exp(-p.eta() * sq);
                    out[outOff + base + q] += norm * A * E * ff;
                    if (grad == null) continue;
                    double dA = p.zeta() * p.lambda() * Math.pow(base1, p.zeta() - 1.0);
                    double cA = norm * dA * E * ff;      // × ∂cos
                    double cE = -norm * A * E * p.eta() * ff; // × ∂sq
                    double cF = norm * A * E;            // × ∂F
                    int ga = ((base + q) * m + a) * 3, gb = ((base + q) * m + b) * 3;
                    grad[ga] += cA * dcax + cE * sax + cF * dFax;
                    grad[ga + 1] += cA * dcay + cE * say + cF * dFay;
                    grad[ga + 2] += cA * dcaz + cE * saz + cF * dFaz;
                    grad[gb] += cA * dcbx + cE * sbx + cF * dFbx;
                    grad[gb + 1] += cA * dcby + cE * sby + cF * dFby;
                    grad[gb + 2] += cA * dcbz + cE * sbz + cF * dFbz;
                }
            }
        }
    }
}
