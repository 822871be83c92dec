package org.dpspark.simulate.dp;

import org.dpspark.core.testing.NpyRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.testing.SharedData;

/** One frame of DeePMD-kit's water example data (deepmd/water/data_0: 192 atoms, O=0, H=1, 12.44 Å cubic box). */
final class WaterFrame {
    final double[] coord;
    final double[] box;
    final int[] types;

    private WaterFrame(double[] coord, double[] box, int[] types) {
        this.coord = coord;
        this.box = box;
        this.types = types;
    }

    static WaterFrame load(int frame) throws IOException {
        Path dir = SharedData.path("deepmd/water/data_0");
        String[] t = Files.readString(dir.resolve("type.raw")).trim().split("\\s+");
        int[] types = new int[t.length];
        for (int i = 0; i < t.length; i++) types[i] = Integer.parseInt(t[i]);
        double[] c = NpyRows.row(dir.resolve("set.000/coord.npy"), frame, 3 * types.length);
        double[] b = NpyRows.row(dir.resolve("set.000/box.npy"), frame, 9);
        return new WaterFrame(c, b, types);
    }
}
