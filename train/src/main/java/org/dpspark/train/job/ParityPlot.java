package org.dpspark.train.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Parity plot (prediction vs label, with the diagonal) as a headless PNG. */
public final class ParityPlot {
    private ParityPlot() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static void write(Path png, String title, String unit, double[] label, double[] pred) {
        XYChart c = new XYChartBuilder().width(700).height(700).title(title).xAxisTitle("label (" + unit + ")")
                .yAxisTitle("prediction (" + unit + ")").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(3);
        c.getStyler().setLegendVisible(false);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < label.length; k++) {
            lo = Math.min(lo, Math.min(label[k], pred[k]));
            hi = Math.max(hi, Math.max(label[k], pred[k]));
        }
        if (label.length == 0) {
            lo = 0;
            hi = 1;
        }
        c.addSeries("frames", label, pred).setMarker(SeriesMarkers.CIRCLE);
        XYSeries d = c.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        d.setMarker(SeriesMarkers.NONE);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }
}
