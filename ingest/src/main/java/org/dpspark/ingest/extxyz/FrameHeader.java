package org.dpspark.ingest.extxyz;

import java.util.Map;

import org.dpspark.core.CellMath;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnsupportedUnitException;

/**
 * What one frame's comment line says, converted to dpspark units.
 *
 * <p>Keys (case-insensitive, exact case preferred):
 * <ul>
 *   <li>{@code Lattice}: 9 numbers, the three cell vectors one after the other (rows of the cell), Å</li>
 *   <li>{@code pbc}: {@code "T T T"}, {@code "F F F"}, or one flag for all; default T T T with a
 *       Lattice, F F F without. Periodic without a Lattice is an error.</li>
 *   <li>energy: the key named by the reader option {@code energy_key} if given; otherwise
 *       {@code energy} (any case, so {@code Energy} too), and only when there is none,
 *       {@code free_energy}. This is what ASE's {@code get_potential_energy()} and dpdata's
 *       extxyz reader return (dpdata's {@code ase/structure} path asks ASE for the force-consistent
 *       {@code free_energy} instead: set {@code energy_key=free_energy} to get that).</li>
 *   <li>{@code virial} or {@code virials}: 9 values (row-major 3×3) or 6 (Voigt xx yy zz yz xz xy),
 *       in the energy unit, taken as is (Ξ, eV)</li>
 *   <li>{@code stress} or {@code stresses} (used only when no virial is given): 9 or 6 values, ASE
 *       sign (positive when tensile), eV/Å³ by default; Ξ = −V·σ, which needs a Lattice</li>
 *   <li>{@code fparam}: frame parameters, any number of values</li>
 *   <li>{@code Properties}: the atom columns, see {@link PropertiesLayout}</li>
 *   <li>unit keys: see {@link ExtxyzUnits}</li>
 * </ul>
 * (9-value tensors are read row-major as dpdata does; ASE reads them column-major, which is the
 * same for the symmetric virial and stress.)
 *
 * @param layout atom columns
 * @param units  conversion factors into dpspark units
 * @param cell   shape: 3×3 rows are cell vectors, Å; null without a Lattice
 * @param pbc    shape: 3
 * @param energy eV, or null
 * @param virial shape: 3×3, eV, or null
 * @param fparam shape: nfparam, or null
 */
record FrameHeader(PropertiesLayout layout, ExtxyzUnits units, double[] cell, boolean[] pbc, Double energy,
                   double[] virial, double[] fparam) {

    /** A comment line that cannot describe a frame. */
    static final class Invalid extends Exception {
        final RejectReason reason;

        Invalid(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /** Resolves the layout of a Properties value (callers cache it). */
    interface Layouts {
        PropertiesLayout of(String properties);
    }

    /**
     * Reads a comment line.
     *
     * @param defaultUnits the factors for a line without unit keys (from the user's units alone)
     */
    static FrameHeader of(CommentLine c, Layouts layouts, Map<String, String> userUnits, ExtxyzUnits defaultUnits,
                          String energyKey) throws Invalid {
        PropertiesLayout layout;
        try {
            layout = layouts.of(c.get("Properties"));
        } catch (IllegalArgumentException e) {
            throw new Invalid(RejectReason.PARSE_ERROR, e.getMessage());
        }
        ExtxyzUnits units;
        try {
            units = c.hasUnitKeys() ? ExtxyzUnits.resolve(c, userUnits) : defaultUnits;
        } catch (UnsupportedUnitException e) {
            throw new Invalid(RejectReason.UNSUPPORTED_UNIT, e.getMessage());
        }
        try {
            double[] cell = null;
            String lattice = c.get("Lattice");
            if (lattice != null) {
                cell = scaled(CommentLine.numbers(c.keyFor("Lattice"), lattice), units.length());
                if (cell.length != 9) {
                    throw new Invalid(RejectReason.PARSE_ERROR, "Lattice has " + cell.length + " values, expected 9");
                }
            }
            boolean[] pbc = pbc(c, cell != null);
            if (cell == null && (pbc[0] || pbc[1] || pbc[2])) {
                throw new Invalid(RejectReason.SHAPE_MISMATCH, "pbc=\"" + c.get("pbc")
                        + "\" is periodic but the frame has no Lattice");
            }
            String eKey = energyKey != null ? energyKey : c.has("energy") ? "energy" : "free_energy";
            Double energy = null;
            String ev = c.get(eKey);
            if (ev != null) {
                double[] e = CommentLine.numbers(c.keyFor(eKey), ev);
                if (e.length != 1) {
                    throw new Invalid(RejectReason.PARSE_ERROR, c.keyFor(eKey) + " has " + e.length
                            + " values, expected 1");
                }
                energy = e[0] * units.energy();
            }
            double[] virial = virial(c, cell, units);
            String fp = c.get("fparam");
            double[] fparam = fp == null ? null : CommentLine.numbers(c.keyFor("fparam"), fp);
            return new FrameHeader(layout, units, cell, pbc, energy, virial, fparam);
        } catch (NumberFormatException e) {
            throw new Invalid(RejectReason.PARSE_ERROR, e.getMessage());
        }
    }

    private static boolean[] pbc(CommentLine c, boolean hasCell) throws Invalid {
        String p = c.get("pbc");
        if (p == null) {
            return new boolean[] {hasCell, hasCell, hasCell};
        }
        boolean[] f = CommentLine.flags(p);
        if (f == null || (f.length != 1 && f.length != 3)) {
            throw new Invalid(RejectReason.PARSE_ERROR, "pbc=\"" + p + "\" is not 3 (or 1) of T/F");
        }
        return f.length == 3 ? f : new boolean[] {f[0], f[0], f[0]};
    }

    private static double[] virial(CommentLine c, double[] cell, ExtxyzUnits units) throws Invalid {
        String key = c.has("virial") ? "virial" : c.has("virials") ? "virials" : null;
        if (key != null) {
            return scaled(tensor(c.keyFor(key), c.get(key)), units.virial());
        }
        key = c.has("stress") ? "stress" : c.has("stresses") ? "stresses" : null;
        if (key == null) {
            return null;
        }
        double[] sigma = scaled(tensor(c.keyFor(key), c.get(key)), units.stress());
        if (cell == null) {
            throw new Invalid(RejectReason.SHAPE_MISMATCH, c.keyFor(key)
                    + " needs the cell volume but the frame has no Lattice");
        }
        double volume = Math.abs(CellMath.determinant(cell));
        double[] xi = new double[9];
        for (int i = 0; i < 9; i++) {
            xi[i] = -volume * sigma[i];
        }
        return xi;
    }

    /** A 3×3 tensor from 9 row-major values or 6 Voigt values (xx yy zz yz xz xy). */
    private static double[] tensor(String key, String value) throws Invalid {
        double[] v = CommentLine.numbers(key, value);
        if (v.length == 9) {
            return v;
        }
        if (v.length == 6) {
            return new double[] {v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]};
        }
        throw new Invalid(RejectReason.PARSE_ERROR, key + " has " + v.length + " values, expected 9 or 6 (Voigt)");
    }

    private static double[] scaled(double[] v, double factor) {
        if (factor != 1.0) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
        }
        return v;
    }
}
