package org.dpspark.model.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.Version;
import org.dpspark.model.env.OverflowReport;
import org.dpspark.model.stats.EnergyBias;
import org.dpspark.model.stats.EnvMatStatistics;
import org.dpspark.model.stats.NeighborStatistics;

/**
 * Builds {@code stats.json}, the statistics file {@code train} reads ({@link StatsFile} parses it back).
 *
 * <p>davg/dstd: DeePMD-kit's {@code EnvMatStatSe} gives every one of the nnei slots of a centre type the same
 * row, so the file stores one row per type, {@code davg_per_type[t] = [mean_s, 0, 0, 0]} and
 * {@code dstd_per_type[t] = [std_s, std_a, std_a, std_a]} (Å⁻¹), and the full ntypes×nnei×4 arrays are
 * {@code davg[t][slot][c] = davg_per_type[t][c]} for every slot ({@link StatsFile#davg()}): exact, not an
 * approximation.
 */
public final class StatsJson {
    private StatsJson() {}

    public static final String FORMAT = "dpspark-featurize-stats";
    public static final int VERSION = 1;

    public static ObjectNode build(StatsInputs s, List<String> typeMap, String selSource, NeighborStatistics ns,
                                   DataStatistics st, String table, String runId) {
        ObjectNode root = DatasetSidecar.json().createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("descriptor", "se_e2_a");
        strings(root.putArray("type_map"), typeMap);
        root.put("rcut", s.rcut());
        root.put("rcut_smth", s.rcutSmth());
        ints(root.putArray("sel"), s.sel());
        root.put("sel_source", selSource);
        int nnei = 0;
        for (int v : s.sel()) nnei += v;
        root.put("nnei", nnei);

        int nt = typeMap.size();
        EnvMatStatistics env = st.envStatistics();
        ArrayNode davg = root.putArray("davg_per_type");
        ArrayNode dstd = root.putArray("dstd_per_type");
        ArrayNode counts = root.putArray("env_samples_per_type");
        for (int t = 0; t < nt; t++) {
            double a = env.stdAngular(t);
            doubles(davg.addArray(), env.meanRadial(t), 0.0, 0.0, 0.0);
            doubles(dstd.addArray(), env.stdRadial(t), a, a, a);
            counts.add(env.count(t));
        }
        root.put("davg_layout", "davg and dstd have shape ntypes×nnei×4; every slot of centre type t holds"
                + " davg_per_type[t] / dstd_per_type[t] (DeePMD-kit EnvMatStatSe), padding included");
        root.put("stats_split", s.statsSplit());

        EnergyBias bias = st.energyBias();
        double[] b = bias.frames() > 0 ? bias.solve() : new double[nt];
        doubles(root.putArray("energy_bias"), b);
        root.put("energy_bias_residual_std", bias.frames() > 0 ? bias.residualStd(b) : 0.0);

        ObjectNode frames = root.putObject("frames");
        frames.put("total", st.frames());
        frames.put("statistics", st.statsFrames());
        frames.put("energy_bias", st.biasFrames());
        longs(root.putArray("atoms_per_type"), st.atomsPerType());

        ObjectNode nb = root.putObject("neighbors");
        nb.put("rcut", s.rcut());
        ints(nb.putArray("max_per_type"), ns.maxNeighbors());
        ArrayNode byCentre = nb.putArray("max_by_centre_type");
        for (int c = 0; c < nt; c++) {
            ArrayNode row = byCentre.addArray();
            for (int t = 0; t < nt; t++) row.add(ns.maxNeighbors(c, t));
        }
        nb.put("sel_auto_ratio", s.selRatio());
        ints(nb.putArray("sel_auto"), ns.selAuto(s.selRatio()));
        nb.put("min_distance", ns.minDistance());
        nb.put("frames", ns.frames());
        nb.put("atoms", ns.atoms());
        ObjectNode hist = nb.putObject("histograms");
        hist.put("_meaning", "centre-neighbour: entry n = atoms of the centre type with exactly n neighbours of"
                + " the neighbour type within rcut");
        for (int c = 0; c < nt; c++) {
            for (int t = 0; t < nt; t++) {
                longs(hist.putArray(typeMap.get(c) + "-" + typeMap.get(t)), ns.histogram(c, t));
            }
        }

        OverflowReport o = st.overflow();
        ObjectNode ov = root.putObject("overflow");
        ov.put("overflowed", o.overflowed());
        ov.put("message", o.message());
        ArrayNode per = ov.putArray("per_type");
        for (int t = 0; t < nt; t++) {
            ObjectNode e = per.addObject();
            e.put("type", typeMap.get(t));
            e.put("sel", s.sel()[t]);
            e.put("max_count", o.maxCount(t));
            e.put("worst_frame", o.worstFrame(t));
            e.put("frames_overflowed", o.framesOverflowed(t));
            e.put("atoms_overflowed", o.atomsOverflowed(t));
            e.put("neighbours_dropped", o.neighboursDropped(t));
        }

        ObjectNode prov = root.putObject("provenance");
        prov.put("frames_table", table);
        prov.put("run_id", runId);
        prov.put("command_line", s.commandLine());
        try {
            prov.set("config", DatasetSidecar.json().readTree(s.configJson()));
        } catch (java.io.IOException e) {
            prov.put("config", s.configJson());
        }
        prov.put("code_version", Version.get());
        prov.put("finished_at", Instant.now().toString());
        return root;
    }

    private static void strings(ArrayNode a, List<String> v) { v.forEach(a::add); }
    private static void ints(ArrayNode a, int[] v) { for (int x : v) a.add(x); }
    private static void longs(ArrayNode a, long[] v) { for (long x : v) a.add(x); }
    private static void doubles(ArrayNode a, double... v) { for (double x : v) a.add(x); }
}
