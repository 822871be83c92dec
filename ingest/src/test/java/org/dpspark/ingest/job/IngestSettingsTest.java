package org.dpspark.ingest.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpspark.core.JobConfig;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
    private static IngestSettings load(String... overrides) {
        return IngestSettings.fromConfig(JobConfig.load(null, List.of(overrides)), List.of("in"), "out", "cmd", "{}");
    }

    @Test
    void perDatasetEntriesReplaceTheJobWideSettingsForMatchingDatasets() {
        IngestSettings s = load("ingest.type-map=[X]",
                "ingest.datasets.\"deepmd/Be*\".type-map=[Be]",
                "ingest.datasets.\"extxyz/aspirin*.xyz\".units.energy=\"kcal/mol\"");
        assertEquals(List.of("Be"), s.forDataset("deepmd/Be-multiset").typeMap());
        assertEquals(List.of("X"), s.forDataset("deepmd/water/data_0").typeMap());
        IngestSettings.ReadSettings aspirin = s.forDataset("extxyz/aspirin-md17-kcalmol.xyz");
        assertEquals(Map.of("energy", "kcal/mol"), aspirin.units());
        assertEquals(List.of("X"), aspirin.typeMap(), "fields the entry does not set keep the job-wide value");
        assertTrue(s.forDataset("extxyz/other.xyz").units().isEmpty());
    }

    @Test
    void splitFramesBelowOneIsAnErrorBeforeAnyJob() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("ingest.split-frames=0"));
        assertEquals("ingest.split-frames must be at least 1 (frames one task reads), not 0", e.getMessage());
    }

    @Test
    void unknownKeysInsideAnEntryAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load("ingest.datasets.\"a\".typemap=[O]"));
        assertTrue(e.getMessage().contains("typemap"), e.getMessage());
    }
}
