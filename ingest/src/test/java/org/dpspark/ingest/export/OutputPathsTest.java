package org.dpspark.ingest.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from a table (labels, datasets) never lead an export outside its output folder. */
class OutputPathsTest {
    @TempDir
    Path out;

    @Test
    void hostileLabelsInATableStayInsideTheOutputFolder() {
        String rel = ExportFormat.DEEPMD_NPY.unitPath("water", List.of("Si/../../../../ESC", "Si"), false);
        assertEquals("water/Si_________ESC1Si1", rel);
        Path target = OutputPaths.confine(out, rel);
        assertEquals(out.toAbsolutePath().normalize().resolve("water"), target.getParent());
    }

    @Test
    void hostileDatasetNamesStayInside() {
        for (String dataset : List.of("../../etc", "/abs/path", "a/../../b", "..", ".")) {
            for (ExportFormat f : ExportFormat.values()) {
                String rel = f.unitPath(dataset, List.of("O"), false);
                Path target = OutputPaths.confine(out, rel);
                assertTrue(target.startsWith(out.toAbsolutePath().normalize()), dataset + " -> " + target);
            }
        }
    }

    @Test
    void aPathOutsideIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputPaths.confine(out, "../escaped"));
        assertTrue(e.getMessage().startsWith("output path '../escaped' would be outside the output folder"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.confine(out, "/tmp/abs"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.confine(out, "."));
    }

    @Test
    void componentsAreHarmless() {
        assertEquals("O64H128", OutputPaths.component("O64H128"));
        assertEquals("Si___ESC", OutputPaths.component("Si/../ESC"));
        assertEquals("_", OutputPaths.component(".."));
        assertEquals("_", OutputPaths.component("."));
        assertEquals("_", OutputPaths.component(""));
    }
}
