package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotEvaluator;
import org.dpspark.model.eval.DeepPotResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import-model → export-model (.yaml and .dp) → import-model through the command line: predictions bitwise equal. */
class ModelInteropTest {
    @Test
    void deepmdModelRoundTripsThroughTheCommandLine(@TempDir Path tmp) throws Exception {
        Path yaml = SharedData.path("deepmd-models/deeppot_sea.yaml");
        Path dir = tmp.resolve("model");
        assertTrue(Cli.fail("import-model", "--from", tmp.resolve("missing.yaml").toString(), "-o", dir.toString())
                .contains("missing.yaml"));
        Main.execute("import-model", "--from", yaml.toString(), "-o", dir.toString());
        for (String ext : new String[] {"yaml", "dp"}) {
            Path out = tmp.resolve("exported." + ext);
            assertEquals(0, Main.execute("export-model", "--model", dir.toString(), "--to", out.toString()));
            Path back = tmp.resolve("back-" + ext);
            assertEquals(0, Main.execute("import-model", "--from", out.toString(), "-o", back.toString()));
            DeepPotResult a = evaluate(DeepPotModel.importDeepmd(yaml));
            DeepPotResult b = evaluate(DeepPotModel.load(back));
            assertEquals(a.energy(), b.energy(), 0.0, ext + ": same weights, same arithmetic, same bits");
            assertArrayEquals(a.forces(), b.forces(), 0.0);
            assertArrayEquals(a.virial(), b.virial(), 0.0);
        }
    }

    private static DeepPotResult evaluate(DeepPotModel m) {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 12;
        double[] pos = new double[3 * n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = i % 3 == 0 ? 0 : 1;
            for (int k = 0; k < 3; k++) {
                pos[3 * i + k] = rnd.nextDouble() * 8.0;
            }
        }
        return new DeepPotEvaluator(m).evaluate(pos, new double[] {8, 0, 0, 0, 8, 0, 0, 0, 8}, types);
    }
}
