package org.dpspark.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.stats.StatsFile;
import org.dpspark.model.testing.DeepmdSystem;
import org.dpspark.model.testing.TestFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train writes its statistics in the one stats.json format (featurize's), and reads them back exactly: sel, davg/dstd,
 * the energy bias, the largest neighbour counts and the frame count; a train file is not mistaken for featurize's
 * table-wide statistics (whose energy bias is refitted).
 */
class TrainStatsFileTest {

    @Test
    void trainStatisticsRoundTripThroughTheOneFormat(@TempDir Path dir) throws Exception {
        List<TestFrame> water = DeepmdSystem.read(SharedData.path("deepmd/water/data_0")).subList(0, 12);
        List<TrainFrame> frames = water.stream().map(f -> new TrainFrame("water", "w", f.types(), f.positions(), f.cell(),
                null, f.energy(), null, null, f.id())).toList();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
        List<String> typeMap = List.of("O", "H");
        TrainStats.Computed c = TrainStats.compute(jsc.parallelize(frames, 2), typeMap, 6.0, 0.5, null, 1.1);
        Path file = dir.resolve("stats.json");
        c.write(file, 1.1, "frames-table", Map.of("command", "dpspark train", "config", Map.of("steps", 10)));

        StatsFile f = StatsFile.read(file);
        assertEquals(typeMap, f.typeMap());
        assertFalse(TrainStats.isFeaturizeFile(file), "train's own statistics keep their energy bias");
        TrainStats back = TrainStats.read(file, typeMap);
        TrainStats st = c.stats();
        assertArrayEquals(st.sel(), back.sel());
        assertArrayEquals(st.maxNeighbours(), back.maxNeighbours());
        assertEquals(st.frames(), back.frames());
        // davg/dstd: every slot of a centre type holds the same row (DeePMD-kit's EnvMatStatSe), so one row per type
        // in the file is exact; doubles written by Jackson and read back are the same doubles
        assertArrayEquals(st.davg(), back.davg(), 0.0);
        assertArrayEquals(st.dstd(), back.dstd(), 0.0);
        assertArrayEquals(st.energyBias(), back.energyBias(), 0.0);
        assertEquals(12, st.frames());
    }
}
