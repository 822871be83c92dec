package org.dpspark.ingest.cp2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpspark.core.Frame;
import org.dpspark.core.Units;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.text.Records;
import org.junit.jupiter.api.Test;

/**
 * Outputs of the Debian CP2K 2023.1 program ({@code cp2k.psmp}, run on this machine on 2026-12-06, inputs beside
 * them): an 8-atom silicon cell (PBE, DZVP-MOLOPT-SR-GTH, GTH-PBE, 300/40 Ry, analytical stress; atom 5 displaced
 * by 0.04 Å along x so that forces are not zero) and an H2O molecule in an 8 Å non-periodic box (MT Poisson solver).
 * Expected values are the numbers printed in the files, converted with the CODATA 2018 factors of {@link Units}.
 */
class Cp2k2023OutputTest {
    private final Cp2kOutputReader reader = new Cp2kOutputReader();

    private static Path res(String name) throws Exception {
        return Path.of(Cp2k2023OutputTest.class.getResource("/cp2k-2023.1/" + name).toURI());
    }

    private static final double F = Units.HARTREE_EV / Units.BOHR_ANGSTROM;

    /** The one frame of an output, read without rejects. */
    private Frame onlyFrame(String name) throws Exception {
        Records r = Records.read(reader, res(name));
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        return r.frames().get(0);
    }

    @Test
    void siliconCellWithStress() throws Exception {
        Path out = res("si8/cp2k.out");
        assertTrue(reader.recognizes(InputProbe.of(out)), "the 2023.1 banner is recognised");
        Records r = Records.read(reader, out);
        assertEquals(0, r.rejects().size(), r.describeRejects());
        assertEquals(1, r.frames().size());
        Frame f = r.frames().get(0);
        assertEquals(8, f.natoms());
        // ENERGY| Total FORCE_EVAL ( QS ) energy [a.u.]: -31.115793040373180 (15 decimals: round-off only)
        assertEquals(-31.115793040373180 * Units.HARTREE_EV, f.energy(), 1e-9);
        // ATOMIC FORCES in [a.u.], rows 1 and 5 (8 decimals printed; same factor, so round-off only)
        assertArrayEquals(new double[] {0.00368581 * F, 0.00256010 * F, 0.00256041 * F}, java.util.Arrays.copyOfRange(f.forces(), 0, 3), 1e-12);
        assertArrayEquals(new double[] {-0.00881363 * F, -0.00000045 * F, -0.00000158 * F}, java.util.Arrays.copyOfRange(f.forces(), 12, 15), 1e-12);
        // the forces of a periodic cell sum to zero (SUM OF ATOMIC FORCES 0.00000009 Ha/Bohr: printing round-off)
        double sx = 0;
        for (int i = 0; i < 8; i++) sx += f.forces()[3 * i];
        assertEquals(0.0, sx, 8 * 0.5e-8 * F + 1e-7 * F);
        assertArrayEquals(new double[] {1.40, 1.35775, 1.35775}, java.util.Arrays.copyOfRange(f.positions(), 12, 15), 1e-6);
        assertArrayEquals(new double[] {5.431, 0, 0, 0, 5.431, 0, 0, 0, 5.431}, f.cell(), 1e-9);
        // STRESS| Analytical stress tensor [GPa] (pressure sign) x V: virial = +sigma V
        double v = Math.pow(5.431, 3) * Units.GPA_EV_PER_A3;
        assertEquals(1.05006865516E+01 * v, f.virial()[0], 1e-9);
        assertEquals(-5.06339547850E-01 * v, f.virial()[5], 1e-9);
        assertEquals(f.virial()[5], f.virial()[7], 1e-12, "symmetric");
    }

    /**
     * The same cell at 200/30 Ry on a 3×3×3 Monkhorst–Pack grid (14 k-points) with Fermi–Dirac smearing at 1000 K,
     * diagonalised ({@code loop.labeler.cp2k.kpoints}, {@code smearing}; the input as the labeler generates it, run
     * 2026-12-07): the output adds the k-point list, the entropic energy and occupation lines. The printed total
     * energy is the Mermin free energy whose derivative the forces are: a central difference over ±0.005 Å of atom
     * 5's x gave −0.0113883 Ha/Bohr against the printed −0.01138866.
     */
    @Test
    void siliconCellWithKpointsAndSmearing() throws Exception {
        Frame f = onlyFrame("si8-kpoints/cp2k.out");
        assertEquals(-31.486903209914377 * Units.HARTREE_EV, f.energy(), 1e-9);
        assertArrayEquals(new double[] {-0.01138866 * F, -0.00000499 * F, -0.00000498 * F}, java.util.Arrays.copyOfRange(f.forces(), 12, 15), 1e-12);
        double v = Math.pow(5.431, 3) * Units.GPA_EV_PER_A3;
        assertEquals(1.76441907979E+00 * v, f.virial()[0], 1e-9);
        assertEquals(-4.24477287305E-01 * v, f.virial()[5], 1e-9);
    }

    @Test
    void waterMoleculeWithoutStress() throws Exception {
        Frame f = onlyFrame("h2o/cp2k.out");
        assertEquals(-17.219859140039226 * Units.HARTREE_EV, f.energy(), 1e-9);
        assertArrayEquals(new int[] {8, 1, 1}, f.atomicNumbers());
        assertArrayEquals(new double[] {0.00000003 * F, 0.00000008 * F, -0.00293163 * F, 0.00245328 * F, -0.00000010 * F,
            -0.00033848 * F, -0.00245331 * F, 0.00000002 * F, -0.00033853 * F}, f.forces(), 1e-12);
        // mirror symmetry x -> -x of the molecule: the H forces mirror each other to the SCF convergence (~1e-7 a.u.)
        assertEquals(-f.forces()[3], f.forces()[6], 1e-6 * F);
        assertNull(f.virial(), "no stress requested for a molecule");
    }
}
