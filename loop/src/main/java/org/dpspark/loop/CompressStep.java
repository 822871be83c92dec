package org.dpspark.loop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.TableGrid;
import org.dpspark.train.data.MinNeighborDistance;
import org.dpspark.train.job.ModelCompressor;

/**
 * The loop's {@code compress} step ({@code loop.compress = true}, DP-GEN's {@code dp_compress}): the iteration's
 * trained models tabulated ({@code compress.*} settings) into {@code iter-NNN/compressed/model_k}, with r_min the
 * smallest neighbour distance of the frames they were trained on (the loop's frames table, selected by
 * {@code train.data.datasets}/{@code splits} as training selects it; nothing is appended between training and this
 * step). {@code compressed/summary.json} records r_min, where it came from and every table's range; the report
 * carries r_min per iteration.
 */
final class CompressStep {
    /** The step's record beside the compressed models. */
    static final String SUMMARY = "compressed/summary.json";

    private CompressStep() {}

    /** The compressed models' folders of iteration folder {@code id}. */
    static List<String> models(Path id, int n) {
        List<String> l = new ArrayList<>();
        for (int k = 0; k < n; k++) l.add(id.resolve("compressed/model_" + k).toString());
        return l;
    }

    static void run(SparkSession spark, LoopSettings s, String frames, List<String> trained, Path id, PrintWriter out)
            throws IOException {
        DeepPotModel first = DeepPotModel.read(Path.of(trained.get(0)));
        Config data = s.root.getConfig("train.data");
        List<String> datasets = data.getStringList("datasets"), splits = data.getStringList("splits");
        double rmin = MinNeighborDistance.ofTable(spark, frames, datasets, splits, first.typeMap(), first.rcut());
        String from = String.format(Locale.ROOT, "loop frames table %s (datasets %s, splits %s) at %s", frames,
                datasets.isEmpty() ? "all" : datasets, splits.isEmpty() ? "all" : splits, id.getFileName());
        Config c = s.root.getConfig("compress");
        ModelCompressor.Settings settings = new ModelCompressor.Settings(c.getDouble("stride"), c.getDouble("extrapolate"),
                c.getInt("check-frequency"));
        List<String> outDirs = models(id, trained.size());
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("min_nbor_dist", rmin);
        n.put("min_nbor_dist_from", from);
        n.put("stride", settings.stride());
        n.put("extrapolate", settings.extrapolate());
        n.put("check_frequency", settings.checkFrequency());
        ArrayNode ms = n.putArray("models");
        for (int k = 0; k < trained.size(); k++) {
            DeepPotModel m = ModelCompressor.compress(Path.of(trained.get(k)), Path.of(outDirs.get(k)),
                    new ModelCompressor.MinDistance(rmin, from), settings);
            ObjectNode e = ms.addObject();
            e.put("model", trained.get(k));
            e.put("compressed", outDirs.get(k));
            ArrayNode ranges = e.putArray("tables");
            for (var t : m.compression().tables()) {
                TableGrid g = t.grid();
                ranges.addObject().put("lower", g.lower()).put("upper", g.upper()).put("max", g.max());
            }
        }
        DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(id.resolve(SUMMARY).toFile(), n);
        out.printf(Locale.ROOT, "loop: compressed %d models into %s: r_min %.4f Å from the training frames, stride %s,"
                + " extrapolate %s%n", trained.size(), id.resolve("compressed"), rmin, settings.stride(), settings.extrapolate());
    }
}
