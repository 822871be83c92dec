package org.dpspark.train.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dpspark.core.plot.Charts;

/**
 * The training log {@code lcurve.csv} (one row per display step) and its learning-curve PNG. RMSE columns are in
 * DeePMD-kit's units of lcurve.out: energy and virial per atom (eV/atom), forces (eV/Å); train values come from the
 * batch loss terms (rmse = √loss_term, averaged over the steps since the last row), validation values from the
 * validation frames. On resume, rows after the checkpoint's step are dropped.
 */
public final class TrainingLog {
    public static final String HEADER = "step,lr,loss,pref_e,pref_f,pref_v,rmse_e_trn,rmse_f_trn,rmse_v_trn,"
            + "rmse_e_val,rmse_f_val,rmse_v_val,wall_s";
    private final Path csv;

    public TrainingLog(Path csv, long resumeStep) {
        this.csv = csv;
        try {
            if (resumeStep > 0 && Files.exists(csv)) {
                List<String> keep = new ArrayList<>();
                for (String line : Files.readAllLines(csv)) {
                    if (line.startsWith("step") || Long.parseLong(line.substring(0, line.indexOf(','))) <= resumeStep) keep.add(line);
                }
                Files.write(csv, keep);
            } else {
                Files.writeString(csv, HEADER + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a row. */
    public void add(long step, double lr, double loss, double[] pref, double[] trn, Metrics val, double wallS) {
        String row = String.format(Locale.ROOT, "%d,%.6e,%.6e,%.6g,%.6g,%.6g,%.6e,%.6e,%.6e,%.6e,%.6e,%.6e,%.1f", step, lr, loss,
                pref[0], pref[1], pref[2], trn[0], trn[1], trn[2], val.energyRmse(), val.forceRmse(), val.virialRmse(), wallS);
        try {
            Files.writeString(csv, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the learning curve twice: against the step ({@code stepsPng}) and against the wall time of the training
     * loop in minutes ({@code timePng}, the {@code wall_s} column): validation and training RMSE of energy per atom in
     * meV/atom and of forces in meV/Å.
     */
    public void plot(Path stepsPng, Path timePng) {
        List<double[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(csv)) {
                if (line.startsWith("step")) continue;
                String[] p = line.split(",");
                double[] r = new double[p.length];
                for (int k = 0; k < p.length; k++) r[k] = Double.parseDouble(p[k]);
                rows.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) return;
        int n = rows.size();
        double[] step = new double[n], minutes = new double[n];
        double[] ev = new double[n], fv = new double[n], et = new double[n], ft = new double[n];
        for (int k = 0; k < n; k++) {
            double[] r = rows.get(k);
            step[k] = Math.max(1, r[0]);
            minutes[k] = r[12] / 60;
            et[k] = 1000 * r[6];
            ft[k] = 1000 * r[7];
            ev[k] = 1000 * r[9];
            fv[k] = 1000 * r[10];
        }
        String[] names = {"E valid", "F valid", "E train", "F train"};
        double[][] y = {clean(ev), clean(fv), clean(et), clean(ft)};
        String yLabel = "RMSE (E: meV/atom, F: meV/Å)";
        Charts.lines(stepsPng, "Learning curve", "step", yLabel, names, new double[][] {step, step, step, step}, y);
        Charts.lines(timePng, "Learning curve against wall time", "training wall time (min)", yLabel, names,
                new double[][] {minutes, minutes, minutes, minutes}, y);
    }

    private static double[] clean(double[] a) {
        double[] b = a.clone();
        for (int k = 0; k < b.length; k++) if (!Double.isFinite(b[k])) b[k] = 0;
        return b;
    }
}
