package org.dpspark.model.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-only extxyz reader: Lattice, Properties (species and pos columns), energy; types by order of first appearance in typeOrder. */
public final class ExtxyzTestReader {
    private ExtxyzTestReader() {}

    public static List<TestFrame> read(Path file, List<String> typeOrder) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<TestFrame> out = new ArrayList<>();
        int k = 0;
        Pattern lat = Pattern.compile("Lattice=\"([^\"]*)\"");
        Pattern props = Pattern.compile("Properties=(\\S+)");
        Pattern en = Pattern.compile("(?<![a-z_])energy=(\\S+)");
        int frame = 0;
        while (k < lines.size()) {
            if (lines.get(k).isBlank()) { k++; continue; }
            int n = Integer.parseInt(lines.get(k).trim());
            String comment = lines.get(k + 1);
            Matcher m = lat.matcher(comment);
            double[] cell = null;
            if (m.find()) {
                String[] v = m.group(1).trim().split("\\s+");
                cell = new double[9];
                for (int a = 0; a < 9; a++) cell[a] = Double.parseDouble(v[a]);
            }
            Matcher p = props.matcher(comment);
            int speciesCol = 0, posCol = 1;
            if (p.find()) {
                String[] f = p.group(1).split(":");
                int col = 0;
                for (int a = 0; a + 2 < f.length; a += 3) {
                    if (f[a].equals("species")) speciesCol = col;
                    if (f[a].equals("pos")) posCol = col;
                    col += Integer.parseInt(f[a + 2]);
                }
            }
            Matcher e = en.matcher(comment);
            double energy = e.find() ? Double.parseDouble(e.group(1)) : Double.NaN;
            double[] pos = new double[3 * n];
            int[] types = new int[n];
            for (int i = 0; i < n; i++) {
                String[] t = lines.get(k + 2 + i).trim().split("\\s+");
                types[i] = typeOrder.indexOf(t[speciesCol]);
                if (types[i] < 0) throw new IOException("unknown species " + t[speciesCol]);
                for (int b = 0; b < 3; b++) pos[3 * i + b] = Double.parseDouble(t[posCol + b]);
            }
            out.add(new TestFrame(file.getFileName() + "#" + frame++, pos, cell, types, energy));
            k += n + 2;
        }
        return out;
    }
}
