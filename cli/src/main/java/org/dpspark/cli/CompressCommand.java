package org.dpspark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dpspark.core.JobOptions;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.compress.EmbeddingTable;
import org.dpspark.model.compress.TableGrid;
import org.dpspark.train.data.MinNeighborDistance;
import org.dpspark.train.job.ModelCompressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dpspark compress}: a se_e2_a model → a compressed model directory (DeePMD-kit's {@code dp compress}): every
 * embedding net tabulated ({@link Compression}), the tables recorded beside the nets (artifact version 2).
 * The upper bound of the tables comes from the smallest neighbour distance of the training data, as DeePMD-kit's:
 * {@code --frames} (one Spark pass over the training frames table: every selected frame), {@code --stats}
 * ({@code neighbors.min_distance} of a featurize statistics file) or {@code --min-nbor-dist}; there is no default (a
 * train run's own stats.json may cover a sample of the frames only), and where it came from is recorded.
 * Defaults ({@code compress.*}) in dpspark-defaults.conf.
 */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = "Compress a se_e2_a model as DeePMD-kit's dp compress: the embedding nets become quintic tables"
                + " (stride, then 10x stride up to extrapolate x the training data's upper bound); MD (execution java)"
                + " then runs the tables.")
public final class CompressCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JobOptions job;

    @Option(names = "--model", required = true, description = "model: a dpspark model directory or a DeePMD-kit .yaml/.dp")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, description = "compressed model directory to create")
    Path output;

    @Option(names = "--stride", description = "first sub-table interval in s̃ (default compress.stride = 0.01)")
    Double stride;

    @Option(names = "--extrapolate", description = "second sub-table end, x the upper bound (default compress.extrapolate = 5)")
    Double extrapolate;

    @Option(names = "--check-frequency", description = "MD evaluations between overflow checks that stop a run; <= 0:"
            + " warn only (default compress.check-frequency = -1)")
    Integer checkFrequency;

    @Option(names = "--min-nbor-dist", description = "smallest neighbour distance of the training data, Å")
    Double minNborDist;

    @Option(names = "--stats", description = "featurize statistics JSON (stats.json) to read neighbors.min_distance from")
    Path stats;

    @Option(names = "--frames", description = "frames table (the training data) whose smallest neighbour distance within"
            + " r_c sets the tables' range (one Spark pass over every selected frame)")
    String frames;

    @Option(names = "--datasets", split = ",", description = "with --frames: dataset globs to read (default: all)")
    List<String> datasets = List.of();

    @Option(names = "--splits", split = ",", description = "with --frames: splits to read (default: all)")
    List<String> splits = List.of();

    @Override
    public Integer call() throws Exception {
        Config c = job.config().getConfig("compress");
        double s = stride != null ? stride : c.getDouble("stride");
        double e = extrapolate != null ? extrapolate : c.getDouble("extrapolate");
        int f = checkFrequency != null ? checkFrequency : c.getInt("check-frequency");
        ModelCompressor.MinDistance rmin = minNeighbourDistance();
        Compression comp = ModelCompressor.compress(model, output, rmin, new ModelCompressor.Settings(s, e, f)).compression();
        var out = spec.commandLine().getOut();
        out.printf("compressed %s → %s: stride %s (then %s), extrapolate %s, min_nbor_dist %.4f Å (%s), check_frequency %d%n",
                model, output, s, 10 * s, e, rmin.distance(), rmin.from(), f);
        for (int k = 0; k < comp.tables().size(); k++) {
            EmbeddingTable t = comp.tables().get(k);
            TableGrid g = t.grid();
            out.printf("  net %d: s̃ in [%.0f, %.0f] by %s, then to %.2f by %s: %d intervals × %d neurons%n", k, g.lower(),
                    g.upper(), g.stride0(), g.max(), g.stride1(), g.nspline(), t.width());
        }
        out.printf("  %d coefficients (%.1f MB float64)%n", comp.coefficientCount(), comp.coefficientCount() * 8e-6);
        out.flush();
        return 0;
    }

    private ModelCompressor.MinDistance minNeighbourDistance() throws Exception {
        int given = (minNborDist != null ? 1 : 0) + (stats != null ? 1 : 0) + (frames != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("give one of --min-nbor-dist, --stats, --frames");
        if ((!datasets.isEmpty() || !splits.isEmpty()) && frames == null) {
            throw new IllegalArgumentException("--datasets and --splits select frames of --frames: give --frames");
        }
        if (minNborDist != null) return new ModelCompressor.MinDistance(minNborDist, "--min-nbor-dist");
        if (frames != null) {
            DeepPotModel m = DeepPotModel.read(model);
            double d = MinNeighborDistance.ofTable(job.spark("compress"), frames, datasets, splits, m.typeMap(), m.rcut());
            return new ModelCompressor.MinDistance(d, "frames table " + frames + " (datasets "
                    + (datasets.isEmpty() ? "all" : datasets) + ", splits " + (splits.isEmpty() ? "all" : splits) + ")");
        }
        if (stats == null) {
            throw new IllegalArgumentException("compress needs the smallest neighbour distance of the training data:"
                    + " --frames <training frames table>, --stats <featurize stats.json> (its neighbors.min_distance)"
                    + " or --min-nbor-dist <Å>");
        }
        if (!Files.isRegularFile(stats)) throw new IllegalArgumentException(stats + ": statistics file not found");
        JsonNode d = new ObjectMapper().readTree(stats.toFile()).path("neighbors").path("min_distance");
        if (!d.isNumber()) throw new IllegalArgumentException(stats + ": no numeric neighbors.min_distance");
        return new ModelCompressor.MinDistance(d.asDouble(), "statistics file " + stats);
    }

}
