package org.dpspark.core.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Headless PNG charts (XChart) used by the jobs' reports. */
public final class Charts {
    private Charts() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Writes a histogram as a step line chart. */
    public static void histogram(Path png, String title, String xLabel, Histogram h) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel)
                .yAxisTitle("count").build();
        chart.getStyler().setLegendVisible(false);
        double[] y = Arrays.stream(h.counts()).asDoubleStream().toArray();
        XYSeries s = chart.addSeries(title, h.centres(), y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        save(chart, png);
    }

    /** Writes an XY line chart of one or more series (names[i] → xs[i], ys[i]). */
    public static void lines(Path png, String title, String xLabel, String yLabel, String[] names,
                             double[][] xs, double[][] ys) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        for (int i = 0; i < names.length; i++) {
            chart.addSeries(names[i], xs[i], ys[i]).setMarker(SeriesMarkers.NONE);
        }
        save(chart, png);
    }

    private static void save(XYChart chart, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
