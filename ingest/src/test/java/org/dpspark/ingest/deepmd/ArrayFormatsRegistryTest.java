package org.dpspark.ingest.deepmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dpspark.core.testing.SharedData;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.ReaderRegistry;
import org.junit.jupiter.api.Test;

class ArrayFormatsRegistryTest {

    @Test
    void arrayFormatsAreRegistered() {
        assertTrue(ReaderRegistry.formats().containsAll(
                List.of("deepmd/npy", "deepmd/raw", "deepmd/hdf5", "ani1x", "spice", "md17")));
        assertEquals("deepmd/hdf5", ReaderRegistry.get("deepmd/hdf5").format());
    }

    @Test
    void detectsDeepmdFoldersByContent() {
        assertEquals("deepmd/npy", ReaderRegistry.detect(InputProbe.of(SharedData.path("deepmd/water/data_1")))
                .orElseThrow().format());
        assertEquals("deepmd/npy", ReaderRegistry.detect(InputProbe.of(SharedData.path("deepmd/nopbc-CHO/C4H3O1")))
                .orElseThrow().format());
        assertEquals("deepmd/raw", ReaderRegistry.detect(InputProbe.of(SharedData.path("vasp/deepmd.h2o.md")))
                .orElseThrow().format());
    }
}
