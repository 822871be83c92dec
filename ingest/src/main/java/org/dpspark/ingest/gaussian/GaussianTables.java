package org.dpspark.ingest.gaussian;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;

/**
 * The two tables of a Gaussian log that make a frame, each read after its title line:
 * an orientation table ({@code Input orientation:}, {@code Z-Matrix orientation:},
 * {@code Standard orientation:}; rows {@code center Z [type] x y z} in Å, rows with Z = -2 are the
 * periodic translation vectors {@code Tv}) and the {@code Forces (Hartrees/Bohr)} table (rows
 * {@code center Z fx fy fz}; Tv rows, {@code -2 fx fy fz} without a center number in Gaussian 16, are skipped:
 * they are derivatives with respect to the cell vectors, not forces on atoms, and are not turned into a virial). Both are framed by dashed lines.
 */
final class GaussianTables {
    private GaussianTables() {}

    /** An orientation: atomic numbers (n), positions (n×3, Å) and translation vectors (k×3, Å, k ≤ 3). */
    record Orientation(int[] z, double[] positions, double[] tv, int line) {
        int natoms() {
            return z.length;
        }
    }

    static Orientation orientation(LineSource in) throws IOException {
        int start = in.lineNumber();
        skipHeader(in, "orientation table");
        List<Integer> z = new ArrayList<>();
        List<double[]> pos = new ArrayList<>();
        List<double[]> tv = new ArrayList<>();
        for (String l = in.require("the orientation table"); !l.trim().startsWith("---"); l = in.require("the orientation table")) {
            List<String> tok = Numbers.tokens(l);
            if (tok.size() != 5 && tok.size() != 6) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "orientation row needs 'center Z [type] x y z': '" + l.trim() + "'");
            }
            int zi = Numbers.parseInt(tok.get(1), in.lineNumber(), "atomic number");
            double[] xyz = Numbers.read(l, tok.size() - 3, 3, in.lineNumber(), "coordinate");
            if (zi == -2) {
                tv.add(xyz);
            } else {
                z.add(zi);
                pos.add(xyz);
            }
        }
        return new Orientation(z.stream().mapToInt(Integer::intValue).toArray(), flat(pos), flat(tv), start);
    }

    /** Forces in Ha/Bohr (shape: natoms×3), Tv rows left out. */
    static double[] forces(LineSource in) throws IOException {
        String l = in.require("the forces table");
        if (!l.contains("Number")) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "expected the forces column header, got '" + l.trim() + "'");
        }
        String dash = in.require("the forces table");
        if (!dash.trim().startsWith("---")) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "expected '----' in the forces table");
        }
        List<double[]> rows = new ArrayList<>();
        for (l = in.require("the forces table"); !l.trim().startsWith("---"); l = in.require("the forces table")) {
            List<String> tok = Numbers.tokens(l);
            if (tok.size() == 4 && tok.get(0).equals("-2")) {
                continue; // a Tv row: Gaussian 16 prints the translation vectors' forces without a center number
            }
            if (tok.size() != 5) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "force row needs 'center Z fx fy fz': '" + l.trim() + "'");
            }
            if (Numbers.parseInt(tok.get(1), in.lineNumber(), "atomic number") == -2) {
                continue;
            }
            rows.add(Numbers.read(l, 2, 3, in.lineNumber(), "force"));
        }
        return flat(rows);
    }

    /** Skips "----", two column-title lines and "----". */
    private static void skipHeader(LineSource in, String what) throws IOException {
        for (int i = 0; i < 4; i++) {
            String l = in.require("the " + what);
            boolean dash = l.trim().startsWith("---");
            if ((i == 0 || i == 3) != dash) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "unexpected line in the " + what + " header: '" + l.trim() + "'");
            }
        }
    }

    private static double[] flat(List<double[]> rows) {
        double[] out = new double[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }
}
