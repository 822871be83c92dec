package org.dpspark.ingest.cp2k;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnsupportedUnitException;
import org.dpspark.core.Units;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;

/**
 * Readers of the CP2K output blocks, in both line formats: CP2K ≤ 2024 ({@code ATOMIC FORCES in [a.u.]}
 * table ending at {@code SUM OF ATOMIC FORCES}; {@code STRESS TENSOR [GPa]} with rows {@code X v v v}
 * (≤ 7) or {@code STRESS| Analytical stress tensor [GPa]} with rows {@code STRESS| x v v v} (8–2024))
 * and CP2K 2025 ({@code FORCES| Atomic forces [hartree/bohr]} with rows {@code FORCES| i fx fy fz |f|}
 * ending at {@code FORCES| Sum}). Each reader is called after its header line.
 */
final class Cp2kBlocks {
    private Cp2kBlocks() {}

    /** Coordinate rows {@code i kind Element Z x y z Zeff mass} after {@code ATOMIC COORDINATES IN angstrom}. */
    record Coordinates(int[] kinds, int[] z, String[] elements, double[] positions) {}

    static Coordinates coordinates(String header, LineSource in) throws IOException {
        String h = header.toLowerCase(Locale.ROOT);
        double f = h.contains("bohr") ? Units.BOHR_ANGSTROM : 1.0;
        List<double[]> rows = new ArrayList<>();
        List<String[]> ids = new ArrayList<>();
        boolean started = false;
        while (true) {
            String l = in.require("the coordinates table");
            String t = l.trim();
            if (t.isEmpty()) {
                if (started) {
                    break;
                }
                continue;
            }
            if (t.startsWith("Atom")) {
                continue;
            }
            started = true;
            List<String> tok = Numbers.tokens(t);
            if (tok.size() < 7) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "coordinate row needs 'i kind Element Z x y z': '" + t + "'");
            }
            rows.add(new double[] {Numbers.parse(tok.get(4), in.lineNumber(), "x") * f,
                Numbers.parse(tok.get(5), in.lineNumber(), "y") * f, Numbers.parse(tok.get(6), in.lineNumber(), "z") * f});
            ids.add(new String[] {tok.get(1), tok.get(2), tok.get(3), Integer.toString(in.lineNumber())});
        }
        int n = rows.size();
        int[] kinds = new int[n];
        int[] z = new int[n];
        String[] el = new String[n];
        double[] pos = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int line = Integer.parseInt(ids.get(i)[3]);
            kinds[i] = Numbers.parseInt(ids.get(i)[0], line, "kind index");
            el[i] = ids.get(i)[1];
            z[i] = Numbers.parseInt(ids.get(i)[2], line, "atomic number");
            System.arraycopy(rows.get(i), 0, pos, 3 * i, 3);
        }
        return new Coordinates(kinds, z, el, pos);
    }

    /** Forces in Ha/Bohr (shape: natoms×3) after either force header; {@code pipe} for the 2025 format. */
    static double[] forces(boolean pipe, LineSource in) throws IOException {
        List<double[]> rows = new ArrayList<>();
        while (true) {
            String l = in.require("the forces block");
            String t = l.trim();
            if (pipe) {
                if (!t.startsWith("FORCES|")) {
                    if (t.isEmpty() && rows.isEmpty()) {
                        continue;
                    }
                    throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "forces block ends without 'FORCES| Sum'");
                }
                t = t.substring(7).trim();
                if (t.startsWith("Sum")) {
                    break;
                }
                if (t.startsWith("Atom")) {
                    continue;
                }
                List<String> tok = Numbers.tokens(t);
                if (tok.size() != 5) {
                    throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "force row needs 'i fx fy fz |f|': '" + l.trim() + "'");
                }
                rows.add(Numbers.read(t, 1, 3, in.lineNumber(), "force"));
            } else {
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("SUM OF ATOMIC FORCES")) {
                    break;
                }
                List<String> tok = Numbers.tokens(t);
                if (tok.size() != 6) {
                    throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "force row needs 'i kind Element fx fy fz': '" + t + "'");
                }
                rows.add(Numbers.read(t, 3, 3, in.lineNumber(), "force"));
            }
        }
        double[] out = new double[3 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    /** Stress (3×3, eV/Å³, pressure sign as printed) after a stress header naming its unit in brackets. */
    static double[] stress(String header, LineSource in) throws IOException {
        int open = header.lastIndexOf('[');
        int close = header.indexOf(']', open + 1);
        double f;
        try {
            f = Units.pressureToEvPerA3(open >= 0 && close > open ? header.substring(open + 1, close) : "");
        } catch (UnsupportedUnitException e) {
            throw new ParseFailure(RejectReason.UNSUPPORTED_UNIT, in.lineNumber(), "stress unit: '" + header.trim() + "'");
        }
        boolean pipe = header.trim().startsWith("STRESS|");
        double[] s = new double[9];
        int r = 0;
        while (r < 3) {
            String l = in.require("the stress tensor");
            String t = pipe && l.trim().startsWith("STRESS|") ? l.trim().substring(7).trim() : l.trim();
            List<String> tok = Numbers.tokens(t);
            if (t.isEmpty() || (tok.size() == 3 && tok.get(0).equalsIgnoreCase("x"))) {
                continue; // blank or the column header "x y z"
            }
            if (tok.size() != 4 || !tok.get(0).equalsIgnoreCase("xyz".substring(r, r + 1))) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "stress row " + "xyz".charAt(r) + " expected: '" + l.trim() + "'");
            }
            Numbers.read(t, 1, 3, s, 3 * r, in.lineNumber(), "stress");
            r++;
        }
        for (int i = 0; i < 9; i++) {
            s[i] *= f;
        }
        return s;
    }
}
