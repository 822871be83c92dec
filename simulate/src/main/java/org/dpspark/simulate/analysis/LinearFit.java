package org.dpspark.simulate.analysis;

/** Least squares and moments of sampled series. */
public final class LinearFit {
    private LinearFit() {}

    /** Slope of the least-squares line y(x) over the first n samples (NaN for fewer than 2). */
    public static double slope(double[] x, double[] y, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x, n), my = mean(y, n);
        double sxy = 0, sxx = 0;
        for (int k = 0; k < n; k++) {
            double dx = x[k] - mx;
            sxy += dx * (y[k] - my);
            sxx += dx * dx;
        }
        return sxx > 0 ? sxy / sxx : Double.NaN;
    }

    /** Mean of the first n samples (NaN for none). */
    public static double mean(double[] a, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int k = 0; k < n; k++) {
            s += a[k];
        }
        return s / n;
    }

    /** Sample standard deviation (n − 1) of the first n samples (NaN for fewer than 2). */
    public static double std(double[] a, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double m = mean(a, n), v = 0;
        for (int k = 0; k < n; k++) {
            v += (a[k] - m) * (a[k] - m);
        }
        return Math.sqrt(v / (n - 1));
    }
}
