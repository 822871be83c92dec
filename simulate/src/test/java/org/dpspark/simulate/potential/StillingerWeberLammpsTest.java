package org.dpspark.simulate.potential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stillinger–Weber energies, forces, per-atom energies and virials against LAMMPS itself.
 *
 * <p>References: Debian bookworm {@code lammps} 20220106.git7586adbb6a+ds1-2+b2 ("LAMMPS 29 Sep 2021 - Update 2"),
 * {@code pair_style sw}, {@code pair_coeff * * /usr/share/lammps/potentials/Si.sw Si}, {@code run 0}, inputs
 * and dumps in {@code src/test/resources/lammps/sw} (see its README); configurations from {@link SwConfigs}.
 * Energies and virials below are LAMMPS' thermo output ({@code %.17g}).
 *
 * <p>Tolerances: both codes evaluate the same double-precision formulas, differing only in summation order and
 * in LAMMPS remapping perturbed atoms into the box (coordinate changes of ~1e-15 Å), so agreement to ~1e-12
 * relative is expected; we allow 1e-9 eV on energies of ~250 eV, 1e-9 eV/Å on forces of ~5 eV/Å and 1e-8 eV on
 * virials (LAMMPS reports them as pressure, converted back with its own nktv2p, so the conversion cancels).
 */
class StillingerWeberLammpsTest {
    private static final double E_TOL = 1e-9;
    private static final double F_TOL = 1e-9;
    private static final double V_TOL = 1e-8;

    private final StillingerWeber sw = StillingerWeber.silicon();

    @Test
    void perfectDiamondEnergyPerAtom() {
        Evaluation e = sw.evaluate(SwConfigs.perfect64());
        // LAMMPS: PotEng -277.54239968254507 for 64 atoms = -4.33660 eV/atom (the SW cohesive energy of Si)
        assertEquals(-277.54239968254507, e.energy, E_TOL);
        assertEquals(-4.3366, e.energy / 64, 5e-5); // the published value, given to 5 digits
        double[] f = e.forcesCopy();
        for (double fk : f) {
            assertEquals(0.0, fk, F_TOL, "perfect crystal: forces vanish by symmetry");
        }
        // LAMMPS virial (eV): diagonal −0.0225046011381903, off-diagonal ~1e-13
        double[] w = e.virialCopy();
        for (int a = 0; a < 3; a++) {
            assertEquals(-0.022504601138190302, w[4 * a], V_TOL);
        }
        assertEquals(0.0, w[1], V_TOL);
        assertEquals(0.0, w[2], V_TOL);
        assertEquals(0.0, w[5], V_TOL);
        compareDump(e, "perfect64.forces", 64);
    }

    @Test
    void perturbed64MatchesLammps() {
        Evaluation e = sw.evaluate(SwConfigs.perturbed64());
        assertEquals(-251.52811973352988, e.energy, E_TOL);
        assertVirial(e.virialCopy(), 23.141050487689473, 21.614872694480926, 23.486855340746597,
                -4.8475845706972445, -0.41058924349149023, -35.129496498075028);
        compareDump(e, "perturbed64.forces", 64);
    }

    @Test
    void smallTriclinicWithSelfImagesMatchesLammps() {
        Evaluation e = sw.evaluate(SwConfigs.smallTriclinic());
        assertEquals(-7.7982090581864663, e.energy, E_TOL);
        assertVirial(e.virialCopy(), 3.8502858015937647, 8.8598063448684279, -0.34245747237092011,
                -1.1453182603041152, -0.4535112736028083, -1.3140816818522074);
        compareDump(e, "triclinic2.forces", 2);
    }

    private static void assertVirial(double[] w, double xx, double yy, double zz, double xy, double xz, double yz) {
        assertEquals(xx, w[0], V_TOL, "xx");
        assertEquals(yy, w[4], V_TOL, "yy");
        assertEquals(zz, w[8], V_TOL, "zz");
        assertEquals(xy, w[1], V_TOL, "xy");
        assertEquals(xy, w[3], V_TOL, "yx");
        assertEquals(xz, w[2], V_TOL, "xz");
        assertEquals(xz, w[6], V_TOL, "zx");
        assertEquals(yz, w[5], V_TOL, "yz");
        assertEquals(yz, w[7], V_TOL, "zy");
    }

    /** Dump columns: id x y z fx fy fz c_pea, sorted by id (id = our index + 1). */
    private static void compareDump(Evaluation e, String name, int natoms) {
        List<double[]> rows = readDump(name);
        assertEquals(natoms, rows.size());
        double[] f = e.forcesCopy();
        double[] pe = e.atomEnergyCopy();
        double sum = 0;
        for (double[] r : rows) {
            int i = (int) r[0] - 1;
            for (int b = 0; b < 3; b++) {
                assertEquals(r[4 + b], f[3 * i + b], F_TOL, name + " force atom " + i + " axis " + b);
            }
            assertEquals(r[7], pe[i], E_TOL, name + " per-atom energy of atom " + i);
            sum += pe[i];
        }
        assertEquals(e.energy, sum, E_TOL, "per-atom energies sum to the energy");
    }

    static List<double[]> readDump(String name) {
        try (InputStream in = StillingerWeberLammpsTest.class.getResourceAsStream("/lammps/sw/" + name)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n");
            List<double[]> rows = new ArrayList<>();
            boolean atoms = false;
            for (String line : lines) {
                if (line.startsWith("ITEM: ATOMS")) {
                    atoms = true;
                    continue;
                }
                if (atoms && !line.isBlank()) {
                    String[] t = line.trim().split("\\s+");
                    double[] r = new double[t.length];
                    for (int k = 0; k < t.length; k++) {
                        r[k] = Double.parseDouble(t[k]);
                    }
                    rows.add(r);
                }
            }
            return rows;
        } catch (IOException | NullPointerException ex) {
            throw new IllegalStateException("cannot read LAMMPS dump " + name, ex);
        }
    }
}
