package org.dpspark.model.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.neighbor.NeighborList;
import org.dpspark.model.neighbor.NeighborListBuilder;
import org.dpspark.model.testing.BruteForceNeighbors;
import org.junit.jupiter.api.Test;

/**
 * The 6-atom frame of DeePMD-kit's reference case {@code deepmd-models/deeppot_sea-testcase-block1.yaml}
 * (coord, atype, box read from that file; r_c 6.0, r_s 0.5, sel [46, 92] from {@code deeppot_sea.yaml}).
 * Checks what can be checked without the network: slot occupancy equals brute-force counts, finite values,
 * padding, and the exact per-slot values for the nearest neighbour.
 */
class DeepPotTestcaseEnvTest {

    /** Reads the numbers of a flow list "key:\n  [ a,\n b, ... ]" or "key: [a, b]" below the first "- coord:". */
    static double[] list(List<String> lines, String key) {
        int k = 0;
        while (!lines.get(k).trim().startsWith(key + ":") && !lines.get(k).trim().startsWith("- " + key + ":")) k++;
        StringBuilder sb = new StringBuilder(lines.get(k).substring(lines.get(k).indexOf(':') + 1));
        while (!sb.toString().contains("]")) sb.append(' ').append(lines.get(++k));
        String body = sb.substring(sb.indexOf("[") + 1, sb.indexOf("]"));
        List<Double> v = new ArrayList<>();
        for (String s : body.split(",")) if (!s.isBlank()) v.add(Double.parseDouble(s.trim()));
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void sixAtomWaterFrame() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.path("deepmd-models/deeppot_sea-testcase-block1.yaml"));
        double[] coord = list(lines, "coord");
        double[] atypeD = list(lines, "atype");
        double[] box = list(lines, "box");
        assertEquals(18, coord.length);
        assertEquals(9, box.length);
        int[] types = new int[6];
        for (int i = 0; i < 6; i++) types[i] = (int) atypeD[i];
        assertEquals(List.of(0, 1, 1, 0, 1, 1), java.util.Arrays.stream(types).boxed().toList());

        NeighborList nl = new NeighborListBuilder(6.0).build(coord, box, null);
        SeAEnvironment env = new SeAEnvironment(6.0, 0.5, new int[] {46, 92});
        SeAFrame f = env.computeFrame(types, nl, null);
        List<List<BruteForceNeighbors.Pair>> ref = BruteForceNeighbors.compute(coord, box, 6.0);
        for (int i = 0; i < 6; i++) {
            int[] want = new int[2];
            for (BruteForceNeighbors.Pair p : ref.get(i)) want[types[p.j()]]++;
            int[] got = new int[2];
            for (int s = 0; s < 138; s++) {
                int j = f.neighbor(i, s);
                if (j >= 0) got[s < 46 ? 0 : 1]++;
                for (int c = 0; c < 4; c++) assertTrue(Double.isFinite(f.env(i, s, c)));
            }
            assertEquals(want[0], got[0], "O slots of atom " + i);
            assertEquals(want[1], got[1], "H slots of atom " + i);
            // the nearest H of O atom 0 is atom 1 (r ≈ 0.99 Å, inside the switching region r_s..r_c)
            if (i == 0) {
                int j = f.neighbor(0, 46);
                assertEquals(1, j);
                double dx = coord[3] - coord[0], dy = coord[4] - coord[1], dz = coord[5] - coord[2];
                double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                assertTrue(r > 0.5 && r < 1.2);
                double w = SmoothSwitch.value(r, 0.5, 6.0);
                assertEquals(w / r, f.env(0, 46, 0), 1e-15);
                assertEquals(w * dx / (r * r), f.env(0, 46, 1), 1e-15);
            }
        }
        // 13 Å box > 2 r_c and only 6 atoms: no images, every atom sees the other 5 (all within 6 Å)
        for (int i = 0; i < 6; i++) assertEquals(5, nl.count(i), "atom " + i);
    }
}
