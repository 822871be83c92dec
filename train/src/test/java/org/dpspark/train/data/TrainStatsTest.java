package org.dpspark.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.dpspark.core.testing.LocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading featurize's stats.json for training: rows taken by element name, the frame count it states, the energy
 * bias refitted on the training frames (featurize's fits its whole table: −960 / +300 eV for O / H on the shared data),
 * and a clear error when the cutoffs differ from the model's.
 */
class TrainStatsTest {
    /** A featurize stats.json over types H, O, Si whose biases are those of a mixed-reference table. */
    static final String FEATURIZE = """
            {"format": "dpspark-featurize-stats", "version": 1, "type_map": ["H", "O", "Si"], "rcut": 4.0, "rcut_smth": 0.5,
             "sel": [8, 12, 24],
             "davg_per_type": [[0.1, 0, 0, 0], [0.2, 0, 0, 0], [0.3, 0, 0, 0]],
             "dstd_per_type": [[0.4, 0.5, 0.5, 0.5], [0.6, 0.7, 0.7, 0.7], [0.8, 0.9, 0.9, 0.9]],
             "energy_bias": [299.7, -960.1, -4.7],
             "frames": {"total": 2881, "statistics": 2314, "energy_bias": 2314}}
            """;

    static TrainFrame frame(int[] types, double energy, String id) {
        return new TrainFrame("d", "s" + types.length, types, new double[3 * types.length], null, null, energy, null, null, id);
    }

    @Test
    void featurizeStatsAreReadByNameAndTheBiasIsRefittedOnTheTrainingFrames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats.json");
        Files.writeString(file, FEATURIZE);
        List<String> typeMap = List.of("Si", "O");
        TrainStats st = TrainStats.read(file, typeMap);
        assertTrue(TrainStats.isFeaturizeFile(file));
        assertEquals(2314, st.frames(), "the frame count featurize states");
        assertArrayEquals(new int[] {24, 12}, st.sel());
        int nnei = 36;
        assertEquals(0.3, st.davg()[0], 0.0); // Si row, first slot
        assertEquals(0.2, st.davg()[nnei * 4], 0.0); // O row
        assertEquals(0.9, st.dstd()[1], 0.0);
        assertArrayEquals(new double[] {-4.7, -960.1}, st.energyBias(), 0.0, "as read: featurize's table-wide fit");

        // E = n_Si·(−4.25) + n_O·(−7.5) exactly: least squares recovers the per-type energies (round-off ~1e-13 eV)
        double eSi = -4.25, eO = -7.5;
        List<TrainFrame> frames = List.of(
                frame(new int[] {0, 0, 1}, 2 * eSi + eO, "a"),
                frame(new int[] {0, 1, 1, 1}, eSi + 3 * eO, "b"),
                frame(new int[] {0, 0, 0, 0, 1}, 4 * eSi + eO, "c"),
                frame(new int[] {0, 1}, Double.NaN, "no energy"));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        TrainStats refit = st.withEnergyBias(jsc.parallelize(frames, 2));
        assertArrayEquals(new double[] {eSi, eO}, refit.energyBias(), 1e-10);
        assertArrayEquals(st.davg(), refit.davg(), 0.0);
        assertArrayEquals(st.dstd(), refit.dstd(), 0.0);
    }

    @Test
    void statisticsOfOtherCutoffsAreRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats.json");
        Files.writeString(file, FEATURIZE);
        TrainStats st = TrainStats.read(file, List.of("Si"));
        assertEquals(st, st.requireCutoffs(4.0, 0.5, file));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.requireCutoffs(6.0, 0.5, file));
        assertTrue(e.getMessage().contains("rcut 4.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> st.requireCutoffs(4.0, 3.0, file));
    }
}
