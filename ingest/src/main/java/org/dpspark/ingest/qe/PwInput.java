package org.dpspark.ingest.qe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;

/**
 * The structure of a pw.x input file, used when an output lacks it. Supports {@code ibrav = 0}
 * ({@code CELL_PARAMETERS} in alat, bohr or angstrom) and {@code ibrav = 1} (simple cubic), the
 * lattice parameter from {@code celldm(1)} (Bohr) or {@code A} (Å), and {@code ATOMIC_POSITIONS} in
 * alat, bohr, angstrom or crystal units. Other Bravais lattices are refused with a message.
 *
 * <p>Which input belongs to an output follows dpdata's qe/pw/scf: the output's file name with
 * {@code out} replaced by {@code in}, in the same folder ({@code 01.out} → {@code 01.in}); the reader
 * option {@code qe_input} names it explicitly.
 */
final class PwInput {
    private PwInput() {}

    /** The input file dpdata would pair with {@code output}, or null when the name has no "out". */
    static Path besides(Path output) {
        String name = output.getFileName().toString();
        String in = name.replace("out", "in");
        return in.equals(name) ? null : output.resolveSibling(in);
    }

    /** Reads the structure of an input file; throws {@link ParseFailure} naming the file when unusable. */
    static PwGeometry read(Path input) throws IOException {
        if (input == null || !Files.isRegularFile(input)) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, 0,
                    "the output has no cell/positions and there is no input file " + input + " beside it");
        }
        Map<String, String> keys = new HashMap<>();
        PwGeometry g = new PwGeometry();
        try (LineSource in = LineSource.open(input)) {
            for (String l = in.next(); l != null; l = in.next()) {
                String t = l.trim();
                if (t.startsWith("&")) {
                    continue;
                }
                if (t.toUpperCase(Locale.ROOT).startsWith("CELL_PARAMETERS")) {
                    applyKeys(keys, g, input);
                    g.readCellParameters(t, in);
                } else if (t.contains("=")) {
                    for (String kv : t.split(",")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            keys.put(kv.substring(0, eq).trim().toLowerCase(Locale.ROOT), kv.substring(eq + 1).trim());
                        }
                    }
                }
            }
        }
        applyKeys(keys, g, input);
        int ibrav = (int) number(keys, "ibrav", input);
        if (ibrav == 1) {
            double a = g.alatBohr * Units.BOHR_ANGSTROM;
            g.cell = new double[] {a, 0, 0, 0, a, 0, 0, 0, a};
        } else if (ibrav != 0 || g.cell == null) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, 0, "input " + input + ": ibrav=" + ibrav
                    + (ibrav == 0 ? " without CELL_PARAMETERS" : " is not supported (only 0 and 1)"));
        }
        try (LineSource in = LineSource.open(input)) {
            for (String l = in.next(); l != null; l = in.next()) {
                String t = l.trim();
                if (t.toUpperCase(Locale.ROOT).startsWith("ATOMIC_POSITIONS")) {
                    g.readAtomicPositions(t, in);
                }
            }
        }
        return g;
    }

    private static void applyKeys(Map<String, String> keys, PwGeometry g, Path input) {
        if (keys.containsKey("nat")) {
            g.nat = (int) number(keys, "nat", input);
        }
        if (keys.containsKey("celldm(1)")) {
            g.alatBohr = number(keys, "celldm(1)", input);
        } else if (keys.containsKey("a")) {
            g.alatBohr = number(keys, "a", input) / Units.BOHR_ANGSTROM;
        }
    }

    private static double number(Map<String, String> keys, String key, Path input) {
        String v = keys.get(key);
        if (v == null) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, 0, "input " + input + " has no '" + key + "'");
        }
        return Numbers.parse(v, 0, key + " in " + input);
    }
}
