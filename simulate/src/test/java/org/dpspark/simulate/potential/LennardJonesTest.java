package org.dpspark.simulate.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpspark.core.CellMath;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.junit.jupiter.api.Test;

/** Lennard-Jones against closed forms, finite differences, and its own half-list (ghost) path. */
class LennardJonesTest {
    private static final double EPS = LjSystems.EPS;
    private static final double SIG = LjSystems.SIGMA;
    private static final double RC = LjSystems.RC;

    /** Closed form φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶]. */
    private static double phi(double r) {
        double s6 = Math.pow(SIG / r, 6);
        return 4 * EPS * (s6 * s6 - s6);
    }

    /** Closed form −φ'(r) = (24ε/r)[2(σ/r)¹² − (σ/r)⁶] (positive = repulsive). */
    private static double minusDphi(double r) {
        double s6 = Math.pow(SIG / r, 6);
        return 24 * EPS / r * (2 * s6 * s6 - s6);
    }

    private static Structure dimer(double r) {
        // along a general direction, no cell
        double ux = 0.48, uy = -0.6, uz = 0.64;
        return Structure.of(new double[] {1, 2, 3, 1 + r * ux, 2 + r * uy, 3 + r * uz}, null, null,
                new int[2], new int[] {18});
    }

    @Test
    void dimerEnergyAndForceEqualClosedForm() {
        // double-precision evaluation of the same formula: 1e-12 relative
        for (boolean shift : new boolean[] {false, true}) {
            LennardJones lj = LjSystems.argon(shift);
            double offset = shift ? phi(RC) : 0.0;
            for (double r : new double[] {0.9 * SIG, Math.pow(2, 1.0 / 6) * SIG, 1.5 * SIG, 2.4 * SIG}) {
                Evaluation e = lj.evaluate(dimer(r));
                assertEquals(phi(r) - offset, e.energy, 1e-12 * Math.abs(phi(r)) + 1e-18, "energy at r=" + r);
                double[] f = e.forcesCopy();
                double fm = minusDphi(r);
                // rounding is relative to the size of the terms that cancel at the minimum, not to their sum
                double s6 = Math.pow(SIG / r, 6);
                double ftol = 1e-12 * 24 * EPS / r * (2 * s6 * s6 + s6);
                double[] u = {0.48, -0.6, 0.64};
                for (int b = 0; b < 3; b++) {
                    // repulsive fm > 0 pushes atom 1 along +u, atom 0 along −u
                    assertEquals(fm * u[b], f[3 + b], ftol);
                    assertEquals(-fm * u[b], f[b], ftol);
                }
                double[] ae = e.atomEnergyCopy();
                assertEquals(e.energy / 2, ae[0], 1e-15);
                assertEquals(e.energy / 2, ae[1], 1e-15);
                // virial of one pair: Ξ = r_01 ⊗ F_1 = fm·r·u⊗u
                double[] w = e.virialCopy();
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        assertEquals(fm * r * u[a] * u[b], w[3 * a + b], ftol * r);
                    }
                }
            }
            // at and beyond the cutoff nothing interacts
            Evaluation e = lj.evaluate(dimer(RC * 1.0000001));
            assertEquals(0.0, e.energy);
            assertEquals(0.0, e.forcesCopy()[0]);
        }
        // shifted energy is continuous at r_c: φ(r_c⁻) → 0
        assertEquals(0.0, LjSystems.argon(true).pairEnergy(0, 0, RC * (1 - 1e-12)), 1e-14);
    }

    @Test
    void fccLatticeEnergyEqualsShellSum() {
        // E/N = ½ Σ_{lattice vectors R ≠ 0, |R| < r_c} φ(|R|), the sum done here over integer triples
        // (i,j,k) with i+j+k even, R = (a/2)(i,j,k): an enumeration independent of the neighbour list
        for (double rho : new double[] {0.8442, 1.0}) {
            Structure s = LjSystems.fcc(4, rho);
            double a = s.cell(0, 0) / 4;
            double sum = 0;
            int m = (int) Math.ceil(2 * RC / a) + 1;
            for (int i = -m; i <= m; i++) {
                for (int j = -m; j <= m; j++) {
                    for (int k = -m; k <= m; k++) {
                        if ((i + j + k) % 2 != 0 || (i == 0 && j == 0 && k == 0)) {
                            continue;
                        }
                        double r = 0.5 * a * Math.sqrt(i * i + j * j + k * k);
                        if (r < RC) {
                            sum += phi(r);
                        }
                    }
                }
            }
            double perAtom = LjSystems.argon(false).evaluate(s).energy / s.natoms();
            // same terms, different summation order: 1e-12 relative
            assertEquals(0.5 * sum, perAtom, 1e-12 * Math.abs(sum));
        }
    }

    @Test
    void fccLatticeEnergyApproachesInfiniteLatticeSum() {
        // With r_c → ∞, E/N = 2ε[A12 (σ/d)¹² − A6 (σ/d)⁶], d the nearest-neighbour distance,
        // A12 = 12.13188, A6 = 14.45392 (Jones & Ingham 1925; Kittel). At r_c = 5σ the truncated tail
        // −(8/3)πρε σ³[(σ/r_c)³ − (σ/r_c)⁹/3] (continuum estimate, g(r) = 1 beyond r_c) is added back;
        // the remaining error is the discreteness of the shells around r_c, bounded here by 1e-3 of E/N
        // (the tail itself is ~1.5e-2 of E/N at r_c = 5σ) plus the 6-digit precision of A12, A6.
        double rho = 1.0;
        double rc = 5 * SIG;
        LennardJones lj = new LennardJones(EPS, SIG, rc, false);
        Structure s = LjSystems.fcc(6, rho); // box 6a = 9.5σ > 2 r_c
        double perAtom = lj.evaluate(s).energy / s.natoms();
        double d = s.cell(0, 0) / 6 / Math.sqrt(2);
        double sd6 = Math.pow(SIG / d, 6);
        double infinite = 2 * EPS * (12.13188 * sd6 * sd6 - 14.45392 * sd6);
        double number = rho / (SIG * SIG * SIG);
        double tail = -8.0 / 3 * Math.PI * number * EPS * Math.pow(SIG, 6) / Math.pow(rc, 3)
                * (1 - Math.pow(SIG / rc, 6) / 3);
        assertEquals(infinite, perAtom + tail, 1e-3 * Math.abs(infinite));
        assertTrue(Math.abs(tail) > 5e-3 * Math.abs(infinite), "tail matters at this cutoff");
    }

    @Test
    void forcesEqualFiniteDifferences() {
        // h = 1e-5 Å: truncation h²·|E'''|/6 ~ 1e-10·(1 eV/Å³) and rounding ~1e-16·|E|/h ~ 1e-11 eV/Å, so
        // 1e-7 eV/Å is ample (forces are ~0.01–1 eV/Å); the shifted potential avoids energy jumps at r_c
        LennardJones lj = LjSystems.argon(true);
        Structure s = LjSystems.disordered(2, 0.8442, 0.4, 11L);
        double[] f = lj.evaluate(s).forcesCopy();
        double[] fd = FiniteDifference.forces(lj, s, 1e-5);
        for (int k = 0; k < f.length; k++) {
            assertEquals(fd[k], f[k], 1e-7, "component " + k);
        }
    }

    @Test
    void virialEqualsStrainDerivative() {
        // Ξ_βα = −∂E/∂ε_αβ (r_α → r_α + ε r_β); step 1e-6: same error budget as the forces, 1e-7 eV
        LennardJones lj = LjSystems.argon(true);
        for (Structure s : new Structure[] {LjSystems.disordered(2, 0.8442, 0.4, 12L), smallTriclinic()}) {
            double[] w = lj.evaluate(s).virialCopy();
            double[] fd = FiniteDifference.strainDerivative(lj, s, 1e-6);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    assertEquals(fd[3 * a + b], w[3 * b + a], 1e-7, "virial " + a + b);
                }
            }
        }
    }

    @Test
    void halfListPathEqualsFullListPath() {
        // same pair terms summed in another order (and through ghosts): 1e-12 relative to the magnitudes
        for (Structure s : new Structure[] {LjSystems.disordered(3, 0.8442, 0.5, 13L), smallTriclinic()}) {
            for (boolean shift : new boolean[] {false, true}) {
                LennardJones lj = LjSystems.argon(shift);
                Evaluation full = lj.evaluate(s);
                // list with a skin, as in MD: pairs beyond r_c must be ignored by the kernel
                NeighborList nl = new NeighborListBuilder(RC + 1.0).build(s.positions(), s.cell(), s.pbc());
                HalfList hl = new HalfList();
                hl.rebuild(nl, s.cell());
                hl.refresh(s.positions());
                Evaluation half = new Evaluation();
                lj.computeHalf(hl, s.types(), Evaluation.ALL, half);
                double scaleE = Math.abs(full.energy) + EPS;
                assertEquals(full.energy, half.energy, 1e-12 * scaleE * s.natoms());
                double[] a = full.forcesCopy(), b = half.forcesCopy();
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], 1e-12);
                }
                for (int k = 0; k < 9; k++) {
                    assertEquals(full.virial[k], half.virial[k], 1e-11);
                }
                double[] pa = full.atomEnergyCopy(), pb = half.atomEnergyCopy();
                for (int i = 0; i < pa.length; i++) {
                    assertEquals(pa[i], pb[i], 1e-13);
                }
                // forces-only hot loop gives the same forces
                hl.refresh(s.positions());
                Evaluation fast = new Evaluation();
                lj.computeHalf(hl, s.types(), 0, fast);
                double[] c = fast.forcesCopy();
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], c[k], 1e-12);
                }
            }
        }
    }

    /** 3 atoms in a skewed cell narrower than r_c: self-images and multiple shifts. */
    private static Structure smallTriclinic() {
        double[] h = CellMath.fromLengthsAndAngles(4.2, 4.6, 5.0, 75, 80, 65);
        double[] frac = {0.1, 0.2, 0.3, 0.6, 0.5, 0.55, 0.35, 0.85, 0.9};
        return Structure.of(CellMath.fractionalToCartesian(frac, h), h, null, new int[3], new int[] {18});
    }
}
