package org.dpspark.ingest.text;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.RejectReason;

/**
 * Number parsing for the fixed-format text the QM codes print. Handles Fortran {@code D} exponents
 * ({@code 1.0D-03}) and numbers glued together by a minus sign ({@code 9.74-10.11}, as Fortran
 * {@code F} formats print them when a field overflows its width). Failures are {@link ParseFailure}s
 * carrying the line number; non-finite values (NaN, Infinity, Fortran {@code ****}) are rejected as
 * {@link RejectReason#NAN_OR_INF}.
 */
public final class Numbers {
    private Numbers() {}

    /** Whitespace-separated tokens of a line; glued numbers are split at a minus sign not after an exponent. */
    public static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        for (String raw : line.trim().split("\\s+")) {
            if (raw.isEmpty()) {
                continue;
            }
            int start = 0;
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                char prev = raw.charAt(i - 1);
                if (c == '-' && (Character.isDigit(prev) || prev == '.')) {
                    out.add(raw.substring(start, i));
                    start = i;
                }
            }
            out.add(raw.substring(start));
        }
        return out;
    }

    /** Parses one number; {@code what} names it in the error. */
    public static double parse(String token, int line, String what) {
        String t = token.trim();
        double v;
        try {
            v = Double.parseDouble(t.replace('D', 'E').replace('d', 'e'));
        } catch (NumberFormatException e) {
            if (t.startsWith("*") || t.equalsIgnoreCase("nan") || t.toLowerCase().contains("inf")) {
                throw new ParseFailure(RejectReason.NAN_OR_INF, line, what + " is not finite: '" + t + "'");
            }
            throw new ParseFailure(RejectReason.PARSE_ERROR, line, "cannot read " + what + " from '" + shorten(t) + "'");
        }
        if (!Double.isFinite(v)) {
            throw new ParseFailure(RejectReason.NAN_OR_INF, line, what + " is not finite: '" + t + "'");
        }
        return v;
    }

    /** Parses an integer token. */
    public static int parseInt(String token, int line, String what) {
        try {
            return Integer.parseInt(token.trim());
        } catch (NumberFormatException e) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, line, "cannot read " + what + " from '" + shorten(token) + "'");
        }
    }

    /**
     * Reads {@code count} numbers from the tokens of {@code line} starting at token {@code from} into
     * {@code dest[destOffset..]}; fails when the line has fewer tokens.
     */
    public static void read(String line, int from, int count, double[] dest, int destOffset, int lineNo, String what) {
        List<String> tok = tokens(line);
        if (tok.size() < from + count) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, lineNo,
                    what + ": expected " + (from + count) + " fields, found " + tok.size() + " in '" + shorten(line) + "'");
        }
        for (int i = 0; i < count; i++) {
            dest[destOffset + i] = parse(tok.get(from + i), lineNo, what);
        }
    }

    /** Reads {@code count} numbers from the tokens of {@code line} starting at token {@code from}. */
    public static double[] read(String line, int from, int count, int lineNo, String what) {
        double[] out = new double[count];
        read(line, from, count, out, 0, lineNo, what);
        return out;
    }

    /** The text after the last '=' of a line, trimmed (e.g. {@code "free energy TOTEN = -1.0 eV"} → {@code "-1.0 eV"}). */
    public static String afterEquals(String line) {
        int eq = line.lastIndexOf('=');
        return eq < 0 ? "" : line.substring(eq + 1).trim();
    }

    static String shorten(String s) {
        String t = s.strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
