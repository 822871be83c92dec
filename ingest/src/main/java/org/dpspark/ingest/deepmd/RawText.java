package org.dpspark.ingest.deepmd;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DeePMD {@code .raw} text: whitespace-separated numbers, one frame per non-blank line (blank lines are
 * skipped, as {@code numpy.loadtxt} does). A line with a token that is not a number is kept as a row with
 * an error, so only that frame is lost.
 */
final class RawText {
    private RawText() {}

    /**
     * One row of a {@code .raw} file.
     *
     * @param line   1-based line number
     * @param values the numbers, or null when {@code error} is set
     * @param error  what is wrong with the line, or null
     */
    record Row(int line, double[] values, String error) {}

    /** Non-blank lines of a file as rows. */
    static List<Row> rows(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            int line = 0;
            while ((s = r.readLine()) != null) {
                line++;
                String t = s.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String[] tok = t.split("\\s+");
                double[] v = new double[tok.length];
                String error = null;
                for (int i = 0; i < tok.length && error == null; i++) {
                    try {
                        v[i] = number(tok[i]);
                    } catch (NumberFormatException e) {
                        error = "'" + tok[i] + "' is not a number";
                    }
                }
                rows.add(error == null ? new Row(line, v, null) : new Row(line, null, error));
            }
        }
        return rows;
    }

    /** A number as numpy.loadtxt reads it: Java syntax plus {@code nan}, {@code inf}, {@code -inf} in any case. */
    static double number(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    /** All whitespace-separated tokens of a small text file (type.raw, type_map.raw). */
    static List<String> tokens(String text) {
        String t = text.trim();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /** Type indices from the text of {@code type.raw}; throws naming the bad token. */
    static int[] types(String text, String source) throws SystemProblem {
        List<String> tok = tokens(text);
        int[] types = new int[tok.size()];
        for (int i = 0; i < types.length; i++) {
            try {
                types[i] = Integer.parseInt(tok.get(i));
            } catch (NumberFormatException e) {
                throw new SystemProblem(org.dpspark.core.RejectReason.PARSE_ERROR,
                        source + ": type index '" + tok.get(i) + "' of atom " + i + " is not an integer");
            }
        }
        return types;
    }
}
