package org.dpspark.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.plot.Charts;

/**
 * The per-iteration report, rebuilt from the steps' summaries on disk: {@code report.csv}, {@code report.md} and
 * {@code report.png} (accurate / candidate / failed fractions) and {@code report-rmse.png} (test force RMSE).
 */
public final class LoopReport {
    private LoopReport() {}

    /**
     * One iteration.
     *
     * @param iteration index
     * @param trainFrames frames in the table when its models were trained (init + earlier appends; -1 if unknown)
     * @param explored frames explored
     * @param accurate fraction with max_devi_f &lt; trust_lo
     * @param candidate fraction in [trust_lo, trust_hi)
     * @param failed fraction ≥ trust_hi
     * @param selected candidates chosen for labelling
     * @param labelled frames labelled
     * @param appended labelled frames added to the table (a structure already there is not added twice)
     * @param labelFailed labelling failures (rejects)
     * @param energyRmse test energy RMSE of model_0 on fresh reference MD frames, eV/atom (NaN: no test)
     * @param forceRmse test force RMSE, eV/Å (NaN: no test)
     * @param seconds wall time of the iteration's steps, s
     * @param compressedMinNborDist r_min (Å) of the compressed models the exploration ran (loop.compress); NaN: the
     *        exploration ran the trained models uncompressed
     */
    public record Row(int iteration, long trainFrames, long explored, double accurate, double candidate, double failed,
            long selected, long labelled, long appended, long labelFailed, double energyRmse, double forceRmse, double seconds,
            double compressedMinNborDist) {}

    static List<Row> write(Path dir, LoopState state, LoopSettings s) throws IOException {
        List<Row> rows = new ArrayList<>();
        long frames = count(dir.resolve("init/label/append.json"), "frames_written");
        // inputs ingested as they are (not relabelled) leave no init/label/append.json: see frames/_dataset.json
        if (!s.c.getStringList("init.inputs").isEmpty() && !s.initRelabel) frames = -1;
        for (int i = 0; ; i++) {
            String it = LoopRunner.iter(i);
            Path id = dir.resolve(it);
            if (!state.done(it + "/select")) break;
            JsonNode sel = read(id.resolve("select/summary.json"));
            JsonNode lab = state.done(it + "/label") ? read(id.resolve("label/summary.json")) : null;
            JsonNode test = state.done(it + "/test") ? read(id.resolve("test/summary.json")) : null;
            JsonNode comp = state.done(it + "/compress") ? read(id.resolve(CompressStep.SUMMARY)) : null;
            double sec = 0;
            for (String st : List.of("train", "test", "compress", "explore", "select", "label", "append")) sec += state.seconds(it + "/" + st);
            long labelled = lab == null ? 0 : lab.path("labelled").asLong();
            long appended = state.done(it + "/append") ? count(id.resolve("label/append.json"), "frames_written") : 0;
            rows.add(new Row(i, frames, sel.path("frames").asLong(), sel.path("accurate_fraction").asDouble(),
                    sel.path("candidate_fraction").asDouble(), sel.path("failed_fraction").asDouble(),
                    sel.path("selected").asLong(), labelled, appended, lab == null ? 0 : lab.path("failed").asLong(),
                    test == null ? Double.NaN : test.path("energy_rmse_per_atom").asDouble(),
                    test == null ? Double.NaN : test.path("force_rmse").asDouble(), sec,
                    comp == null ? Double.NaN : comp.path("min_nbor_dist").asDouble()));
            if (frames >= 0) frames += appended;
        }
        StringBuilder csv = new StringBuilder("iteration,train_frames,explored_frames,accurate_fraction,candidate_fraction,"
                + "failed_fraction,selected,labelled,appended,label_failed,test_energy_rmse_ev_per_atom,test_force_rmse_ev_per_a,seconds,compressed_min_nbor_dist_a\n");
        StringBuilder md = new StringBuilder("| iteration | training frames | explored | accurate | candidate | failed | selected"
                + " | labelled | appended | label failures | test E RMSE (meV/atom) | test F RMSE (meV/Å) | wall (s)"
                + " | compressed (r_min Å) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f,%.6f,%.6f,%d,%d,%d,%d,%.6g,%.6g,%.1f,%s%n", r.iteration(),
                    r.trainFrames(), r.explored(), r.accurate(), r.candidate(), r.failed(), r.selected(), r.labelled(),
                    r.appended(), r.labelFailed(), r.energyRmse(), r.forceRmse(), r.seconds(),
                    Double.isNaN(r.compressedMinNborDist()) ? "" : String.format(Locale.ROOT, "%.6f", r.compressedMinNborDist())));
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %.3f | %.3f | %.3f | %d | %d | %d | %d | %s | %s | %.0f | %s |%n",
                    r.iteration(), r.trainFrames() < 0 ? "-" : Long.toString(r.trainFrames()), r.explored(), r.accurate(),
                    r.candidate(), r.failed(), r.selected(), r.labelled(), r.appended(), r.labelFailed(), milli(r.energyRmse(), 2),
                    milli(r.forceRmse(), 1), r.seconds(), Double.isNaN(r.compressedMinNborDist()) ? "no"
                    : String.format(Locale.ROOT, "yes (%.3f)", r.compressedMinNborDist())));
        }
        Files.writeString(dir.resolve("report.csv"), csv);
        Files.writeString(dir.resolve("report.md"), md);
        if (!rows.isEmpty()) {
            double[] x = rows.stream().mapToDouble(Row::iteration).toArray();
            Charts.lines(dir.resolve("report.png"), "Model deviation of the explored frames per iteration", "iteration",
                    "fraction of frames", new String[] {"accurate", "candidate", "failed"}, new double[][] {x, x, x},
                    new double[][] {rows.stream().mapToDouble(Row::accurate).toArray(),
                        rows.stream().mapToDouble(Row::candidate).toArray(), rows.stream().mapToDouble(Row::failed).toArray()});
            if (rows.stream().anyMatch(r -> Double.isFinite(r.forceRmse()))) {
                Charts.lines(dir.resolve("report-rmse.png"), "Force RMSE of model_0 on fresh reference MD frames",
                        "iteration", "force RMSE (meV/Å)", new String[] {"force RMSE"}, new double[][] {x},
                        new double[][] {rows.stream().mapToDouble(r -> 1000 * r.forceRmse()).toArray()});
            }
        }
        return rows;
    }

    private static String milli(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", 1000 * v) : "-";
    }

    private static JsonNode read(Path p) throws IOException {
        return DatasetSidecar.json().readTree(p.toFile());
    }

    private static long count(Path p, String field) throws IOException {
        return Files.isRegularFile(p) ? read(p).path(field).asLong() : 0;
    }
}
