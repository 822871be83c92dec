package org.dpspark.train.data;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Mean and inverse standard deviation of the frame parameters (over frames) and of the atomic parameters (over all
 * atoms of all frames) that a fitting net with DeePMD-kit's numb_fparam / numb_aparam normalises its extra inputs
 * with: x̂ = (x − avg)·inv_std. As DeePMD-kit's {@code compute_input_stats}: the population standard deviation, raised
 * to {@link #PROTECTION} where it is smaller (a parameter constant over the data, e.g. one electronic temperature,
 * then enters as x − avg = 0 instead of dividing by zero). A mergeable accumulator of sums, so executors compute it in
 * one pass (mapPartitions + reduce).
 */
public final class FrameParamStats implements Serializable {
    /** Smallest standard deviation used (DeePMD-kit's {@code protection}, 1e-2, in the parameter's units). */
    public static final double PROTECTION = 1e-2;

    private final int nfp, nap;
    private final double[] fSum, fSq, aSum, aSq;
    private long frames, atoms;

    /** An empty accumulator for F = {@code nfp} frame and A = {@code nap} atomic parameters. */
    public FrameParamStats(int nfp, int nap) {
        this.nfp = nfp;
        this.nap = nap;
        fSum = new double[nfp];
        fSq = new double[nfp];
        aSum = new double[nap];
        aSq = new double[nap];
    }

    /** Adds one frame: F frame parameters and n×A atomic parameters (row-major); the caller checked the shapes. */
    public FrameParamStats add(TrainFrame f) {
        if (nfp > 0) {
            double[] p = f.fparam();
            if (p == null || p.length != nfp) throw new IllegalArgumentException("frame " + f.id() + " of " + f.dataset()
                    + ": " + (p == null ? "no" : p.length) + " fparam values, the model takes numb_fparam = " + nfp);
            for (int k = 0; k < nfp; k++) {
                fSum[k] += p[k];
                fSq[k] += p[k] * p[k];
            }
            frames++;
        }
        if (nap > 0) {
            double[] p = f.aparam();
            if (p == null || p.length != f.natoms() * nap) throw new IllegalArgumentException("frame " + f.id() + " of "
                    + f.dataset() + ": " + (p == null ? "no" : p.length) + " aparam values for " + f.natoms()
                    + " atoms, the model takes numb_aparam = " + nap + " per atom");
            for (int i = 0; i < f.natoms(); i++) {
                for (int k = 0; k < nap; k++) {
                    double v = p[i * nap + k];
                    aSum[k] += v;
                    aSq[k] += v * v;
                }
            }
            atoms += f.natoms();
        }
        return this;
    }

    /** This accumulator with {@code o}'s sums added (in place). */
    public FrameParamStats merge(FrameParamStats o) {
        for (int k = 0; k < nfp; k++) {
            fSum[k] += o.fSum[k];
            fSq[k] += o.fSq[k];
        }
        for (int k = 0; k < nap; k++) {
            aSum[k] += o.aSum[k];
            aSq[k] += o.aSq[k];
        }
        frames += o.frames;
        atoms += o.atoms;
        return this;
    }

    /** One pass over {@code data} (sums merged in partition order: the same result every run). */
    public static FrameParamStats compute(JavaRDD<TrainFrame> data, int nfp, int nap) {
        return data.mapPartitions((Iterator<TrainFrame> it) -> {
            FrameParamStats s = new FrameParamStats(nfp, nap);
            while (it.hasNext()) s.add(it.next());
            return List.of(s).iterator();
        }).collect().stream().reduce(FrameParamStats::merge).orElseThrow();
    }

    /** Mean of each frame parameter (F values), or null when F = 0. */
    public double[] fparamAvg() { return nfp == 0 ? null : mean(fSum, frames); }

    /** 1/σ of each frame parameter (σ ≥ {@link #PROTECTION}), or null when F = 0. */
    public double[] fparamInvStd() { return nfp == 0 ? null : invStd(fSum, fSq, frames); }

    /** Mean of each atomic parameter over all atoms (A values), or null when A = 0. */
    public double[] aparamAvg() { return nap == 0 ? null : mean(aSum, atoms); }

    /** 1/σ of each atomic parameter over all atoms (σ ≥ {@link #PROTECTION}), or null when A = 0. */
    public double[] aparamInvStd() { return nap == 0 ? null : invStd(aSum, aSq, atoms); }

    private static double[] mean(double[] sum, long n) {
        if (n == 0) throw new IllegalStateException("no frames for the parameter statistics");
        double[] out = new double[sum.length];
        for (int k = 0; k < sum.length; k++) out[k] = sum[k] / n;
        return out;
    }

    private static double[] invStd(double[] sum, double[] sq, long n) {
        double[] avg = mean(sum, n), out = new double[sum.length];
        for (int k = 0; k < sum.length; k++) {
            double var = Math.max(0, sq[k] / n - avg[k] * avg[k]);
            out[k] = 1.0 / Math.max(PROTECTION, Math.sqrt(var));
        }
        return out;
    }

    /** A one-line summary for the log. */
    public String summary() {
        StringBuilder b = new StringBuilder("parameter statistics:");
        if (nfp > 0) b.append(String.format(" fparam avg %s, std %s over %d frames", fmt(fparamAvg()), fmt(inv(fparamInvStd())), frames));
        if (nap > 0) b.append(String.format(" aparam avg %s, std %s over %d atoms", fmt(aparamAvg()), fmt(inv(aparamInvStd())), atoms));
        return b.toString();
    }

    private static double[] inv(double[] x) {
        double[] o = x.clone();
        for (int k = 0; k < o.length; k++) o[k] = 1 / o[k];
        return o;
    }

    private static String fmt(double[] x) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < x.length; k++) b.append(k == 0 ? "" : ", ").append(String.format("%.6g", x[k]));
        return b.append(']').toString();
    }
}
