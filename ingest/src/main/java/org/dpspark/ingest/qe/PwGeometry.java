package org.dpspark.ingest.qe;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.dpspark.core.CellMath;
import org.dpspark.core.Elements;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnknownElementException;
import org.dpspark.core.Units;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;

/**
 * The current structure of a pw.x run as its output prints it: the lattice parameter alat (Bohr), the
 * cell (rows, Å) and the positions (Cartesian, Å) with species labels. Reads the header blocks
 * ({@code crystal axes}, {@code site n. ... positions (alat units)}) and the blocks of later ionic steps
 * ({@code CELL_PARAMETERS (alat= ...|bohr|angstrom)}, {@code ATOMIC_POSITIONS (alat|bohr|angstrom|crystal)}).
 */
final class PwGeometry {
    double alatBohr = Double.NaN;
    int nat = -1;
    double[] cell;
    double[] positions;
    String[] labels;

    boolean complete() {
        return cell != null && positions != null && labels != null;
    }

    int[] atomicNumbers(int line) {
        int[] z = new int[labels.length];
        for (int i = 0; i < z.length; i++) {
            try {
                z[i] = Elements.atomicNumberOfLabel(labels[i]);
            } catch (UnknownElementException e) {
                throw new ParseFailure(RejectReason.UNKNOWN_ELEMENT, line, "species: " + e.getMessage());
            }
        }
        return z;
    }

    private double alatAngstrom(int line) {
        if (Double.isNaN(alatBohr)) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, line, "coordinates in alat units before the lattice parameter");
        }
        return alatBohr * Units.BOHR_ANGSTROM;
    }

    /** After {@code crystal axes: (cart. coord. in units of alat)}: three lines {@code a(1) = ( x y z )}. */
    void readCrystalAxes(LineSource in) throws IOException {
        double[] h = new double[9];
        for (int r = 0; r < 3; r++) {
            String l = in.require("the crystal axes");
            Numbers.read(inParens(l, in.lineNumber()), 0, 3, h, 3 * r, in.lineNumber(), "crystal axis");
        }
        double a = alatAngstrom(in.lineNumber());
        for (int i = 0; i < 9; i++) {
            h[i] *= a;
        }
        cell = h;
    }

    /** After {@code site n. atom positions (alat units)}: nat lines {@code 1 H tau( 1) = ( x y z )}. */
    void readTau(LineSource in) throws IOException {
        requireNat(in.lineNumber());
        double a = alatAngstrom(in.lineNumber());
        double[] pos = new double[3 * nat];
        String[] lab = new String[nat];
        for (int i = 0; i < nat; i++) {
            String l = in.require("the atomic positions");
            List<String> tok = Numbers.tokens(l);
            if (tok.size() < 2 || !l.contains("tau(")) {
                throw new ParseFailure(RejectReason.SHAPE_MISMATCH, in.lineNumber(), "expected " + nat + " 'tau(' lines, line "
                        + (i + 1) + " is '" + l.trim() + "'");
            }
            lab[i] = tok.get(1);
            Numbers.read(inParens(l, in.lineNumber()), 0, 3, pos, 3 * i, in.lineNumber(), "position");
            for (int k = 0; k < 3; k++) {
                pos[3 * i + k] *= a;
            }
        }
        positions = pos;
        labels = lab;
    }

    /** After {@code CELL_PARAMETERS (alat= 18.9)}, {@code (bohr)} or {@code (angstrom)}: three rows. */
    void readCellParameters(String header, LineSource in) throws IOException {
        String h = header.toLowerCase(Locale.ROOT);
        double f;
        if (h.contains("alat=")) {
            alatBohr = Numbers.parse(Numbers.tokens(h.substring(h.indexOf("alat=") + 5).replace(")", " ")).get(0),
                    in.lineNumber(), "alat");
            f = alatBohr * Units.BOHR_ANGSTROM;
        } else if (h.contains("bohr")) {
            f = Units.BOHR_ANGSTROM;
        } else if (h.contains("angstrom")) {
            f = 1.0;
        } else {
            f = alatAngstrom(in.lineNumber());
        }
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            Numbers.read(in.require("CELL_PARAMETERS"), 0, 3, c, 3 * r, in.lineNumber(), "cell vector");
        }
        for (int i = 0; i < 9; i++) {
            c[i] *= f;
        }
        cell = c;
    }

    /** After {@code ATOMIC_POSITIONS (unit)}: nat rows {@code H x y z [if_pos]}. */
    void readAtomicPositions(String header, LineSource in) throws IOException {
        requireNat(in.lineNumber());
        String h = header.toLowerCase(Locale.ROOT);
        double[] pos = new double[3 * nat];
        String[] lab = new String[nat];
        for (int i = 0; i < nat; i++) {
            String l = in.require("ATOMIC_POSITIONS");
            List<String> tok = Numbers.tokens(l);
            if (tok.size() < 4) {
                throw new ParseFailure(RejectReason.SHAPE_MISMATCH, in.lineNumber(), "ATOMIC_POSITIONS needs " + nat
                        + " rows 'label x y z', row " + (i + 1) + " is '" + l.trim() + "'");
            }
            lab[i] = tok.get(0);
            Numbers.read(l, 1, 3, pos, 3 * i, in.lineNumber(), "position");
        }
        positions = toCartesian(h, pos, in.lineNumber());
        labels = lab;
    }

    private double[] toCartesian(String unitHeader, double[] pos, int line) {
        if (unitHeader.contains("crystal")) {
            if (cell == null) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, line, "crystal coordinates before any cell");
            }
            return CellMath.fractionalToCartesian(pos, cell);
        }
        double f = unitHeader.contains("bohr") ? Units.BOHR_ANGSTROM
                : unitHeader.contains("angstrom") ? 1.0 : alatAngstrom(line);
        for (int i = 0; i < pos.length; i++) {
            pos[i] *= f;
        }
        return pos;
    }

    private void requireNat(int line) {
        if (nat <= 0) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, line, "positions before 'number of atoms/cell'");
        }
    }

    /** The text between the last '(' and the following ')' of a line, e.g. the vector of {@code a(1) = ( x y z )}. */
    private static String inParens(String l, int line) {
        int open = l.lastIndexOf('(');
        int close = l.indexOf(')', open + 1);
        if (open < 0 || close < 0) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, line, "expected '( x y z )' in '" + l.trim() + "'");
        }
        return l.substring(open + 1, close);
    }
}
