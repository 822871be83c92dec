package org.dpspark.ingest.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a deepmd/raw file ({@code energy.raw}, {@code coord.raw}, ...) as rows of doubles. */
public final class RawText {
    private RawText() {}

    /** Every non-blank line as a row of numbers. */
    public static double[][] rows(Path file) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] tok = t.split("\\s+");
            double[] row = new double[tok.length];
            for (int i = 0; i < tok.length; i++) {
                row[i] = Double.parseDouble(tok[i]);
            }
            out.add(row);
        }
        return out.toArray(new double[0][]);
    }
}
