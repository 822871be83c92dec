package org.dpspark.ingest.extxyz;

import static org.dpspark.ingest.extxyz.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;

/**
 * One test per hand-written edge case in shared/data/extxyz/synthetic_edgecases, asserting the
 * converted values. Expected numbers are the file's values times constants of {@link Units}.
 */
class ExtxyzEdgeCasesTest {
    /** The reader and the test do the same multiplications: equal up to rounding. */
    private static final double ROUNDING = 1e-14;
    private static final double HA = Units.HARTREE_EV;
    private static final double HA_PER_BOHR = Units.HARTREE_EV / Units.BOHR_ANGSTROM;
    private static final double[] CUBE5 = {5, 0, 0, 0, 5, 0, 0, 0, 5};
    private static final double[] CUBE3 = {3, 0, 0, 0, 3, 0, 0, 0, 3};
    private static final boolean[] PERIODIC = {true, true, true};
    private static final boolean[] OPEN = {false, false, false};
    /** The H H O files: forces column after Z, first two atoms ±0.1 eV/Å along x. */
    private static final double[] HHO_FORCES = {0.1, 0, 0, -0.1, 0, 0, 0, 0, 0};
    private static final double[] HHO_POSITIONS = {0, 0, 0, 1, 0, 0, 2, 0, 0};

    private static Frame read(String name) throws IOException {
        return Records.read(file(name)).single();
    }

    private static Path file(String name) {
        return SharedData.path("extxyz/synthetic_edgecases/" + name);
    }

    private static double[] diag(double a, double b, double c) {
        return new double[] {a, 0, 0, 0, b, 0, 0, 0, c};
    }

    private static double[] times(double[] v, double f) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }

    /** The Si2 files: forces (fx, fy, fz) and its negative. */
    private static double[] si2Forces(double fx, double fy, double fz) {
        return new double[] {fx, fy, fz, -fx, -fy, -fz};
    }

    private static void assertHho(Frame f) {
        assertArrayEquals(new String[] {"H", "H", "O"}, f.typeLabels());
        assertArrayEquals(new int[] {1, 1, 8}, f.atomicNumbers());
        assertArrayEquals(HHO_POSITIONS, f.positions());
        assertArrayEquals(HHO_FORCES, f.forces());
        assertEquals(-1.5, f.energy());
    }

    @Test
    void energyAu() throws IOException {
        // energy=-0.5 energy-unit=au force-unit=a.u.: Hartree and Hartree/Bohr
        Frame f = read("energy_au.xyz");
        assertClose(-0.5 * HA, f.energy(), ROUNDING, "energy");
        assertClose(times(si2Forces(0.01, 0.02, 0.03), HA_PER_BOHR), f.forces(), ROUNDING, "forces");
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1}, f.positions(), "no length unit: Å");
        assertArrayEquals(CUBE5, f.cell());
        assertArrayEquals(PERIODIC, f.pbc());
        assertArrayEquals(new int[] {14, 14}, f.atomicNumbers());
        assertNull(f.virial());
    }

    @Test
    void energyHartree() throws IOException {
        Frame f = read("energy_hartree.xyz");
        assertClose(-0.5 * HA, f.energy(), ROUNDING, "energy");
        assertClose(times(si2Forces(0.01, 0.02, 0.03), HA_PER_BOHR), f.forces(), ROUNDING, "forces");
        assertArrayEquals(read("energy_au.xyz").forces(), f.forces(), "au and hartree/bohr agree");
    }

    @Test
    void energyKcalMol() throws IOException {
        Frame f = read("energy_kcal_mol.xyz");
        assertClose(-10.0 * Units.KCAL_PER_MOL_EV, f.energy(), ROUNDING, "energy");
        assertClose(times(si2Forces(1, 2, 3), Units.KCAL_PER_MOL_EV), f.forces(), ROUNDING,
                "force-unit=kcal/mol/angstrom");
    }

    @Test
    void energyKeyVariants() throws IOException {
        // Energy=-1.5 (capital E); Properties has a Z column between pos and force
        assertHho(read("energy_key_variants.xyz"));
    }

    @Test
    void forcesKey() throws IOException {
        // plural forces:R:3 column (ASE's name) instead of dpdata's force
        Frame f = read("forces_key.xyz");
        assertHho(f);
        assertArrayEquals(CUBE3, f.cell());
        assertArrayEquals(PERIODIC, f.pbc());
    }

    @Test
    void nopbc() throws IOException {
        // no Lattice, no pbc: a molecule
        Frame f = read("nopbc.xyz");
        assertHho(f);
        assertNull(f.cell());
        assertArrayEquals(OPEN, f.pbc());
    }

    @Test
    void pbcFalse() throws IOException {
        // Lattice given but pbc="F F F": the cell is kept, not periodic (as ASE)
        Frame f = read("pbc_false.xyz");
        assertHho(f);
        assertArrayEquals(CUBE3, f.cell());
        assertArrayEquals(OPEN, f.pbc());
    }

    @Test
    void stressAuBohr3() throws IOException {
        // stress 0.001 Ha/Bohr^3 on the diagonal, V = 125 Å^3: virial = -V·σ
        Frame f = read("stress_au_bohr3.xyz");
        double sigma = 0.001 * HA / Math.pow(Units.BOHR_ANGSTROM, 3);
        assertClose(diag(-125 * sigma, -125 * sigma, -125 * sigma), f.virial(), ROUNDING, "virial");
        assertEquals(-3.0, f.energy());
        assertArrayEquals(si2Forces(0.1, 0.2, 0.3), f.forces());
    }

    @Test
    void stressGpa() throws IOException {
        Frame f = read("stress_gpa.xyz");
        double xi = -125 * Units.GPA_EV_PER_A3;
        assertClose(diag(xi, xi, xi), f.virial(), ROUNDING, "virial of 1 GPa tension");
    }

    @Test
    void stressKbar() throws IOException {
        // 10 kbar = 1 GPa: the same virial as stress_gpa.xyz
        Frame f = read("stress_kbar.xyz");
        double xi = -125 * 10 * Units.KBAR_EV_PER_A3;
        assertClose(diag(xi, xi, xi), f.virial(), ROUNDING, "virial");
        assertClose(read("stress_gpa.xyz").virial(), f.virial(), ROUNDING, "kbar vs GPa");
    }

    @Test
    void stressOnly() throws IOException {
        // stress in eV/Å^3 (no unit key, ASE sign), V = 27 Å^3
        Frame f = read("stress_only.xyz");
        assertHho(f);
        assertClose(diag(-0.27, -0.54, -0.81), f.virial(), ROUNDING, "virial = -V·σ");
    }

    @Test
    void stressVoigt() throws IOException {
        // 6 values, Voigt order xx yy zz yz xz xy
        Frame f = read("stress_voigt.xyz");
        double[] sigma = {0.01, 0.006, 0.005, 0.006, 0.02, 0.004, 0.005, 0.004, 0.03};
        assertClose(times(sigma, -27), f.virial(), ROUNDING, "virial");
    }

    @Test
    void stressesKey() throws IOException {
        // plural key, same numbers as stress_only.xyz
        Frame f = read("stresses_key.xyz");
        assertClose(diag(-0.27, -0.54, -0.81), f.virial(), ROUNDING, "virial");
        assertArrayEquals(read("stress_only.xyz").virial(), f.virial());
    }

    @Test
    void unknownProps() throws IOException {
        // magmom:R:1 sits between Z and force: skipped by its width, forces are still ±0.1
        Frame f = read("unknown_props.xyz");
        assertHho(f);
    }

    @Test
    void unsupportedUnit() throws IOException {
        Path p = file("unsupported_unit.xyz");
        Records r = Records.read(p);
        assertEquals(List.of(), r.frames());
        assertEquals(1, r.rejects().size());
        Reject j = r.rejects().get(0);
        assertEquals(RejectReason.UNSUPPORTED_UNIT, j.reason());
        assertTrue(j.message().contains("'nonsense'") && j.message().contains("energy"), j.message());
        assertEquals(p.toString(), j.sourceFile());
        assertEquals(0, j.sourceIndex());
        assertEquals(2, j.line(), "the comment line");
        assertEquals("extxyz", j.format());
        assertTrue(j.describe().contains("unsupported_unit.xyz frame 0"), j.describe());
    }

    @Test
    void virialHartree() throws IOException {
        // virial="1 0 0 0 1 0 0 0 1" with energy-unit=hartree: the virial is an energy, in Hartree
        Frame f = read("virial_hartree.xyz");
        assertClose(diag(HA, HA, HA), f.virial(), ROUNDING, "virial");
        assertClose(-1.0 * HA, f.energy(), ROUNDING, "energy");
        assertClose(times(si2Forces(0.01, 0.02, 0.03), HA_PER_BOHR), f.forces(), ROUNDING, "forces");
    }

    @Test
    void virialsKey() throws IOException {
        // plural key, taken as is: the opposite sign of stress_only.xyz's stress
        Frame f = read("virials_key.xyz");
        assertHho(f);
        assertArrayEquals(diag(0.27, 0.54, 0.81), f.virial());
    }

    @Test
    void fileUnitContradictingTheUserIsRejected() throws IOException {
        ReadOptions kcal = new ReadOptions("t", List.of(), Map.of("energy", "kcal/mol"), Map.of());
        Records r = Records.read(file("energy_hartree.xyz"), kcal);
        assertEquals(RejectReason.UNSUPPORTED_UNIT, r.rejects().get(0).reason());
        assertTrue(r.rejects().get(0).message().contains("hartree"), r.rejects().get(0).message());
        // agreeing statements are fine
        ReadOptions ha = new ReadOptions("t", List.of(), Map.of("energy", "Ha"), Map.of());
        assertEquals(read("energy_hartree.xyz").energy(), Records.read(file("energy_hartree.xyz"), ha).single().energy());
    }
}
