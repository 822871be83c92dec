package org.dpspark.ingest.extxyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast parser must give exactly {@link Double#parseDouble}'s bits for every number it accepts. */
class FastDoubleParserTest {

    private static double parse(String s) {
        byte[] b = (" " + s + " ").getBytes(StandardCharsets.ISO_8859_1);
        return FastDoubleParser.parse(b, 1, b.length - 1);
    }

    private static void assertExact(String s) {
        double expected = Double.parseDouble(s.replace('d', 'e').replace('D', 'E'));
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parse(s)), s);
    }

    @Test
    void randomDoublesInManyFormatsAreBitExact() {
        Random r = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextGaussian() * 20;
                case 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
                default -> r.nextInt(2_000_001) - 1_000_000;
            };
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            assertExact(Double.toString(v));
            assertExact(String.format(Locale.ROOT, "%.8f", v));
            assertExact(String.format(Locale.ROOT, "%16.10e", v).strip());
            assertExact(String.format(Locale.ROOT, "%.17g", v).strip());
            assertExact(String.format(Locale.ROOT, "%.3f", v));
        }
    }

    @Test
    void hardCasesAreBitExact() {
        for (String s : new String[] {
                "0", "-0", "0.0", "-0.0", "+1", "5.", ".5", "-.5", "1e5", "1E+05", "1e-5", "1.0D-03", "2.5d2",
                "9007199254740993", "9007199254740992", "18014398509481985", "123456789012345678901234567890",
                "0.000000000000000000000000000001", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "2e-324",
                "1.7976931348623157e308", "1.8e308", "2.2250738585072011e-308", "2.2250738585072012e-308",
                "0.1", "0.2", "0.30000000000000004", "3.141592653589793238462643383279",
                "-5.834249877929687500e+01", "1.232823433383600786e-05", "00000123.4500000", "1e0000000000000005",
                "1.00000000000000000000000000000000000001", "99999999999999999999", "0.9999999999999999999"}) {
            assertExact(s);
        }
    }

    @Test
    void scanStopsAtTheNextSeparator() {
        byte[] b = "  -12.34567890123 5.00000000\t7e3".getBytes(StandardCharsets.US_ASCII);
        int[] stop = new int[1];
        assertEquals(-12.34567890123, FastDoubleParser.scan(b, 2, b.length, stop));
        assertEquals(17, stop[0]);
        assertEquals(5.0, FastDoubleParser.scan(b, 18, b.length, stop));
        assertEquals(28, stop[0]);
        assertEquals(7000.0, FastDoubleParser.scan(b, 29, b.length, stop));
        assertEquals(b.length, stop[0]);
        assertEquals(31, FastDoubleParser.skipSpaces("                               x".getBytes(StandardCharsets.US_ASCII), 0, 32));
    }

    @Test
    void pythonSpecialValues() {
        assertEquals(Double.NaN, parse("nan"));
        assertEquals(Double.NaN, parse("NaN"));
        assertEquals(Double.NaN, parse("-nan"));
        assertEquals(Double.POSITIVE_INFINITY, parse("inf"));
        assertEquals(Double.POSITIVE_INFINITY, parse("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-INF"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-infinity"));
    }

    @Test
    void garbageIsRejected() {
        for (String s : new String[] {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "1.0f", "12a",
                "--1", "nana", "in", "Ti", "1 2"}) {
            assertThrows(NumberFormatException.class, () -> parse(s), s);
        }
    }
}
