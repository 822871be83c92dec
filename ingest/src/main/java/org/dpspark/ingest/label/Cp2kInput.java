package org.dpspark.ingest.label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;

/**
 * The CP2K input of one structure ({@code RUN_TYPE ENERGY_FORCE}, Quickstep GPW): from {@link Cp2kSettings}, or from
 * the settings' full template with the placeholders {@code {{cell}}} ({@code A/B/C} lines, Å), {@code {{periodic}}}
 * ({@code XYZ} or {@code NONE}), {@code {{positions}}} ({@code El x y z} lines, Å), {@code {{kinds}}} (one
 * {@code &KIND} per element with its basis and pseudopotential), {@code {{charge}}}, {@code {{multiplicity}}}.
 *
 * <p>Periodic frames keep their cell and positions; forces are printed and, when {@code stress} is set, the
 * analytical stress tensor. A molecule (no cell, or no periodic direction) is placed in a cubic box with
 * {@code vacuum} Å on each side of its bounding box, translated by {@link Written#shift()} so that it sits in the
 * box's middle, with the Martyna–Tuckerman Poisson solver ({@code PERIODIC NONE}); no stress. Numbers are written
 * with {@link Double#toString(double)} (exact round trip).
 */
public final class Cp2kInput {
    private Cp2kInput() {}

    /** The placeholders of a template. */
    static final List<String> PLACEHOLDERS = List.of("cell", "periodic", "positions", "kinds", "charge", "multiplicity");

    /** The project name: CP2K's own files in the folder start with it. */
    public static final String PROJECT = "dpspark";

    /**
     * The input text and the translation applied to the positions.
     *
     * @param text the input file
     * @param shift Å added to every position (molecules; zeros for periodic frames), shape 3
     * @param periodic whether the calculation is periodic
     */
    public record Written(String text, double[] shift, boolean periodic) {}

    /** Whether a frame is a periodic cell (a cell and at least one periodic direction). */
    public static boolean periodic(Frame f) {
        boolean[] pbc = f.pbc();
        return f.cell() != null && (pbc[0] || pbc[1] || pbc[2]);
    }

    public static Written write(Frame f, Cp2kSettings s) {
        boolean periodic = periodic(f);
        if (periodic && !(f.pbc()[0] && f.pbc()[1] && f.pbc()[2])) {
            throw new IllegalArgumentException("cp2k labeler: partly periodic cells (pbc " + java.util.Arrays.toString(f.pbc())
                    + ") are not supported; use a template");
        }
        int n = f.natoms();
        double[] pos = f.positions();
        double[] cell;
        double[] shift = new double[3];
        if (periodic) {
            cell = f.cell();
        } else {
            double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    lo[c] = Math.min(lo[c], pos[3 * i + c]);
                    hi[c] = Math.max(hi[c], pos[3 * i + c]);
                }
            }
            double edge = 0;
            for (int c = 0; c < 3; c++) edge = Math.max(edge, hi[c] - lo[c]);
            edge += 2 * s.vacuum();
            cell = new double[] {edge, 0, 0, 0, edge, 0, 0, 0, edge};
            for (int c = 0; c < 3; c++) shift[c] = edge / 2 - (lo[c] + hi[c]) / 2;
        }
        StringBuilder cellBlock = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            cellBlock.append("      ").append("ABC".charAt(r)).append(' ').append(xyz(cell, 3 * r, null)).append('\n');
        }
        StringBuilder atoms = new StringBuilder();
        List<Integer> species = new ArrayList<>();
        int[] z = f.atomicNumbers();
        for (int i = 0; i < n; i++) {
            atoms.append(Elements.symbol(z[i])).append(' ').append(xyz(pos, 3 * i, shift)).append('\n');
            if (!species.contains(z[i])) species.add(z[i]);
        }
        StringBuilder kinds = new StringBuilder();
        for (int el : species) {
            String sym = Elements.symbol(el);
            kinds.append("    &KIND ").append(sym).append("\n      ELEMENT ").append(sym).append("\n      BASIS_SET ")
                    .append(s.basisOf(el)).append("\n      POTENTIAL ").append(s.potentialOf(el)).append("\n    &END KIND\n");
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("cell", cellBlock.toString().stripTrailing());
        v.put("periodic", periodic ? "XYZ" : "NONE");
        v.put("positions", atoms.toString().stripTrailing());
        v.put("kinds", kinds.toString().stripTrailing());
        v.put("charge", Integer.toString(s.charge()));
        v.put("multiplicity", Integer.toString(s.multiplicity()));
        String text = QmInput.fill(s.template().isEmpty() ? generated(s, periodic) : s.template(), v);
        return new Written(text, shift, periodic);
    }

    /** The built-in template of the settings (placeholders filled by {@link #write}). */
    static String generated(Cp2kSettings s, boolean periodic) {
        boolean stress = periodic && s.stress();
        StringBuilder b = new StringBuilder();
        b.append("&GLOBAL\n  PROJECT ").append(PROJECT).append("\n  RUN_TYPE ENERGY_FORCE\n  PRINT_LEVEL MEDIUM\n&END GLOBAL\n");
        b.append("&FORCE_EVAL\n  METHOD QUICKSTEP\n");
        if (stress) b.append("  STRESS_TENSOR ANALYTICAL\n");
        b.append("  &DFT\n    BASIS_SET_FILE_NAME ").append(s.basisFile()).append("\n    POTENTIAL_FILE_NAME ")
                .append(s.potentialFile()).append("\n    CHARGE {{charge}}\n    MULTIPLICITY {{multiplicity}}\n");
        if (s.multiplicity() > 1) b.append("    UKS\n");
        if (!periodic) b.append("    &POISSON\n      PERIODIC NONE\n      PSOLVER MT\n    &END POISSON\n");
        if (periodic && !s.kpoints().isEmpty()) {
            b.append(String.format(Locale.ROOT, "    &KPOINTS\n      SCHEME MONKHORST-PACK %d %d %d\n    &END KPOINTS\n",
                    s.kpoints().get(0), s.kpoints().get(1), s.kpoints().get(2)));
        }
        b.append(String.format(Locale.ROOT, "    &MGRID\n      CUTOFF %s\n      REL_CUTOFF %s\n    &END MGRID\n",
                num(s.cutoff()), num(s.relCutoff())));
        b.append("    &QS\n      EPS_DEFAULT 1.0E-10\n    &END QS\n");
        b.append(String.format(Locale.ROOT, "    &SCF\n      EPS_SCF %s\n      MAX_SCF %d\n      SCF_GUESS ATOMIC\n",
                num(s.epsScf()), s.maxScf()));
        if (s.diagonalise()) {
            if (s.smearing() > 0) {
                b.append(String.format(Locale.ROOT, "      ADDED_MOS %d\n      &SMEAR ON\n        METHOD FERMI_DIRAC\n"
                        + "        ELECTRONIC_TEMPERATURE [K] %s\n      &END SMEAR\n", s.addedMos(), num(s.smearing())));
            }
            b.append("      &DIAGONALIZATION\n        ALGORITHM STANDARD\n      &END DIAGONALIZATION\n      &MIXING\n"
                    + "        METHOD BROYDEN_MIXING\n        ALPHA 0.4\n        NBROYDEN 8\n      &END MIXING\n    &END SCF\n");
        } else {
            b.append(String.format(Locale.ROOT, "      &OT\n        MINIMIZER DIIS\n        PRECONDITIONER FULL_SINGLE_INVERSE\n"
                    + "      &END OT\n      &OUTER_SCF\n        EPS_SCF %s\n        MAX_SCF %d\n      &END OUTER_SCF\n    &END SCF\n",
                    num(s.epsScf()), s.maxOuterScf()));
        }
        b.append("    &XC\n      &XC_FUNCTIONAL ").append(s.functional()).append("\n      &END XC_FUNCTIONAL\n    &END XC\n");
        b.append("  &END DFT\n  &SUBSYS\n    &CELL\n{{cell}}\n      PERIODIC {{periodic}}\n    &END CELL\n");
        b.append("    &COORD\n{{positions}}\n    &END COORD\n{{kinds}}\n  &END SUBSYS\n");
        b.append("  &PRINT\n    &FORCES ON\n    &END FORCES\n");
        if (stress) b.append("    &STRESS_TENSOR ON\n    &END STRESS_TENSOR\n");
        b.append("  &END PRINT\n&END FORCE_EVAL\n");
        return b.toString();
    }

    private static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : Double.toString(x).replace('E', 'e');
    }

    private static String xyz(double[] a, int at, double[] shift) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            if (c > 0) b.append(' ');
            b.append(Double.toString(a[at + c] + (shift == null ? 0 : shift[c])));
        }
        return b.toString();
    }
}
