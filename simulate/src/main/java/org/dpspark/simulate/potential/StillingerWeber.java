package org.dpspark.simulate.potential;

import org.dpspark.model.neighbor.NeighborList;

/**
 * Stillinger–Weber potential for one element, the functional form and arithmetic of LAMMPS
 * {@code pair_style sw} ({@code src/MANYBODY/pair_sw.cpp}: {@code twobody}, {@code threebody}), see
 * {@link SwParams}. All atoms are treated as the same species (types are ignored).
 *
 * <p>On the full list: each directed entry i→j with r &lt; aσ gives half the two-body term; for each centre i
 * every unordered pair {j, k} of its short neighbours gives one three-body term, force on j, k and the
 * reaction on i, virial r_ij⊗F_j + r_ik⊗F_k, per-atom energy split in thirds (as LAMMPS' ev_tally3).
 * Scratch for the short list is per thread and reused. {@link StrictMath} for exp/pow so that results are
 * bitwise the same on every JVM and CPU (reproducible trajectories).
 */
public final class StillingerWeber implements Potential {
    private final SwParams prm;
    private final double cut;
    private final double cutsq;
    private final double sigmaGamma;
    private final double lambdaEps;
    private final double lambdaEps2;
    private final double c1, c2, c3, c4, c5, c6;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        int[] j = new int[64];
        double[] d = new double[4 * 64];
        final double[] fj = new double[3];
        final double[] fk = new double[3];

        void ensure(int m) {
            if (j.length < m) {
                j = new int[2 * m];
                d = new double[8 * m];
            }
        }
    }

    public StillingerWeber(SwParams p) {
        this.prm = p;
        this.cut = p.a() * p.sigma();
        this.cutsq = cut * cut;
        this.sigmaGamma = p.sigma() * p.gamma();
        this.lambdaEps = p.lambda() * p.epsilon();
        this.lambdaEps2 = 2.0 * p.lambda() * p.epsilon();
        double ae = p.bigA() * p.epsilon();
        c1 = ae * p.p() * p.bigB() * Math.pow(p.sigma(), p.p());
        c2 = ae * p.q() * Math.pow(p.sigma(), p.q());
        c3 = ae * p.bigB() * Math.pow(p.sigma(), p.p() + 1.0);
        c4 = ae * Math.pow(p.sigma(), p.q() + 1.0);
        c5 = ae * p.bigB() * Math.pow(p.sigma(), p.p());
        c6 = ae * Math.pow(p.sigma(), p.q());
    }

    /** LAMMPS Si.sw silicon. */
    public static StillingerWeber silicon() {
        return new StillingerWeber(SwParams.siliconLammps());
    }

    public SwParams params() { return prm; }

    @Override public String name() { return "sw"; }

    @Override public double cutoff() { return cut; }

    @Override
    public void compute(double[] x, double[] h, int[] types, NeighborList nl, int flags, Evaluation out) {
        int n = nl.natoms();
        out.reset(n, flags);
        boolean wantV = (flags & Evaluation.VIRIAL) != 0;
        boolean wantA = (flags & Evaluation.ATOM_ENERGY) != 0;
        int[] idx = nl.indexArray();
        int[] sh = nl.shiftArray();
        double[] f = out.forces;
        double[] vir = out.virial;
        double[] ae = out.atomEnergy;
        Scratch s = scratch.get();
        s.ensure(nl.maxCount());
        double energy = 0.0;
        double[] fj = s.fj;
        double[] fk = s.fk;
        for (int i = 0; i < n; i++) {
            double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            int m = 0;
            for (int p = nl.start(i); p < nl.end(i); p++) {
                int j = idx[p];
                double dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
                int s0 = sh[3 * p], s1 = sh[3 * p + 1], s2 = sh[3 * p + 2];
                if ((s0 | s1 | s2) != 0) {
                    dx += s0 * h[0] + s1 * h[3] + s2 * h[6];
                    dy += s0 * h[1] + s1 * h[4] + s2 * h[7];
                    dz += s0 * h[2] + s1 * h[5] + s2 * h[8];
                }
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= cutsq) {
                    continue;
                }
                s.j[m] = j;
                s.d[4 * m] = dx;
                s.d[4 * m + 1] = dy;
                s.d[4 * m + 2] = dz;
                s.d[4 * m + 3] = r2;
                m++;
                // two-body, half of the pair from this side: fforce = −φ₂'(r)/r
                double r = Math.sqrt(r2);
                double rp = inversePower(r, prm.p());
                double rq = inversePower(r, prm.q());
                double rainv = 1.0 / (r - cut);
                double rainvsq = rainv * rainv * r;
                double expsrainv = StrictMath.exp(prm.sigma() * rainv);
                double fforce = (c1 * rp - c2 * rq + (c3 * rp - c4 * rq) * rainvsq) * expsrainv / r2;
                double e = 0.5 * (c5 * rp - c6 * rq) * expsrainv;
                energy += e;
                if (wantA) {
                    ae[i] += e;
                }
                f[3 * i] -= fforce * dx;
                f[3 * i + 1] -= fforce * dy;
                f[3 * i + 2] -= fforce * dz;
                if (wantV) {
                    double hf = 0.5 * fforce;
                    vir[0] += hf * dx * dx; vir[1] += hf * dx * dy; vir[2] += hf * dx * dz;
                    vir[3] += hf * dy * dx; vir[4] += hf * dy * dy; vir[5] += hf * dy * dz;
                    vir[6] += hf * dz * dx; vir[7] += hf * dz * dy; vir[8] += hf * dz * dz;
                }
            }
            for (int a = 0; a < m - 1; a++) {
                int j = s.j[a];
                for (int b = a + 1; b < m; b++) {
                    int k = s.j[b];
                    double e = threebody(s.d, 4 * a, 4 * b, fj, fk);
                    energy += e;
                    if (wantA) {
                        double third = e / 3.0;
                        ae[i] += third;
                        ae[j] += third;
                        ae[k] += third;
                    }
                    for (int c = 0; c < 3; c++) {
                        f[3 * i + c] -= fj[c] + fk[c];
                        f[3 * j + c] += fj[c];
                        f[3 * k + c] += fk[c];
                    }
                    if (wantV) {
                        for (int al = 0; al < 3; al++) {
                            double r1 = s.d[4 * a + al], r2 = s.d[4 * b + al];
                            for (int be = 0; be < 3; be++) {
                                vir[3 * al + be] += r1 * fj[be] + r2 * fk[be];
                            }
                        }
                    }
                }
            }
        }
        out.energy = energy;
    }

    /**
     * r^(−e): by repeated multiplication for integer exponents 0..32 (SW's p = 4, q = 0), which is exact to an
     * ulp or two and allocates nothing (JDK 17's StrictMath.pow allocates per call), else StrictMath.pow.
     */
    static double inversePower(double r, double e) {
        if (e == Math.rint(e) && e >= 0 && e <= 32) {
            double inv = 1.0 / r;
            double out = 1.0;
            for (int k = 0; k < (int) e; k++) {
                out *= inv;
            }
            return out;
        }
        return StrictMath.pow(r, -e);
    }

    /** LAMMPS PairSW::threebody with r_ij at d[o1..], r_ik at d[o2..] (x, y, z, r²); returns the energy. */
    private double threebody(double[] d, int o1, int o2, double[] fj, double[] fk) {
        double rsq1 = d[o1 + 3], rsq2 = d[o2 + 3];
        double r1 = Math.sqrt(rsq1);
        double rinvsq1 = 1.0 / rsq1;
        double rainv1 = 1.0 / (r1 - cut);
        double gsrainv1 = sigmaGamma * rainv1;
        double gsrainvsq1 = gsrainv1 * rainv1 / r1;
        double expgsrainv1 = StrictMath.exp(gsrainv1);

        double r2 = Math.sqrt(rsq2);
        double rinvsq2 = 1.0 / rsq2;
        double rainv2 = 1.0 / (r2 - cut);
        double gsrainv2 = sigmaGamma * rainv2;
        double gsrainvsq2 = gsrainv2 * rainv2 / r2;
        double expgsrainv2 = StrictMath.exp(gsrainv2);

        double rinv12 = 1.0 / (r1 * r2);
        double cs = (d[o1] * d[o2] + d[o1 + 1] * d[o2 + 1] + d[o1 + 2] * d[o2 + 2]) * rinv12;
        double delcs = cs - prm.costheta0();
        double delcssq = delcs * delcs;

        double facexp = expgsrainv1 * expgsrainv2;
        double facrad = lambdaEps * facexp * delcssq;
        double frad1 = facrad * gsrainvsq1;
        double frad2 = facrad * gsrainvsq2;
        double facang = lambdaEps2 * facexp * delcs;
        double facang12 = rinv12 * facang;
        double csfacang = cs * facang;
        double csfac1 = rinvsq1 * csfacang;
        double csfac2 = rinvsq2 * csfacang;
        for (int c = 0; c < 3; c++) {
            fj[c] = d[o1 + c] * (frad1 + csfac1) - d[o2 + c] * facang12;
            fk[c] = d[o2 + c] * (frad2 + csfac2) - d[o1 + c] * facang12;
        }
        return facrad;
    }
}
