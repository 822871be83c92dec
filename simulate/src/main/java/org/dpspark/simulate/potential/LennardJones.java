package org.dpspark.simulate.potential;

import org.dpspark.model.neighbor.NeighborList;

/**
 * Lennard-Jones 12-6 pair potential with a cutoff and optional energy shift (LAMMPS {@code lj/cut},
 * with {@code pair_modify shift yes} when shifted):
 * <pre>  φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶] − (shift ? φ_LJ(r_c) : 0)   for r &lt; r_c, 0 beyond.</pre>
 * Forces are not shifted (they jump at r_c as in LAMMPS). Parameters per species pair (symmetric
 * ntypes×ntypes tables); one cutoff for all pairs. ε in eV, σ and r_c in Å.
 */
public final class LennardJones implements HalfListPotential {
    private final int ntypes;
    private final double rc;
    private final boolean shift;
    private final double[] eps;
    private final double[] sig;
    // per species pair, LAMMPS naming: lj1 = 48εσ¹², lj2 = 24εσ⁶, lj3 = 4εσ¹², lj4 = 4εσ⁶
    private final double[] lj1;
    private final double[] lj2;
    private final double[] lj3;
    private final double[] lj4;
    private final double[] offset;

    /** One species (or the same parameters for every pair): ε eV, σ Å, r_c Å. */
    public LennardJones(double epsilon, double sigma, double cutoff, boolean shift) {
        this(1, new double[] {epsilon}, new double[] {sigma}, cutoff, shift);
    }

    /**
     * Per species pair.
     *
     * @param ntypes number of species
     * @param epsilon ntypes×ntypes symmetric, eV
     * @param sigma ntypes×ntypes symmetric, Å
     * @param cutoff r_c, Å
     * @param shift subtract φ(r_c) so the energy is continuous
     */
    public LennardJones(int ntypes, double[] epsilon, double[] sigma, double cutoff, boolean shift) {
        if (epsilon.length != ntypes * ntypes || sigma.length != ntypes * ntypes) {
            throw new IllegalArgumentException("epsilon and sigma must be ntypes×ntypes");
        }
        if (!(cutoff > 0)) {
            throw new IllegalArgumentException("cutoff must be positive: " + cutoff);
        }
        this.ntypes = ntypes;
        this.rc = cutoff;
        this.shift = shift;
        this.eps = epsilon.clone();
        this.sig = sigma.clone();
        int nn = ntypes * ntypes;
        lj1 = new double[nn];
        lj2 = new double[nn];
        lj3 = new double[nn];
        lj4 = new double[nn];
        offset = new double[nn];
        for (int a = 0; a < ntypes; a++) {
            for (int b = 0; b < ntypes; b++) {
                int k = a * ntypes + b;
                if (epsilon[k] != epsilon[b * ntypes + a] || sigma[k] != sigma[b * ntypes + a]) {
                    throw new IllegalArgumentException("parameters must be symmetric in the species pair");
                }
                double s6 = Math.pow(sigma[k], 6);
                lj1[k] = 48.0 * epsilon[k] * s6 * s6;
                lj2[k] = 24.0 * epsilon[k] * s6;
                lj3[k] = 4.0 * epsilon[k] * s6 * s6;
                lj4[k] = 4.0 * epsilon[k] * s6;
                double r6 = s6 / Math.pow(cutoff, 6);
                offset[k] = shift ? 4.0 * epsilon[k] * (r6 * r6 - r6) : 0.0;
            }
        }
    }

    @Override public String name() { return "lj/cut"; }

    @Override public double cutoff() { return rc; }

    public boolean shifted() { return shift; }

    /** ε of a species pair, eV. */
    public double epsilon(int a, int b) { return eps[a * ntypes + b]; }

    /** σ of a species pair, Å. */
    public double sigma(int a, int b) { return sig[a * ntypes + b]; }

    /** Pair energy φ(r) of species a, b at distance r (Å), eV, shift included. */
    public double pairEnergy(int a, int b, double r) {
        if (r >= rc) {
            return 0.0;
        }
        int k = a * ntypes + b;
        double r6 = 1.0 / (r * r * r * r * r * r);
        return r6 * (lj3[k] * r6 - lj4[k]) - offset[k];
    }

    /** Reference path on the full list: each directed entry contributes half of the pair. */
    @Override
    public void compute(double[] x, double[] h, int[] types, NeighborList nl, int flags, Evaluation out) {
        int n = nl.natoms();
        out.reset(n, flags);
        boolean wantE = (flags & (Evaluation.ENERGY | Evaluation.ATOM_ENERGY)) != 0;
        boolean wantV = (flags & Evaluation.VIRIAL) != 0;
        boolean wantA = (flags & Evaluation.ATOM_ENERGY) != 0;
        double rc2 = rc * rc;
        int[] idx = nl.indexArray();
        int[] sh = nl.shiftArray();
        double[] f = out.forces;
        double[] vir = out.virial;
        double energy = 0.0;
        for (int i = 0; i < n; i++) {
            double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            int ti = types[i] * ntypes;
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
                if (r2 >= rc2) {
                    continue;
                }
                int k = ti + types[j];
                double r2inv = 1.0 / r2;
                double r6inv = r2inv * r2inv * r2inv;
                // fpair = −φ'(r)/r; force on i from j is −fpair·r_ij, on j is +fpair·r_ij
                double fpair = r6inv * (lj1[k] * r6inv - lj2[k]) * r2inv;
                f[3 * i] -= fpair * dx;
                f[3 * i + 1] -= fpair * dy;
                f[3 * i + 2] -= fpair * dz;
                if (wantE) {
                    double e = 0.5 * (r6inv * (lj3[k] * r6inv - lj4[k]) - offset[k]);
                    energy += e;
                    if (wantA) {
                        out.atomEnergy[i] += e;
                    }
                }
                if (wantV) {
                    double hf = 0.5 * fpair;
                    vir[0] += hf * dx * dx; vir[1] += hf * dx * dy; vir[2] += hf * dx * dz;
                    vir[3] += hf * dy * dx; vir[4] += hf * dy * dy; vir[5] += hf * dy * dz;
                    vir[6] += hf * dz * dx; vir[7] += hf * dz * dy; vir[8] += hf * dz * dz;
                }
            }
        }
        out.energy = energy;
    }

    @Override
    public void computeHalf(HalfList hl, int[] types, int flags, Evaluation out) {
        int n = hl.natoms();
        out.reset(n, flags);
        if (ntypes == 1 && flags == 0) {
            forcesOneType(hl);
        } else {
            general(hl, types, flags, out);
        }
        hl.fold(out.forces);
    }

    /** The hot loop: one species, forces only. */
    private void forcesOneType(HalfList hl) {
        final int n = hl.natoms();
        final int[] off = hl.offsetArray();
        final int[] nb = hl.neighborArray();
        final double[] x = hl.extendedPositions();
        final double[] f = hl.extendedForces();
        final double cutsq = rc * rc;
        final double c1 = lj1[0], c2 = lj2[0];
        for (int i = 0; i < n; i++) {
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            double fxi = 0.0, fyi = 0.0, fzi = 0.0;
            final int end = off[i + 1];
            for (int p = off[i]; p < end; p++) {
                final int j3 = 3 * nb[p];
                final double dx = xi - x[j3], dy = yi - x[j3 + 1], dz = zi - x[j3 + 2];
                final double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < cutsq) {
                    final double r2inv = 1.0 / r2;
                    final double r6inv = r2inv * r2inv * r2inv;
                    final double fpair = r6inv * (c1 * r6inv - c2) * r2inv;
                    final double fx = dx * fpair, fy = dy * fpair, fz = dz * fpair;
                    fxi += fx;
                    fyi += fy;
                    fzi += fz;
                    f[j3] -= fx;
                    f[j3 + 1] -= fy;
                    f[j3 + 2] -= fz;
                }
            }
            f[3 * i] += fxi;
            f[3 * i + 1] += fyi;
            f[3 * i + 2] += fzi;
        }
    }

    private void general(HalfList hl, int[] types, int flags, Evaluation out) {
        final int n = hl.natoms();
        final int[] off = hl.offsetArray();
        final int[] nb = hl.neighborArray();
        final double[] x = hl.extendedPositions();
        final double[] f = hl.extendedForces();
        final double cutsq = rc * rc;
        boolean wantA = (flags & Evaluation.ATOM_ENERGY) != 0;
        double energy = 0.0;
        double v0 = 0, v1 = 0, v2 = 0, v4 = 0, v5 = 0, v8 = 0;
        for (int i = 0; i < n; i++) {
            final double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            final int ti = types[i] * ntypes;
            double fxi = 0.0, fyi = 0.0, fzi = 0.0;
            for (int p = off[i]; p < off[i + 1]; p++) {
                final int jext = nb[p];
                final int j3 = 3 * jext;
                final double dx = xi - x[j3], dy = yi - x[j3 + 1], dz = zi - x[j3 + 2];
                final double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= cutsq) {
                    continue;
                }
                final int j = hl.owner(jext);
                final int k = ti + types[j];
                final double r2inv = 1.0 / r2;
                final double r6inv = r2inv * r2inv * r2inv;
                final double fpair = r6inv * (lj1[k] * r6inv - lj2[k]) * r2inv;
                fxi += dx * fpair;
                fyi += dy * fpair;
                fzi += dz * fpair;
                f[j3] -= dx * fpair;
                f[j3 + 1] -= dy * fpair;
                f[j3 + 2] -= dz * fpair;
                final double e = r6inv * (lj3[k] * r6inv - lj4[k]) - offset[k];
                energy += e;
                if (wantA) {
                    out.atomEnergy[i] += 0.5 * e;
                    out.atomEnergy[j] += 0.5 * e;
                }
                v0 += dx * dx * fpair; v1 += dx * dy * fpair; v2 += dx * dz * fpair;
                v4 += dy * dy * fpair; v5 += dy * dz * fpair; v8 += dz * dz * fpair;
            }
            f[3 * i] += fxi;
            f[3 * i + 1] += fyi;
            f[3 * i + 2] += fzi;
        }
        out.energy = energy;
        double[] vir = out.virial;
        vir[0] = v0; vir[1] = v1; vir[2] = v2;
        vir[3] = v1; vir[4] = v4; vir[5] = v5;
        vir[6] = v2; vir[7] = v5; vir[8] = v8;
    }
}
