package org.dpspark.ingest.extxyz;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decimal text to {@code double} without allocation, exact (correctly rounded, bit-identical to
 * {@link Double#parseDouble}) for every input it accepts.
 *
 * <p>Accepted syntax, as Python's {@code float()} (which ASE uses): optional sign, digits with an
 * optional decimal point ({@code 5.}, {@code .5}), optional exponent {@code e}/{@code E} (and the
 * Fortran {@code d}/{@code D}), and case-insensitive {@code nan}, {@code inf}, {@code infinity}.
 * Anything else throws {@link NumberFormatException}.
 *
 * <p>Fast path (Clinger): when the significant digits form an integer m &lt; 2<sup>53</sup> and the
 * decimal exponent e satisfies |e| ≤ 22, both m and 10<sup>|e|</sup> are exact doubles, so one IEEE
 * multiplication or division gives the correctly rounded result. Every other syntactically valid
 * number (17+ significant digits, huge exponents) goes to {@link Double#parseDouble}.
 *
 * <p>{@link #scan} parses a token in place while finding its end (the hot loop of the reader: the
 * line is not tokenised first).
 */
public final class FastDoubleParser {
    private FastDoubleParser() {}

    private static final long TWO_53 = 1L << 53;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final double[] POW10 = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Whether the 8 bytes of {@code w} (little-endian) are all ASCII digits. */
    private static boolean eightDigits(long w) {
        return ((w & 0xF0F0F0F0F0F0F0F0L) | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of 8 ASCII digits, first digit in the lowest byte (SWAR, as in simdjson). */
    private static long eightDigitsValue(long w) {
        long v = w & 0x0F0F0F0F0F0F0F0FL;
        v = (v * 2561) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    /** First index in {@code [i, limit)} that is not a separator, or {@code limit}; 8 spaces at a time. */
    static int skipSpaces(byte[] b, int i, int limit) {
        while (i + 8 <= limit) {
            long x = (long) LONGS.get(b, i) ^ 0x2020202020202020L;
            if (x != 0) {
                i += Long.numberOfTrailingZeros(x) >>> 3;
                break;
            }
            i += 8;
        }
        while (i < limit && isSpace(b[i])) {
            i++;
        }
        return i;
    }

    /** Token separators: ASCII space and control characters (tab, CR, FF, VT, ...). */
    static boolean isSpace(byte c) {
        return c >= 0 && c <= ' ';
    }

    /** Parses the text in {@code s}. */
    public static double parse(CharSequence s) {
        int n = s.length();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b[i] = c < 128 ? (byte) c : (byte) '?';
        }
        return parse(b, 0, n);
    }

    /**
     * Parses bytes {@code [start, end)} of {@code b}, one token without surrounding whitespace.
     *
     * @throws NumberFormatException when the token is not a number
     */
    public static double parse(byte[] b, int start, int end) {
        if (start >= end) {
            throw new NumberFormatException("empty number");
        }
        int[] stop = new int[1];
        double v = scan(b, start, end, stop);
        if (stop[0] != end) {
            throw notANumber(b, start, end);
        }
        return v;
    }

    /**
     * Parses the token that starts at {@code start} (not a separator) and ends at the next separator
     * or at {@code limit}; stores that end in {@code stop[0]}.
     *
     * @throws NumberFormatException when the token is not a number
     */
    static double scan(byte[] b, int start, int limit, int[] stop) {
        int i = start;
        boolean negative = false;
        byte c = b[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;           // significant digits kept in mantissa (at most 18: no overflow)
        int exp10 = 0;            // decimal exponent to apply to mantissa
        boolean anyDigit = false;
        boolean inexact = false;  // a non-zero digit did not fit in the mantissa
        while (i < limit && (c = b[i]) >= '0' && c <= '9') {
            anyDigit = true;
            if (digits < 18) {
                if (mantissa != 0 || c != '0') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                }
            } else {
                exp10++;
                inexact |= c != '0';
            }
            i++;
        }
        if (i < limit && b[i] == '.') {
            i++;
            // eight fraction digits at a time while the mantissa has room (digits may over-count
            // leading zeros: that only sends long numbers to the exact slow path sooner)
            while (digits <= 10 && i + 8 <= limit) {
                long w = (long) LONGS.get(b, i);
                if (!eightDigits(w)) {
                    break;
                }
                mantissa = mantissa * 100_000_000L + eightDigitsValue(w);
                if (mantissa != 0) {
                    digits += 8;
                }
                exp10 -= 8;
                anyDigit = true;
                i += 8;
            }
            while (i < limit && (c = b[i]) >= '0' && c <= '9') {
                anyDigit = true;
                if (digits < 18) {
                    if (mantissa != 0 || c != '0') {
                        mantissa = mantissa * 10 + (c - '0');
                        digits++;
                    }
                    exp10--;
                } else {
                    inexact |= c != '0';
                }
                i++;
            }
        }
        boolean valid = anyDigit;
        if (valid && i < limit && ((c = b[i]) == 'e' || c == 'E' || c == 'd' || c == 'D')) {
            i++;
            boolean expNegative = false;
            if (i < limit && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int e = 0;
            int expDigits = 0;
            while (i < limit && (c = b[i]) >= '0' && c <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (c - '0');
                }
                expDigits++;
                i++;
            }
            valid = expDigits > 0;
            exp10 += expNegative ? -e : e;
        }
        if (!valid || (i < limit && !isSpace(b[i]))) {
            int end = i;
            while (end < limit && !isSpace(b[end])) {
                end++;
            }
            stop[0] = end;
            return special(b, start, end);
        }
        stop[0] = i;
        if (mantissa == 0 && !inexact) {
            return negative ? -0.0 : 0.0;
        }
        if (!inexact) {
            if (mantissa < TWO_53 && exp10 >= -22 && exp10 <= 22) {
                double v = mantissa;
                v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
                return negative ? -v : v;
            }
            while (mantissa >= TWO_53 && mantissa % 10 == 0) {
                mantissa /= 10;
                exp10++;
            }
            if (mantissa < TWO_53 && exp10 >= -22 && exp10 <= 22) {
                double v = mantissa;
                v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
                return negative ? -v : v;
            }
        }
        return slow(b, start, i);
    }

    /** A token that is not a plain decimal: nan, inf, infinity (any case, signed) or an error. */
    private static double special(byte[] b, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        int len = end - i;
        if (len == 3 && lower(b, i, "nan")) {
            return Double.NaN;
        }
        if ((len == 3 && lower(b, i, "inf")) || (len == 8 && lower(b, i, "infinity"))) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw notANumber(b, start, end);
    }

    private static boolean lower(byte[] b, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Syntax already checked: only the exponent letter may need translating for Java. */
    private static double slow(byte[] b, int start, int end) {
        char[] chars = new char[end - start];
        for (int k = 0; k < chars.length; k++) {
            char c = (char) b[start + k];
            chars[k] = c == 'd' || c == 'D' ? 'e' : c;
        }
        return Double.parseDouble(new String(chars));
    }

    private static NumberFormatException notANumber(byte[] b, int start, int end) {
        int len = Math.min(end - start, 40);
        return new NumberFormatException("not a number: '"
                + new String(b, start, len, StandardCharsets.ISO_8859_1) + "'");
    }
}
