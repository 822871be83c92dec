package org.dpspark.simulate.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.dpspark.core.plot.Charts;
import org.dpspark.core.table.TrajectorySummaryTable;
import org.dpspark.simulate.analysis.Rdf;

/**
 * The ensemble's PNG plots: conserved energy per atom (relative to its start) and temperature against time
 * for up to {@link #MAX_SERIES} trajectories, and g(r) per element pair averaged over the dumped frames of all
 * trajectories of the same structure, potential and temperature (with {@code rdf.csv} holding the numbers).
 */
public final class EnsemblePlots {
    private EnsemblePlots() {}

    /** Most trajectories drawn in the energy and temperature plots (the first by id). */
    public static final int MAX_SERIES = 16;

    /**
     * @param dir plots folder (created)
     * @param summaries summary-table rows
     * @param rdfRows rows of {@link EnsembleRows#RDF_STRUCT}
     * @param modes execution modes that ran (shown in the titles)
     * @return the files written
     */
    public static List<Path> write(Path dir, List<Row> summaries, List<Row> rdfRows, String modes) {
        List<Path> written = new ArrayList<>();
        List<Row> sorted = new ArrayList<>(summaries);
        sorted.sort((a, b) -> a.<String>getAs(TrajectorySummaryTable.TRAJECTORY_ID)
                .compareTo(b.getAs(TrajectorySummaryTable.TRAJECTORY_ID)));
        List<String> names = new ArrayList<>();
        List<double[]> xs = new ArrayList<>(), energies = new ArrayList<>(), temps = new ArrayList<>();
        for (Row r : sorted) {
            double[] t = doubles(r, TrajectorySummaryTable.THERMO_TIME);
            if (t.length < 2 || names.size() == MAX_SERIES) {
                continue;
            }
            double[] e = doubles(r, TrajectorySummaryTable.THERMO_CONSERVED);
            int n = r.getAs(TrajectorySummaryTable.NATOMS);
            double[] ps = new double[t.length], de = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                ps[k] = t[k] * 1e-3;
                de[k] = (e[k] - e[0]) / n * 1e3;
            }
            String integrator = r.<String>getAs(TrajectorySummaryTable.INTEGRATOR);
            names.add(String.format(Locale.ROOT, "%s %s %.0fK %s", r.<String>getAs(TrajectorySummaryTable.TRAJECTORY_ID)
                    .substring(0, 6), r.<String>getAs(TrajectorySummaryTable.STRUCTURE),
                    r.<Double>getAs(TrajectorySummaryTable.TEMPERATURE_TARGET),
                    integrator.substring(0, integrator.indexOf('(') < 0 ? integrator.length() : integrator.indexOf('('))));
            xs.add(ps);
            energies.add(de);
            temps.add(doubles(r, TrajectorySummaryTable.THERMO_TEMPERATURE));
        }
        if (!names.isEmpty()) {
            String[] nm = names.toArray(String[]::new);
            Path e = dir.resolve("energy.png");
            Charts.lines(e, "Conserved energy per atom minus its start (" + modes + ")", "time (ps)", "ΔE (meV/atom)",
                    nm, xs.toArray(double[][]::new), energies.toArray(double[][]::new));
            written.add(e);
            Path t = dir.resolve("temperature.png");
            Charts.lines(t, "Temperature (" + modes + ")", "time (ps)", "T (K)", nm, xs.toArray(double[][]::new),
                    temps.toArray(double[][]::new));
            written.add(t);
        }
        written.addAll(rdf(dir, rdfRows, modes));
        return written;
    }

    /** Merged g(r) per (group, pair); writes rdf.png and rdf.csv. */
    static List<Path> rdf(Path dir, List<Row> rows, String modes) {
        Map<String, double[]> counts = new TreeMap<>();
        Map<String, Double> norms = new LinkedHashMap<>();
        double rmax = 0;
        int bins = 0;
        for (Row r : rows) {
            rmax = r.getAs("r_max");
            bins = r.getAs("bins");
            List<String> pairs = r.getList(r.fieldIndex("pairs"));
            double[] c = doubles(r, "counts");
            double[] nrm = doubles(r, "norm");
            for (int p = 0; p < pairs.size(); p++) {
                String key = r.<String>getAs("group") + ": " + pairs.get(p);
                double[] acc = counts.computeIfAbsent(key, k -> new double[c.length / pairs.size()]);
                for (int k = 0; k < acc.length; k++) {
                    acc[k] += c[p * acc.length + k];
                }
                norms.merge(key, nrm[p], Double::sum);
            }
        }
        if (counts.isEmpty()) {
            return List.of();
        }
        double[] r = Rdf.centres(rmax, bins);
        List<String> names = new ArrayList<>(counts.keySet());
        double[][] xs = new double[names.size()][], gs = new double[names.size()][];
        StringBuilder csv = new StringBuilder("r_A");
        for (int s = 0; s < names.size(); s++) {
            xs[s] = r;
            gs[s] = Rdf.g(counts.get(names.get(s)), norms.get(names.get(s)), 0, rmax, bins);
            csv.append(",\"").append(names.get(s)).append('"');
        }
        csv.append('\n');
        for (int k = 0; k < bins; k++) {
            csv.append(String.format(Locale.ROOT, "%.5f", r[k]));
            for (double[] g : gs) {
                csv.append(String.format(Locale.ROOT, ",%.6g", g[k]));
            }
            csv.append('\n');
        }
        Path png = dir.resolve("rdf.png"), file = dir.resolve("rdf.csv");
        Charts.lines(png, "Radial distribution function over the dumped frames (" + modes + ")", "r (Å)", "g(r)",
                names.toArray(String[]::new), xs, gs);
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return List.of(png, file);
    }

    static double[] doubles(Row r, String column) {
        int i = r.fieldIndex(column);
        if (r.isNullAt(i)) {
            return new double[0];
        }
        List<Double> l = r.getList(i);
        double[] a = new double[l.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = l.get(k);
        }
        return a;
    }
}
