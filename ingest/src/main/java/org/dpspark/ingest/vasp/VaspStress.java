package org.dpspark.ingest.vasp;

import org.dpspark.core.CellMath;
import org.dpspark.core.Units;

/**
 * VASP's stress in kB to the virial in eV.
 *
 * <p>VASP prints the "in kB" line of OUTCAR and the {@code stress} varray of vasprun.xml with the same
 * sign as the "FORCE on cell =-STRESS" Total line, i.e. positive when the cell wants to expand
 * (pressure sign). That Total line already is the virial in eV, so virial = +σ_kB · V (Å³) ·
 * {@link Units#KBAR_EV_PER_A3}. This is dpdata's conversion (virial = stress · V / 1602.18) and
 * reproduces the Total line to its 5 printed decimals; the "in kB" value is used rather than Total
 * because dpdata's reference conversions use it (they agree to 1e-6 then, Total only to ~5e-6 eV).
 */
final class VaspStress {
    private VaspStress() {}

    /**
     * Virial from the six OUTCAR values (order XX YY ZZ XY YZ ZX, kB) for a cell (3×3 rows, Å).
     * Shape of the result: 3×3 row-major, eV, symmetric.
     */
    static double[] virialFromKbarVoigt(double[] kb, double[] cell) {
        double f = Math.abs(CellMath.determinant(cell)) * Units.KBAR_EV_PER_A3;
        double xx = kb[0] * f;
        double yy = kb[1] * f;
        double zz = kb[2] * f;
        double xy = kb[3] * f;
        double yz = kb[4] * f;
        double zx = kb[5] * f;
        return new double[] {xx, xy, zx, xy, yy, yz, zx, yz, zz};
    }

    /** Virial from a full 3×3 stress (kB, row-major, as vasprun.xml stores it): shape 3×3, eV. */
    static double[] virialFromKbarMatrix(double[] kb, double[] cell) {
        double f = Math.abs(CellMath.determinant(cell)) * Units.KBAR_EV_PER_A3;
        double[] v = new double[9];
        for (int i = 0; i < 9; i++) {
            v[i] = kb[i] * f;
        }
        return v;
    }
}
