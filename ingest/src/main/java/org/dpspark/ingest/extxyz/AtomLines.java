package org.dpspark.ingest.extxyz;

import java.util.Arrays;

import org.dpspark.core.Elements;
import org.dpspark.core.RejectReason;

/**
 * Parses the atom lines of one frame into reusable flat arrays (the hot loop of the reader): no
 * regex, no String per token, numbers by {@link FastDoubleParser} straight from the line buffer.
 * Arrays grow with the lines actually read, so a bogus huge atom count allocates nothing up front.
 *
 * <p>Shapes after {@code n} lines: positions n×3 (file length unit until scaled), forces n×3,
 * aparam n×k, atomic numbers n, labels n.
 */
final class AtomLines {
    private static final int MAX_PREALLOCATED = 1 << 16;

    /** Per-token operations: save the token bounds in slot 0..3, or parse a number into an array. */
    private static final int OP_SKIP = 0;
    private static final int OP_SPECIES = 1;
    private static final int OP_Z = 2;
    private static final int OP_LABEL = 3;
    private static final int OP_POS = 4;
    private static final int OP_FORCE = 7;
    private static final int OP_APARAM = 10;

    private final SpeciesTable species = new SpeciesTable();
    private final int[] stop = new int[1];
    private int[] ops = new int[0];
    private int[] ts = new int[16];
    private int[] te = new int[16];
    private int capacity;
    private double[] pos = new double[0];
    private double[] frc = new double[0];
    private double[] apar = new double[0];
    private int[] z = new int[0];
    private String[] labels = new String[0];
    private PropertiesLayout layout;
    private String error;
    private RejectReason errorReason;

    /** Prepares for a frame of {@code n} declared atoms with this column layout. */
    void start(int n, PropertiesLayout layout) {
        if (layout != this.layout) {
            this.layout = layout;
            ops = program(layout);
        }
        ensure(Math.min(n, MAX_PREALLOCATED));
        if (layout.aparam >= 0 && apar.length < capacity * layout.aparamWidth) {
            apar = new double[capacity * layout.aparamWidth];
        }
    }

    private static int[] program(PropertiesLayout l) {
        int[] p = new int[l.width];
        for (int c = 0; c < 3; c++) {
            p[l.pos + c] = OP_POS + c;
            if (l.forces >= 0) {
                p[l.forces + c] = OP_FORCE + c;
            }
        }
        for (int j = 0; l.aparam >= 0 && j < l.aparamWidth; j++) {
            p[l.aparam + j] = OP_APARAM + j;
        }
        if (l.species >= 0) {
            p[l.species] = OP_SPECIES;
        }
        if (l.z >= 0) {
            p[l.z] = OP_Z;
        }
        if (l.typeLabel >= 0) {
            p[l.typeLabel] = OP_LABEL;
        }
        return p;
    }

    private void ensure(int atoms) {
        if (atoms <= capacity) {
            return;
        }
        pos = Arrays.copyOf(pos, 3 * atoms);
        frc = Arrays.copyOf(frc, 3 * atoms);
        z = Arrays.copyOf(z, atoms);
        labels = Arrays.copyOf(labels, atoms);
        if (layout.aparam >= 0) {
            apar = Arrays.copyOf(apar, atoms * layout.aparamWidth);
        }
        capacity = atoms;
    }

    /**
     * Parses atom {@code a} from bytes {@code [s, e)}; false on a bad line, with {@link #error()}
     * and {@link #errorReason()} set. One pass over the bytes: tokens are found while parsed.
     */
    boolean parse(int a, byte[] b, int s, int e) {
        if (a >= capacity) {
            ensure(Math.max(2 * capacity, a + 1));
        }
        PropertiesLayout l = layout;
        int[] program = ops;
        int[] stop = this.stop;
        int i = s;
        int k = 0;
        try {
            for (; k < program.length; k++) {
                i = FastDoubleParser.skipSpaces(b, i, e);
                if (i >= e) {
                    break;
                }
                int op = program[k];
                if (op >= OP_APARAM) {
                    apar[a * l.aparamWidth + op - OP_APARAM] = FastDoubleParser.scan(b, i, e, stop);
                    i = stop[0];
                } else if (op >= OP_POS) {
                    double v = FastDoubleParser.scan(b, i, e, stop);
                    i = stop[0];
                    if (op < OP_FORCE) {
                        pos[3 * a + op - OP_POS] = v;
                    } else {
                        frc[3 * a + op - OP_FORCE] = v;
                    }
                } else {
                    int t = i;
                    while (t < e && !FastDoubleParser.isSpace(b[t])) {
                        t++;
                    }
                    ts[op] = i;
                    te[op] = t;
                    i = t;
                }
            }
        } catch (NumberFormatException ex) {
            int op = program[k];
            String column = op >= OP_APARAM ? "aparam" : op >= OP_FORCE ? l.forcesName : "pos";
            return fail(RejectReason.PARSE_ERROR, "column " + column + ": " + ex.getMessage());
        }
        while (i < e && FastDoubleParser.isSpace(b[i])) {
            i++;
        }
        if (k < program.length || (i < e && !l.lenient)) {
            int ntok = tokenize(b, s, e, 0);
            return fail(RejectReason.PARSE_ERROR, "atom line has " + ntok + " columns, Properties="
                    + l.source + " declares " + l.width);
        }
        return element(a, b, l);
    }

    private boolean element(int a, byte[] b, PropertiesLayout l) {
        int zCol = -1;
        if (l.z >= 0) {
            zCol = parseInt(b, ts[OP_Z], te[OP_Z]);
        }
        if (l.species >= 0) {
            int entry = species.lookup(b, ts[OP_SPECIES], te[OP_SPECIES]);
            int zz = species.atomicNumber(entry);
            if (species.problem(entry) != null) {
                return fail(RejectReason.UNKNOWN_ELEMENT, species.problem(entry));
            }
            if (zz < 0) {
                if (zCol < 1 || zCol > Elements.count()) {
                    return fail(RejectReason.UNKNOWN_ELEMENT, "unknown element '" + species.label(entry) + "'");
                }
                zz = zCol;
            }
            z[a] = zz;
            labels[a] = species.label(entry);
        } else {
            if (zCol < 1 || zCol > Elements.count()) {
                return fail(RejectReason.UNKNOWN_ELEMENT, "Z column holds '"
                        + new String(b, ts[OP_Z], te[OP_Z] - ts[OP_Z], java.nio.charset.StandardCharsets.ISO_8859_1)
                        + "', not an atomic number 1.." + Elements.count());
            }
            z[a] = zCol;
            labels[a] = Elements.symbol(zCol);
        }
        if (l.typeLabel >= 0) {
            int entry = species.lookup(b, ts[OP_LABEL], te[OP_LABEL]);
            if (species.problem(entry) != null) {
                return fail(RejectReason.UNKNOWN_ELEMENT, species.problem(entry));
            }
            labels[a] = species.label(entry);
        }
        return true;
    }

    /** Whether bytes {@code [s, e)} parse as an atom line of {@code l} (used to find frame boundaries). */
    boolean looksLikeAtomLine(PropertiesLayout l, byte[] b, int s, int e) {
        if (ts.length < l.width + 1) {
            ts = new int[l.width + 1];
            te = new int[l.width + 1];
        }
        int ntok = tokenize(b, s, e, l.width + 1);
        if (ntok < l.width || (ntok > l.width && !l.lenient)) {
            return false;
        }
        try {
            for (int k = l.pos; k < l.pos + 3; k++) {
                FastDoubleParser.parse(b, ts[k], te[k]);
            }
        } catch (NumberFormatException ex) {
            return false;
        }
        if (l.species >= 0) {
            int entry = species.lookup(b, ts[l.species], te[l.species]);
            return species.atomicNumber(entry) > 0 || l.z >= 0;
        }
        return true;
    }

    /** Splits on separators (space, control characters); stores the first {@code max} token bounds; returns the token count. */
    private int tokenize(byte[] b, int s, int e, int max) {
        int n = 0;
        int i = s;
        int[] starts = ts;
        int[] ends = te;
        while (i < e) {
            byte c = b[i];
            if (FastDoubleParser.isSpace(c)) {
                i++;
                continue;
            }
            int t = i;
            do {
                i++;
            } while (i < e && !FastDoubleParser.isSpace(b[i]));
            if (n < max) {
                starts[n] = t;
                ends[n] = i;
            }
            n++;
        }
        return n;
    }

    private static int parseInt(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        if (i == e || e - i > 9) {
            return -1;
        }
        int v = 0;
        for (; i < e; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            v = v * 10 + (b[i] - '0');
        }
        return neg ? -v : v;
    }

    private boolean fail(RejectReason reason, String message) {
        errorReason = reason;
        error = message;
        return false;
    }

    String error() { return error; }
    RejectReason errorReason() { return errorReason; }

    /** shape: n×3, scaled by {@code factor} (Å per file unit). */
    double[] positions(int n, double factor) {
        return scaled(exact(pos, 3 * n), factor);
    }

    /** shape: n×3, scaled by {@code factor} (eV/Å per file unit). */
    double[] forces(int n, double factor) {
        return scaled(exact(frc, 3 * n), factor);
    }

    /** shape: n×k. */
    double[] aparam(int n) {
        return exact(apar, n * layout.aparamWidth);
    }

    /** shape: n. */
    int[] atomicNumbers(int n) {
        return z.length == n ? z : Arrays.copyOf(z, n);
    }

    /** shape: n. */
    String[] labels(int n) {
        return labels.length == n ? labels : Arrays.copyOf(labels, n);
    }

    private static double[] exact(double[] a, int len) {
        return a.length == len ? a : Arrays.copyOf(a, len);
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
