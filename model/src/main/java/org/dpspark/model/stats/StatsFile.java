package org.dpspark.model.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.DatasetSidecar;

/**
 * {@code stats.json} as {@code train} reads it (written by {@link StatsJson}).
 *
 * @param typeMap      type names by index
 * @param rcut         r_c, Å
 * @param rcutSmth     r_s, Å
 * @param sel          slots per type
 * @param davgPerType  ntypes×4: [mean_s, 0, 0, 0] per centre type, Å⁻¹
 * @param dstdPerType  ntypes×4: [std_s, std_a, std_a, std_a] per centre type, Å⁻¹
 * @param energyBias   eV per atom of each type
 */
public record StatsFile(List<String> typeMap, double rcut, double rcutSmth, int[] sel, double[] davgPerType,
                        double[] dstdPerType, double[] energyBias) {

    public int ntypes() { return typeMap.size(); }

    public int nnei() {
        int n = 0;
        for (int s : sel) n += s;
        return n;
    }

    /** DeePMD's davg, ntypes×nnei×4 (flat): every slot of type t holds row t of {@link #davgPerType}. */
    public double[] davg() { return expand(davgPerType); }

    /** DeePMD's dstd, ntypes×nnei×4 (flat). */
    public double[] dstd() { return expand(dstdPerType); }

    private double[] expand(double[] perType) {
        int nnei = nnei();
        double[] d = new double[ntypes() * nnei * 4];
        for (int t = 0; t < ntypes(); t++) {
            for (int s = 0; s < nnei; s++) {
                System.arraycopy(perType, 4 * t, d, (t * nnei + s) * 4, 4);
            }
        }
        return d;
    }

    /** Parses a stats.json text. */
    public static StatsFile parse(String json) {
        try {
            JsonNode r = DatasetSidecar.json().readTree(json);
            if (!StatsJson.FORMAT.equals(r.path("format").asText())) {
                throw new IllegalArgumentException("not a dpspark featurize stats file (format " + r.path("format") + ")");
            }
            List<String> types = new ArrayList<>();
            r.get("type_map").forEach(n -> types.add(n.asText()));
            int nt = types.size();
            int[] sel = new int[nt];
            double[] davg = new double[4 * nt], dstd = new double[4 * nt], bias = new double[nt];
            for (int t = 0; t < nt; t++) {
                sel[t] = r.get("sel").get(t).asInt();
                bias[t] = r.get("energy_bias").get(t).asDouble();
                for (int c = 0; c < 4; c++) {
                    davg[4 * t + c] = r.get("davg_per_type").get(t).get(c).asDouble();
                    dstd[4 * t + c] = r.get("dstd_per_type").get(t).get(c).asDouble();
                }
            }
            return new StatsFile(types, r.get("rcut").asDouble(), r.get("rcut_smth").asDouble(), sel, davg, dstd, bias);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a stats.json file. */
    public static StatsFile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
