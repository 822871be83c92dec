package org.dpspark.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Chemical formulas in Hill order, and their parsing back into element counts. */
public final class Formula {
    private Formula() {}

    private static final Pattern TERM = Pattern.compile("([A-Z][a-z]?)(\\d*)");

    /** Hill formula of a list of atomic numbers: C, then H, then the rest alphabetically; e.g. {@code CH4}, {@code H128O64}. */
    public static String hill(int[] atomicNumbers) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int z : atomicNumbers) {
            counts.merge(Elements.symbol(z), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder();
        if (counts.containsKey("C")) {
            append(sb, "C", counts.remove("C"));
            if (counts.containsKey("H")) {
                append(sb, "H", counts.remove("H"));
            }
        }
        counts.forEach((s, c) -> append(sb, s, c));
        return sb.toString();
    }

    private static void append(StringBuilder sb, String symbol, int count) {
        sb.append(symbol);
        if (count != 1) {
            sb.append(count);
        }
    }

    /** Element counts of a formula such as {@code H128O64} (symbol → count, symbols sorted). */
    public static Map<String, Integer> counts(String formula) {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher m = TERM.matcher(formula);
        int pos = 0;
        while (m.find()) {
            if (m.start() != pos) {
                throw new IllegalArgumentException("not a formula: " + formula);
            }
            counts.merge(m.group(1), m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2)), Integer::sum);
            pos = m.end();
        }
        if (pos != formula.length()) {
            throw new IllegalArgumentException("not a formula: " + formula);
        }
        return counts;
    }
}
