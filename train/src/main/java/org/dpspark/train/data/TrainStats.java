package org.dpspark.train.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.dpspark.model.env.SeAEnvironment;
import org.dpspark.model.env.SeAFrame;
import org.dpspark.model.stats.StatsFile;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.stats.EnergyBias;
import org.dpspark.model.stats.EnvMatStatistics;
import org.dpspark.model.stats.NeighborStatistics;

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

    /** Computes the statistics; {@code sel == null} means auto with {@code selRatio}. */
    public static TrainStats compute(JavaRDD<TrainFrame> frames, List<String> typeMap, double rcut, double rcutSmth, int[] sel,
            double selRatio) {
        int nt = typeMap.size();
        NeighborStatistics ns = frames.mapPartitions((Iterator<TrainFrame> it) -> {
            NeighborStatistics s = new NeighborStatistics(nt, rcut);
            NeighborListBuilder b = new NeighborListBuilder(rcut);
            NeighborList nl = new NeighborList();
            while (it.hasNext()) {
                TrainFrame f = it.next();
                b.build(f.positions(), f.cell(), f.pbc(), nl);
                s.add(nl, f.types());
            }
            return List.of(s).iterator();
        }).reduce(NeighborStatistics::merge);
        int[] useSel = sel != null ? sel.clone() : ns.selAuto(selRatio);
        if (useSel.length != nt) throw new IllegalArgumentException("sel has " + useSel.length + " entries for " + nt + " types");
        int nnei = java.util.Arrays.stream(useSel).sum();
        Partial p = frames.mapPartitions((Iterator<TrainFrame> it) -> {
            Partial q = new Partial(new EnvMatStatistics(nt, nnei), new EnergyBias(nt));
            NeighborListBuilder b = new NeighborListBuilder(rcut);
            NeighborList nl = new NeighborList();
            SeAEnvironment env = new SeAEnvironment(rcut, rcutSmth, useSel);
            SeAFrame sf = new SeAFrame();
            while (it.hasNext()) {
                TrainFrame f = it.next();
                b.build(f.positions(), f.cell(), f.pbc(), nl);
                env.computeFrame(f.types(), nl, sf);
                q.env.add(sf, f.types());
                if (f.hasEnergy()) q.bias.addFrame(f.types(), f.energy());
            }
            return List.of(q).iterator();
        }).reduce((a, b) -> new Partial(a.env.merge(b.env), a.bias.merge(b.bias)));
        return new TrainStats(typeMap, rcut, rcutSmth, useSel, ns.maxNeighbors(), p.env.davg(), p.env.dstd(), p.bias.solve(),
                ns.frames());
    }

    private record Partial(EnvMatStatistics env, EnergyBias bias) implements Serializable {}

    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

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
        // featurize's own count of the frames its davg/dstd came from (frames.statistics)
        return new TrainStats(typeMap, f.rcut(), f.rcutSmth(), sel, sel.clone(), davg, dstd, bias,
                tree.path("frames").path("statistics").asLong(0));
    }

    /** True for featurize's stats.json (it has a {@code format} field), false for a train run's own. */
    public static boolean isFeaturizeFile(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile()).has("format");
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
        }).reduce(EnergyBias::merge);
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
