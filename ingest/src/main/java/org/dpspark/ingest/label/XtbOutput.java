package org.dpspark.ingest.label;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;

/**
 * xtb's Turbomole-style result files in the calculation folder, with the one unit conversion of the xtb labeler:
 * {@code energy} ({@code $energy}, then {@code cycle E_SCF ...} in Hartree) and {@code gradient} ({@code $grad},
 * a {@code cycle = ...} line, natoms lines {@code x y z El} in Bohr, natoms lines {@code dE/dx dE/dy dE/dz} in
 * Hartree/Bohr, {@code $end}).
 *
 * @param energy eV
 * @param positions Å, shape natoms × 3, file order
 * @param elements symbols as written (lower case), shape natoms
 * @param forces eV/Å (minus the gradient), shape natoms × 3
 */
record XtbOutput(double energy, double[] positions, String[] elements, double[] forces) {
    /** eV per Hartree and Å per Bohr: CODATA 2018 ({@link Units}), as every reader of dpspark. */
    static final double EV_PER_HARTREE = Units.HARTREE_EV, ANGSTROM_PER_BOHR = Units.BOHR_ANGSTROM;

    static XtbOutput read(Path dir) throws LabelFailure, IOException {
        Path ef = dir.resolve("energy"), gf = dir.resolve("gradient");
        if (!Files.isRegularFile(ef) || !Files.isRegularFile(gf)) {
            throw new LabelFailure(RejectReason.FAILED_RUN, "xtb wrote no energy/gradient file in " + dir + " (exit code 0)");
        }
        List<String> e = data(ef);
        if (e.isEmpty()) throw new LabelFailure(RejectReason.MISSING_ENERGY, ef + " has no energy line");
        String[] et = e.get(e.size() - 1).split("\\s+");
        double energy = number(et.length > 1 ? et[1] : "", ef) * EV_PER_HARTREE;
        List<String> g = data(gf);
        List<String> rows = g.stream().filter(l -> !l.startsWith("cycle")).toList();
        if (rows.size() % 2 != 0 || rows.isEmpty()) {
            throw new LabelFailure(RejectReason.PARSE_ERROR, gf + ": " + rows.size() + " rows, expected natoms positions + natoms gradients");
        }
        int n = rows.size() / 2;
        double[] pos = new double[3 * n], forces = new double[3 * n];
        String[] el = new String[n];
        for (int i = 0; i < n; i++) {
            String[] p = rows.get(i).split("\\s+"), q = rows.get(n + i).split("\\s+");
            if (p.length != 4 || q.length != 3) {
                throw new LabelFailure(RejectReason.PARSE_ERROR, gf + ": atom " + i + " needs 'x y z El' and 'gx gy gz' rows");
            }
            el[i] = p[3];
            for (int c = 0; c < 3; c++) {
                pos[3 * i + c] = number(p[c], gf) * ANGSTROM_PER_BOHR;
                forces[3 * i + c] = -number(q[c], gf) * EV_PER_HARTREE / ANGSTROM_PER_BOHR;
            }
        }
        return new XtbOutput(energy, pos, el, forces);
    }

    /** Lines between {@code $keyword} and {@code $end}, trimmed. */
    private static List<String> data(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
            String t = l.strip();
            if (t.startsWith("$end")) break;
            if (t.startsWith("$")) {
                in = true;
                continue;
            }
            if (in && !t.isEmpty()) out.add(t);
        }
        return out;
    }

    private static double number(String s, Path p) throws LabelFailure {
        try {
            double v = Double.parseDouble(s.replace('D', 'E'));
            if (!Double.isFinite(v)) throw new NumberFormatException("not finite");
            return v;
        } catch (NumberFormatException ex) {
            throw new LabelFailure(RejectReason.PARSE_ERROR, p + ": '" + s + "' is not a number");
        }
    }
}
