package org.dpspark.model.compress;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Compression} in a model directory: the settings and every table's grid as the {@code "compression"}
 * entry of {@code dpspark-model.json} ({@link #summary}), the coefficients as {@code compression/table-<k>.f64}
 * (float64 little-endian, nspline × 6 × M, the layout of {@link EmbeddingTable}).
 */
public final class CompressionFiles {
    /** The folder of the table files inside a model directory. */
    public static final String DIR = "compression";

    private CompressionFiles() {}

    /** The JSON summary: settings, layout, and per table its file, bounds and interval counts. */
    public static Map<String, Object> summary(Compression c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "DeePMD-kit dp compress (se_e2_a): quintic Hermite tables of the embedding nets");
        m.put("stride", c.stride0());
        m.put("stride2", c.stride1());
        m.put("extrapolate", c.extrapolate());
        m.put("check_frequency", c.checkFrequency());
        m.put("min_nbor_dist", c.minNborDist());
        m.put("layout", "float64 little-endian, nspline x 6 x M: coef[(k*6 + p)*M + a] of (x - knot_k)^p");
        List<Map<String, Object>> tables = new ArrayList<>();
        for (int k = 0; k < c.tables().size(); k++) {
            EmbeddingTable t = c.tables().get(k);
            TableGrid g = t.grid();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("net", k);
            e.put("file", DIR + "/table-" + k + ".f64");
            e.put("lower", g.lower());
            e.put("upper", g.upper());
            e.put("max", g.max());
            e.put("n0", g.n0());
            e.put("n1", g.n1());
            e.put("width", t.width());
            tables.add(e);
        }
        m.put("tables", tables);
        return m;
    }

    /** Writes the table files under {@code dir}. */
    public static void writeTables(Compression c, Path dir) throws IOException {
        Files.createDirectories(dir.resolve(DIR));
        for (int k = 0; k < c.tables().size(); k++) {
            double[] coef = c.tables().get(k).coef();
            ByteBuffer buf = ByteBuffer.allocate(8 * coef.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(coef);
            try (OutputStream out = Files.newOutputStream(dir.resolve(DIR + "/table-" + k + ".f64"))) {
                out.write(buf.array());
            }
        }
    }

    /** Reads a compression from its summary (as {@link #summary} wrote it) and the table files under {@code dir}. */
    public static Compression read(Map<String, Object> s, Path dir) throws IOException {
        double stride0 = num(s, "stride", dir), stride1 = num(s, "stride2", dir);
        List<EmbeddingTable> tables = new ArrayList<>();
        if (!(s.get("tables") instanceof List<?> list)) throw new IOException(dir + ": compression has no tables list");
        for (Object o : list) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) o;
            TableGrid g = new TableGrid(num(e, "lower", dir), num(e, "upper", dir), stride0, stride1,
                    (int) num(e, "n0", dir), (int) num(e, "n1", dir));
            int m = (int) num(e, "width", dir);
            Path f = dir.resolve(String.valueOf(e.get("file")));
            long need = 8L * g.nspline() * 6 * m;
            if (!Files.isRegularFile(f) || Files.size(f) != need) {
                throw new IOException(f + ": compression table missing or not " + need + " bytes (nspline " + g.nspline()
                        + " × 6 × " + m + " float64)");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(f); DataInputStream din = new DataInputStream(in)) {
                bytes = new byte[(int) need];
                din.readFully(bytes);
            }
            double[] coef = new double[g.nspline() * 6 * m];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(coef);
            tables.add(new EmbeddingTable(g, m, coef));
        }
        return new Compression(stride0, stride1, num(s, "extrapolate", dir), (int) num(s, "check_frequency", dir),
                num(s, "min_nbor_dist", dir), tables);
    }

    private static double num(Map<String, Object> m, String key, Path dir) throws IOException {
        if (!(m.get(key) instanceof Number n)) throw new IOException(dir + ": compression entry '" + key + "' missing or not a number");
        return n.doubleValue();
    }
}
