package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeepmdSystemsTest {
    @TempDir
    Path tmp;

    /** The same molecule with its atoms in reverse order. */
    private static Frame reversed(Frame f) {
        int n = f.natoms();
        String[] l = f.typeLabels();
        double[] p = f.positions();
        double[] fo = f.forces();
        String[] rl = new String[n];
        double[] rp = new double[3 * n];
        double[] rf = new double[3 * n];
        int[] z = f.atomicNumbers();
        int[] rz = new int[n];
        for (int i = 0; i < n; i++) {
            rl[i] = l[n - 1 - i];
            rz[i] = z[n - 1 - i];
            System.arraycopy(p, 3 * (n - 1 - i), rp, 3 * i, 3);
            System.arraycopy(fo, 3 * (n - 1 - i), rf, 3 * i, 3);
        }
        return f.toBuilder().typeLabels(rl).atomicNumbers(rz).positions(rp).forces(rf).build();
    }

    @Test
    void framesWithADifferentAtomOrderGoToDifferentSystems() throws IOException {
        List<Frame> water = Records.read(new DeepmdNpyReader(), SharedData.path("deepmd/water/data_0"),
                ReadOptions.of("mix")).frames().subList(0, 4);
        List<Frame> cho = Records.read(new DeepmdNpyReader(), SharedData.path("deepmd/nopbc-CHO/C4H3O1"),
                ReadOptions.of("mix")).frames();
        List<Frame> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add(water.get(i));
            all.add(cho.get(i));
            all.add(reversed(cho.get(i)));
        }
        Map<DeepmdSystems.SystemKey, List<Frame>> groups = DeepmdSystems.group(all);
        assertEquals(3, groups.size());
        assertEquals(List.of("O64H128", "H3C4O1", "O1C4H3"),
                groups.keySet().stream().map(DeepmdSystems.SystemKey::name).toList());
        groups.values().forEach(g -> assertEquals(4, g.size()));

        Map<DeepmdSystems.SystemKey, DeepmdNpyWriter.Summary> written = DeepmdSystems.writeAll(all, tmp, 3, List.of());
        assertEquals(3, written.size());
        for (Map.Entry<DeepmdSystems.SystemKey, DeepmdNpyWriter.Summary> e : written.entrySet()) {
            Records back = Records.read(new DeepmdNpyReader(), e.getValue().dir(), ReadOptions.of("mix"));
            assertEquals(groups.get(e.getKey()).size(), back.frames().size());
            for (int i = 0; i < back.frames().size(); i++) {
                Frame expected = groups.get(e.getKey()).get(i);
                assertEquals(expected.toBuilder().sourceFile(back.frames().get(i).sourceFile()).sourceIndex(i).build(),
                        back.frames().get(i));
            }
        }
        assertEquals(tmp.resolve("mix").resolve("O64H128"), written.values().iterator().next().dir());
    }
}
