package org.dpspark.model.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.ModelDirectory;
import org.dpspark.model.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed model directory (artifact version 2) round-trips bitwise; a missing or truncated table, or a version
 * that disagrees with the compressed flag, is refused with one line naming the file and the reason.
 */
class CompressionFilesTest {

    @Test
    void roundTripsAndRefusesBrokenDirectories(@TempDir Path tmp) throws Exception {
        DeepPotModel m = DeepPotModel.importDeepmd(SharedData.path("deepmd-models/deeppot_sea.yaml"));
        DeepPotModel c = m.withCompression(Compression.build(m.seA(), 0.9, 0.02, 4, 7));
        Path dir = tmp.resolve("c");
        c.save(dir);
        DeepPotModel back = DeepPotModel.load(dir);
        assertTrue(back.compressed());
        assertEquals(0.02, back.compression().stride0());
        assertEquals(0.2, back.compression().stride1(), 1e-15);
        assertEquals(4.0, back.compression().extrapolate());
        assertEquals(7, back.compression().checkFrequency());
        for (int k = 0; k < c.compression().tables().size(); k++) {
            assertArrayEquals(c.compression().tables().get(k).coef(), back.compression().tables().get(k).coef(), 0.0);
        }
        // an uncompressed save of the same model stays version 1
        Path plain = tmp.resolve("plain");
        c.withCompression(null).save(plain);
        assertTrue(Files.readString(plain.resolve(ModelDirectory.META_FILE)).contains("\"artifact_version\" : 1"));
        assertFalse(DeepPotModel.load(plain).compressed());
        // withNets drops the tables (they would not fit other weights)
        assertFalse(c.withNets(c.seA().embeddings(), c.fitting().nets()).compressed());

        Path table = dir.resolve("compression/table-1.f64");
        byte[] bytes = Files.readAllBytes(table);
        Files.write(table, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        IOException e = assertThrows(IOException.class, () -> DeepPotModel.load(dir));
        assertTrue(e.getMessage().contains("table-1.f64") && e.getMessage().contains("bytes"), e.getMessage());

        Path meta = plain.resolve(ModelDirectory.META_FILE);
        Files.writeString(meta, Files.readString(meta).replace("\"artifact_version\" : 1", "\"artifact_version\" : 2"));
        UnsupportedModelException v = assertThrows(UnsupportedModelException.class, () -> DeepPotModel.load(plain));
        assertTrue(v.getMessage().contains("artifact_version 2 but compressed = false"), v.getMessage());
        Files.writeString(meta, Files.readString(meta).replace("\"artifact_version\" : 2", "\"artifact_version\" : 3"));
        assertThrows(UnsupportedModelException.class, () -> DeepPotModel.load(plain));
    }
}
