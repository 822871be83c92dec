package org.dpspark.featurize.job;

import org.dpspark.model.stats.DataStatistics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dpspark.model.stats.NeighborStatistics;

/**
 * What one featurize run did, and the statistics it printed.
 *
 * @param settings     the settings with resolved type map and final sel
 * @param selSource    {@code auto:<ratio>} or {@code config}
 * @param neighbors    merged neighbour statistics (all frames)
 * @param stats        merged pass-2 statistics
 * @param output       output folder
 * @param descriptorRows rows written to the descriptors table (0 when not written)
 * @param environmentRows rows written to the environments table (0 when not written)
 * @param seconds      wall time
 */
public record FeaturizeSummary(FeaturizeSettings settings, String selSource, NeighborStatistics neighbors,
                               DataStatistics stats, String output, long descriptorRows, long environmentRows,
                               double seconds) {

    public List<String> typeMap() { return settings.model().typeMap(); }

    public String render() {
        List<String> tm = typeMap();
        int nt = tm.size();
        StringBuilder sb = new StringBuilder();
        org.dpspark.model.ModelSettings m = settings.model();
        sb.append(String.format(Locale.ROOT, "featurize: %d frames, %d atoms, type map %s, rcut %.3g Å, rcut_smth %.3g Å"
                + " (%.1f s)%n", stats.frames(), neighbors.atoms(), tm, m.rcut(), m.rcutSmth(), seconds));
        int[] max = neighbors.maxNeighbors();
        sb.append(String.format(Locale.ROOT, "  max neighbours within rcut per type: %s (min distance %.3f Å)%n",
                Arrays.toString(max), neighbors.minDistance()));
        for (int c = 0; c < nt; c++) {
            StringBuilder row = new StringBuilder();
            for (int t = 0; t < nt; t++) row.append(t > 0 ? ", " : "").append(tm.get(t)).append(' ')
                    .append(neighbors.maxNeighbors(c, t));
            sb.append("    centre ").append(tm.get(c)).append(": max ").append(row).append('\n');
        }
        int[] auto = neighbors.selAuto(m.sel().autoRatio());
        sb.append(String.format(Locale.ROOT, "  sel %s (%s); sel auto = wrap_up_4(⌊%.3g × max⌋) = %s%n",
                Arrays.toString(m.sel().slots()), selSource, m.sel().autoRatio(), Arrays.toString(auto)));
        sb.append("  ").append(stats.overflow().message().replace("\n", "\n  ")).append('\n');
        var env = stats.envStatistics();
        sb.append(String.format(Locale.ROOT, "  davg/dstd from %d %s frames (padding included):%n", stats.statsFrames(),
                settings.statsSplit()));
        for (int t = 0; t < nt; t++) {
            sb.append(String.format(Locale.ROOT, "    %-4s davg [%.6f, 0, 0, 0]  dstd [%.6f, %.6f ×3]  (%d slots)%n",
                    tm.get(t), env.meanRadial(t), env.stdRadial(t), env.stdAngular(t), env.count(t)));
        }
        var bias = stats.energyBias();
        if (bias.frames() > 0) {
            double[] b = bias.solve();
            sb.append(String.format(Locale.ROOT, "  energy bias (eV/atom, lstsq over %d frames): ", bias.frames()));
            for (int t = 0; t < nt; t++) sb.append(t > 0 ? ", " : "").append(tm.get(t)).append(' ')
                    .append(String.format(Locale.ROOT, "%.6f", b[t]));
            sb.append(String.format(Locale.ROOT, " (residual std %.4f eV)%n", bias.residualStd(b)));
        } else {
            sb.append("  energy bias: no frame with an energy in the statistics split\n");
        }
        sb.append("  stats: ").append(output).append("/stats.json, plot ").append(output)
                .append("/neighbor_counts.png\n");
        if (descriptorRows > 0) {
            sb.append(String.format(Locale.ROOT, "  descriptors (%s, dim %d): %d rows in %s/descriptors%n",
                    settings.descriptor().configName(), descriptorDim(), descriptorRows, output));
        }
        if (environmentRows > 0) {
            sb.append(String.format(Locale.ROOT, "  environments (nnei %d): %d rows in %s/environments%n",
                    Arrays.stream(settings.model().sel().slots()).sum(), environmentRows,
                    output));
        }
        return sb.toString();
    }

    private int descriptorDim() {
        return new Featurizer(settings).descriptor().dim();
    }
}
