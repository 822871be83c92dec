package org.dpspark.train.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.dpspark.model.stats.EnergyBias;
import org.dpspark.model.stats.DataStatistics;
import org.dpspark.model.stats.NeighborStatistics;
import org.dpspark.model.stats.StatisticsPasses;
import org.dpspark.model.stats.StatsFile;
import org.dpspark.model.stats.StatsInputs;
import org.dpspark.model.stats.StatsJson;

/**
 * Data statistics a model starts from, computed with the model module's mergeable accumulators in executors
 * (mapPartitions + reduce): {@code sel} (auto), davg/dstd per centre type ({@link EnvMatStatistics}, DeePMD-kit's
 * EnvMatStatSe) and the per-type energy bias ({@link EnergyBias}, least squares). Written as JSON next to the model
 * and accepted back through {@code --stats}.
 *
 * @param typeMap element per type
 * @param rcut r_c, Å
 * @param rcutSmth r_s, Å
 * @param sel slots per type
 * @param maxNeighbours largest neighbour count per type seen
 * @param davg T×N×4, flat
 * @param dstd T×N×4, flat
 * @param energyBias per type, eV
 * @param frames frames the statistics were computed from
 */
public record TrainStats(List<String> typeMap, double rcut, double rcutSmth, int[] sel, int[] maxNeighbours, double[] davg,
        double[] dstd, double[] energyBias, long frames) implements Serializable {

    /**
     * Statistics computed here, with the accumulators that {@code stats.json} records beside them.
     *
     * @param stats      the statistics the model starts from
     * @param neighbours pass 1: neighbour counts over the sampled frames
     * @param data       pass 2: davg/dstd, energy bias, overflow over the same frames
     * @param selSource  {@code auto} or {@code config}
     */
    public record Computed(TrainStats stats, NeighborStatistics neighbours, DataStatistics data, String selSource) {

        /** Writes {@code stats.json} in the one format featurize writes too ({@link StatsJson}). */
        public void write(Path file, double selRatio, String table, Map<String, Object> provenance) throws IOException {
            Object config = provenance == null ? null : provenance.get("config");
            String configJson = config == null ? "{}" : config instanceof String c ? c
                    : new ObjectMapper().writeValueAsString(config);
            String command = provenance == null ? "" : String.valueOf(provenance.getOrDefault("command", ""));
            StatsInputs inputs = new StatsInputs(stats.rcut, stats.rcutSmth, stats.sel, selRatio, "train", command, configJson);
            ObjectNode json = StatsJson.build(inputs, stats.typeMap, selSource, neighbours, data, table, "train");
            json.put("producer", PRODUCER);
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        }
    }

    /** The {@code producer} of a stats.json written by train (featurize's carry none or {@code featurize}). */
    public static final String PRODUCER = "train";

    /** Computes the statistics; {@code sel == null} means auto with {@code selRatio}. */
    public static Computed compute(JavaRDD<TrainFrame> frames, List<String> typeMap, double rcut, double rcutSmth, int[] sel,
            double selRatio) {
        int nt = typeMap.size();
        NeighborStatistics ns = frames.mapPartitions((Iterator<TrainFrame> it) -> {
            NeighborStatistics s = new NeighborStatistics(nt, rcut);
            StatisticsPasses passes = new StatisticsPasses(rcut, rcutSmth, null);
            while (it.hasNext()) {
                TrainFrame f = it.next();
                passes.addNeighbors(f.positions(), f.cell(), f.pbc(), f.types(), s);
            }
            return List.of(s).iterator();
        }).collect().stream().reduce(NeighborStatistics::merge).orElseThrow(); // partition order, not task completion order: same sums each run
        int[] useSel = sel != null ? sel.clone() : ns.selAuto(selRatio);
        if (useSel.length != nt) throw new IllegalArgumentException("sel has " + useSel.length + " entries for " + nt + " types");
        DataStatistics d = frames.mapPartitions((Iterator<TrainFrame> it) -> {
            DataStatistics q = new DataStatistics(useSel);
            StatisticsPasses passes = new StatisticsPasses(rcut, rcutSmth, useSel);
            while (it.hasNext()) {
                TrainFrame f = it.next();
                passes.addFrame(f.id(), f.positions(), f.cell(), f.pbc(), f.types(), f.hasEnergy() ? f.energy() : null,
                        true, q);
            }
            return List.of(q).iterator();
        }).collect().stream().reduce(DataStatistics::merge).orElseThrow(); // partition order (reproducible sums)
        TrainStats st = new TrainStats(typeMap, rcut, rcutSmth, useSel, ns.maxNeighbors(), d.env().davg(), d.env().dstd(),
                d.bias().solve(), ns.frames());
        return new Computed(st, ns, d, sel == null ? "auto" : "config");
    }

    /** Reads a stats.json of a train run written before the one format (the record's own JSON). */
    public static TrainStats read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), TrainStats.class);
    }

    /**
     * Reads the statistics for a model over {@code typeMap}: a stats.json of an earlier train run (its type map must
     * be {@code typeMap}), or featurize's stats.json ({@link StatsFile}), whose per-type rows (sel, davg/dstd, energy
     * bias) are taken for the types of {@code typeMap} by name. Featurize's energy bias is a least-squares fit over
     * all the data it saw; with several datasets of different references, a train run's own statistics fit better.
     */
    public static TrainStats read(Path file, List<String> typeMap) throws IOException {
        String text = java.nio.file.Files.readString(file);
        com.fasterxml.jackson.databind.JsonNode tree = new ObjectMapper().readTree(text);
        if (!tree.has("format")) {
            TrainStats st = new ObjectMapper().readValue(text, TrainStats.class);
            if (!st.typeMap().equals(typeMap)) throw new IllegalArgumentException(file + ": type map " + st.typeMap() + " != " + typeMap);
            return st;
        }
        StatsFile f = StatsFile.parse(text);
        int nt = typeMap.size();
        int[] idx = new int[nt];
        for (int t = 0; t < nt; t++) {
            idx[t] = f.typeMap().indexOf(typeMap.get(t));
            if (idx[t] < 0) throw new IllegalArgumentException(file + ": no statistics for type " + typeMap.get(t) + " (has " + f.typeMap() + ")");
        }
        int[] sel = new int[nt];
        double[] bias = new double[nt];
        for (int t = 0; t < nt; t++) {
            sel[t] = f.sel()[idx[t]];
            bias[t] = f.energyBias()[idx[t]];
        }
        int nnei = java.util.Arrays.stream(sel).sum();
        double[] davg = new double[nt * nnei * 4], dstd = new double[nt * nnei * 4];
        for (int t = 0; t < nt; t++) {
            for (int q = 0; q < nnei; q++) {
                System.arraycopy(f.davgPerType(), 4 * idx[t], davg, (t * nnei + q) * 4, 4);
                System.arraycopy(f.dstdPerType(), 4 * idx[t], dstd, (t * nnei + q) * 4, 4);
            }
        }
        // the largest neighbour counts when the file has them (neighbors.max_per_type), else sel
        int[] maxNb = sel.clone();
        com.fasterxml.jackson.databind.JsonNode max = tree.path("neighbors").path("max_per_type");
        if (max.isArray() && max.size() == f.typeMap().size()) {
            for (int t = 0; t < nt; t++) maxNb[t] = max.get(idx[t]).asInt();
        }
        // the count of the frames its davg/dstd came from (frames.statistics)
        return new TrainStats(typeMap, f.rcut(), f.rcutSmth(), sel, maxNb, davg, dstd, bias,
                tree.path("frames").path("statistics").asLong(0));
    }

    /**
     * True for featurize's stats.json, whose energy bias fits its whole table; false for a train run's own (written
     * with {@code producer = train}, or in the record's JSON before the one format).
     */
    public static boolean isFeaturizeFile(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = new ObjectMapper().readTree(file.toFile());
        return tree.has("format") && !PRODUCER.equals(tree.path("producer").asText());
    }

    /**
     * This statistics with the energy bias fitted again on {@code data} (least squares over the frames with an
     * energy, {@link EnergyBias}); kept as it is when none has an energy. For featurize's stats.json, whose bias fits
     * every dataset of the table it featurized (several references: biases of hundreds of eV of either sign that no
     * single training set shares), while davg/dstd only describe geometry and stay valid.
     */
    public TrainStats withEnergyBias(JavaRDD<TrainFrame> data) {
        int nt = typeMap.size();
        EnergyBias b = data.mapPartitions((Iterator<TrainFrame> it) -> {
            EnergyBias q = new EnergyBias(nt);
            while (it.hasNext()) {
                TrainFrame f = it.next();
                if (f.hasEnergy()) q.addFrame(f.types(), f.energy());
            }
            return List.of(q).iterator();
        }).collect().stream().reduce(EnergyBias::merge).orElseThrow(); // partition order (reproducible sums)
        return b.frames() == 0 ? this : new TrainStats(typeMap, rcut, rcutSmth, sel, maxNeighbours, davg, dstd, b.solve(), frames);
    }

    /** Throws unless these statistics were computed with the cutoffs r_c and r_s (Å) of the model to train. */
    public TrainStats requireCutoffs(double rc, double rs, Path file) {
        if (Math.abs(rc - rcut) > 1e-9 || Math.abs(rs - rcutSmth) > 1e-9) {
            throw new IllegalArgumentException(file + ": statistics for rcut " + rcut + ", rcut-smth " + rcutSmth
                    + " Å, but the model has rcut " + rc + ", rcut-smth " + rs + " Å (davg/dstd depend on both)");
        }
        return this;
    }

    /** A one-line summary for the log. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < typeMap.size(); t++) {
            int per = davg.length / typeMap.size();
            parts.add(String.format("%s: sel %d (max %d), davg_s %.4f, dstd_s %.4f, dstd_a %.4f, bias %.4f eV", typeMap.get(t),
                    sel[t], maxNeighbours[t], davg[t * per], dstd[t * per], dstd[t * per + 1], energyBias[t]));
        }
        return "statistics of " + frames + " frames: " + String.join("; ", parts);
    }
}
